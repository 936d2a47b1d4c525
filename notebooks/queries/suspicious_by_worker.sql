-- Question: which workers have the most suspicious check-ins, and why? patrol_flags per worker
-- and reason (too_far 距离过远, too_fast 移动过快, duplicate_point 重复坐标, not_certified 未持证),
-- against the worker's check-ins in the same period.
-- 问题：哪些网格员的可疑打卡最多、原因是什么？
-- Parameters (all optional; an unset parameter is empty):
--   ${from}    first month YYYY-MM of the flagged check-in (default: every month)
--   ${to}      last month YYYY-MM (default: every month)
--   ${reason}  too_far | too_fast | duplicate_point | not_certified (default: every reason)
-- Example: ./gridwatch sql --format csv --file notebooks/queries/suspicious_by_worker.sql --param reason=too_far
-- Columns:
--   worker_id              网格员编号
--   name                   姓名
--   kind                   exclusive | fulltime | parttime
--   town                   镇街
--   reason                 flag reason
--   flags                  flagged check-ins with that reason
--   check_ins              every check-in of the worker in the period
--   flags_per_100          flags ÷ check_ins × 100, 2 decimals
--   worker_flags           flags of the worker over every selected reason
WITH p AS (
  SELECT patrol_id, worker_id, month
  FROM patrols
  WHERE ('${from}' = '' OR month >= '${from}')
    AND ('${to}' = '' OR month <= '${to}')
),
f AS (
  SELECT f.worker_id, f.reason, count(*) AS flags
  FROM patrol_flags f
  JOIN p ON p.patrol_id = f.patrol_id
  WHERE ('${reason}' = '' OR f.reason = '${reason}')
  GROUP BY f.worker_id, f.reason
),
n AS (
  SELECT worker_id, count(*) AS check_ins FROM p GROUP BY worker_id
)
SELECT
  f.worker_id,
  w.name,
  w.kind,
  w.town,
  f.reason,
  f.flags,
  n.check_ins,
  round(100 * f.flags / n.check_ins, 2) AS flags_per_100,
  sum(f.flags) OVER (PARTITION BY f.worker_id) AS worker_flags
FROM f
LEFT JOIN n ON n.worker_id = f.worker_id
LEFT JOIN workers w ON w.worker_id = f.worker_id
ORDER BY worker_flags DESC, f.worker_id, f.flags DESC, f.reason
