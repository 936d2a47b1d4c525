-- Question: does public awareness follow coverage with a one-month lag? Coverage of month m
-- against the awareness rate (知晓率) of month m+1, per grid or per town, with the Pearson
-- correlation over all pairs (and the same-month correlation for comparison).
-- 问题：知晓率是否滞后一个月跟随覆盖率？第 m 月覆盖率对第 m+1 月知晓率，并给出相关系数。
-- Both rates are ratios of sums within a unit (Σvisited ÷ Σenterprises, Σknown ÷ Σsampled).
-- Only units with spot checks in m+1 (in practice enterprise grids) appear.
-- Parameters (all optional; an unset parameter is empty):
--   ${by}    grid | town: the unit compared (default: grid)
--   ${from}  first coverage month m, YYYY-MM (default: the earliest)
--   ${to}    last coverage month m, YYYY-MM (default: the latest that has a following month)
-- Example: ./gridwatch sql --format csv --file notebooks/queries/awareness_vs_coverage_lag.sql --param by=town
-- Columns:
--   unit              grid_id (by=grid) or town (by=town)
--   town              镇街 town
--   month             coverage month m (YYYY-MM)
--   coverage          coverage in m
--   next_month        m+1
--   awareness_sampled spot checks in m+1
--   awareness_rate    knew the worker ÷ sampled in m+1
--   corr_lag1         Pearson correlation of coverage(m) and awareness(m+1) over all rows
--   corr_same_month   Pearson correlation of coverage(m) and awareness(m) over the same units
WITH unit_month AS (
  SELECT
    IF('${by}' = 'town', town, grid_id) AS unit,
    min(town) AS town,
    month,
    sum(visited) / nullif(sum(enterprises), 0) AS coverage,
    sum(awareness_sampled) AS awareness_sampled,
    sum(awareness_known) / nullif(sum(awareness_sampled), 0) AS awareness_rate
  FROM grid_month
  GROUP BY 1, month
),
pairs AS (
  SELECT
    c.unit,
    c.town,
    c.month,
    c.coverage,
    a.month AS next_month,
    a.awareness_sampled,
    a.awareness_rate,
    c.awareness_rate AS awareness_same_month
  FROM unit_month c
  JOIN unit_month a
    ON a.unit = c.unit
   AND a.month = date_format(add_months(to_date(c.month || '-01'), 1), 'yyyy-MM')
  WHERE c.coverage IS NOT NULL
    AND a.awareness_sampled > 0
    AND ('${from}' = '' OR c.month >= '${from}')
    AND ('${to}' = '' OR c.month <= '${to}')
)
SELECT
  unit,
  town,
  month,
  round(coverage, 4) AS coverage,
  next_month,
  awareness_sampled,
  round(awareness_rate, 4) AS awareness_rate,
  round(corr(coverage, awareness_rate) OVER (), 4) AS corr_lag1,
  round(corr(coverage, awareness_same_month) OVER (), 4) AS corr_same_month
FROM pairs
ORDER BY unit, month
