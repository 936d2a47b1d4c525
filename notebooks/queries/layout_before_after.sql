-- Question: did a grid layout change (网格调整 / redraw) help? grid_month metrics per town
-- before and after ${month}, also split by layout_version. Towns are stable across layouts,
-- grids are not, so the comparison is per town. Rates are ratios of sums.
-- 问题：网格调整前后，各镇街的覆盖率、知晓率、问题数、可疑打卡有何变化？
-- Parameters (all optional; an unset parameter is empty):
--   ${month}  first month after the change, YYYY-MM (default: the first month of the latest
--             layout_version in grid_month; with a single layout everything is "after")
--   ${from}   first month YYYY-MM (default: every month)
--   ${to}     last month YYYY-MM (default: every month)
-- Example: ./gridwatch sql --format csv --file notebooks/queries/layout_before_after.sql --param month=2025-07
-- Columns:
--   town                        镇街 town
--   period                      before | after (month < ${month} is before)
--   layout_version              layout in force in those months
--   split_month                 the ${month} used (YYYY-MM)
--   months                      months in the period
--   grids                       distinct grids
--   grid_months                 grid × month rows
--   enterprises_per_month       Σ enterprises ÷ months, 1 decimal
--   coverage                    Σ visited ÷ Σ enterprises, 4 decimals
--   full_coverage_share         grid-months at full coverage ÷ grid-months with enterprises, 4 decimals
--   awareness_rate              Σ known ÷ Σ sampled, 4 decimals (empty without spot checks)
--   patrols_per_grid_month      Σ patrols ÷ grid_months, 2 decimals
--   issues_per_grid_month       Σ issues (all categories) ÷ grid_months, 2 decimals
--   suspicious_per_grid_month   Σ suspicious_visits ÷ grid_months, 2 decimals
WITH gm AS (
  SELECT *
  FROM grid_month
  WHERE ('${from}' = '' OR month >= '${from}')
    AND ('${to}' = '' OR month <= '${to}')
),
split AS (
  SELECT coalesce(nullif('${month}', ''), min(month)) AS split_month
  FROM gm
  WHERE layout_version = (SELECT max(layout_version) FROM gm)
)
SELECT
  gm.town,
  IF(gm.month < s.split_month, 'before', 'after') AS period,
  gm.layout_version,
  s.split_month,
  count(DISTINCT gm.month) AS months,
  count(DISTINCT gm.grid_id) AS grids,
  count(*) AS grid_months,
  round(sum(gm.enterprises) / count(DISTINCT gm.month), 1) AS enterprises_per_month,
  round(sum(gm.visited) / nullif(sum(gm.enterprises), 0), 4) AS coverage,
  round(count_if(gm.full_coverage) / nullif(count_if(gm.enterprises > 0), 0), 4)
    AS full_coverage_share,
  round(sum(gm.awareness_known) / nullif(sum(gm.awareness_sampled), 0), 4) AS awareness_rate,
  round(sum(gm.patrols) / count(*), 2) AS patrols_per_grid_month,
  round(sum(gm.issues_environment + gm.issues_safety + gm.issues_social_order) / count(*), 2)
    AS issues_per_grid_month,
  round(sum(gm.suspicious_visits) / count(*), 2) AS suspicious_per_grid_month
FROM gm
CROSS JOIN split s
GROUP BY gm.town, period, gm.layout_version, s.split_month
ORDER BY gm.town, period DESC, gm.layout_version
