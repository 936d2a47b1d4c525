-- Question: are check-ins bunched at the end of the month? Check-ins per local (Asia/Shanghai)
-- day, with the day of month and the days left before the month ends; aggregate by either.
-- 问题：巡查打卡是否集中在月底？按北京时间日期统计打卡数、当月第几天、距月末天数。
-- visited_at is stored as an instant (Parquet TIMESTAMP_MICROS, UTC-adjusted); the local date
-- is computed from the epoch with Asia/Shanghai's fixed UTC+8 (no DST since 1991), so the
-- result does not depend on the session time zone.
-- Parameters (all optional; an unset parameter is empty):
--   ${from}         first month YYYY-MM (default: every month)
--   ${to}           last month YYYY-MM (default: every month)
--   ${worker_kind}  exclusive | fulltime | parttime (default: every worker)
-- Example: ./gridwatch sql --format csv --file notebooks/queries/checkin_timing.sql --param worker_kind=exclusive
-- Columns:
--   month                  YYYY-MM (Asia/Shanghai)
--   local_date             check-in date in Asia/Shanghai
--   day_of_month           1..31
--   days_before_month_end  0 on the last day of the month
--   days_in_month          28..31
--   weekday                1 = Monday … 7 = Sunday
--   check_ins              check-ins that day
--   share_of_month         check_ins ÷ check-ins of the month, 4 decimals
WITH c AS (
  SELECT
    date_from_unix_date(CAST(floor((unix_seconds(p.visited_at) + 8 * 3600) / 86400) AS INT)) AS local_date
  FROM patrols p
  LEFT JOIN workers w ON w.worker_id = p.worker_id
  WHERE ('${worker_kind}' = '' OR w.kind = '${worker_kind}')
),
d AS (
  SELECT date_format(local_date, 'yyyy-MM') AS month, local_date, count(*) AS check_ins
  FROM c
  GROUP BY local_date
)
SELECT
  month,
  local_date,
  day(local_date) AS day_of_month,
  datediff(last_day(local_date), local_date) AS days_before_month_end,
  day(last_day(local_date)) AS days_in_month,
  weekday(local_date) + 1 AS weekday,
  check_ins,
  round(check_ins / sum(check_ins) OVER (PARTITION BY month), 4) AS share_of_month
FROM d
WHERE ('${from}' = '' OR month >= '${from}')
  AND ('${to}' = '' OR month <= '${to}')
ORDER BY local_date
