-- Question: how does enterprise coverage develop month by month in each town?
-- 问题：各镇街逐月的企业巡查覆盖率如何变化？
-- Coverage is a ratio of sums (Σvisited ÷ Σenterprises over the town's grids), not a mean of
-- grid ratios, so a grid with 2 enterprises weighs less than one with 40.
-- Parameters (all optional; an unset parameter is empty):
--   ${from}  first month YYYY-MM (default: the earliest month in grid_month)
--   ${to}    last month YYYY-MM (default: the latest)
--   ${kind}  grid kind: enterprise | community | village (default: every kind)
-- Example: ./gridwatch sql --format csv --file notebooks/queries/coverage_trend_by_town.sql --param from=2025-01 --param to=2025-12
-- Columns:
--   town         镇街 town (高新区 for enterprise grids)
--   month        YYYY-MM
--   grids        grids with at least one counted enterprise
--   enterprises  Σ enterprises counted that month
--   visited      Σ counted enterprises with a valid visit
--   coverage     visited ÷ enterprises, 4 decimals
--   full_grids   grids at full coverage (拉通式全覆盖)
SELECT
  town,
  month,
  count(*) AS grids,
  sum(enterprises) AS enterprises,
  sum(visited) AS visited,
  round(sum(visited) / sum(enterprises), 4) AS coverage,
  count_if(full_coverage) AS full_grids
FROM grid_month
WHERE enterprises > 0
  AND ('${from}' = '' OR month >= '${from}')
  AND ('${to}' = '' OR month <= '${to}')
  AND ('${kind}' = '' OR kind = '${kind}')
GROUP BY town, month
ORDER BY town, month
