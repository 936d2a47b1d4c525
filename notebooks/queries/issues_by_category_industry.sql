-- Question: which industries show the most issues of each category (environment, safety,
-- social order)? Patrols with an issue joined to the visited enterprise's industry; the issue
-- rate is per patrol of that industry, so large industries do not win by size alone.
-- 问题：哪些行业发现的问题最多（环境、安全、综治）？按行业的每百次巡查问题数。
-- Parameters (all optional; an unset parameter is empty):
--   ${from}  first month YYYY-MM (default: every month)
--   ${to}    last month YYYY-MM (default: every month)
-- Example: ./gridwatch sql --format csv --file notebooks/queries/issues_by_category_industry.sql --param from=2025-07
-- Columns:
--   industry                行业 industry of the visited enterprise (未关联企业 / no enterprise for general patrols)
--   category                environment | safety | social_order
--   issues                  patrols with an issue of that category
--   industry_patrols        every patrol of that industry in the period
--   industry_enterprises    enterprises of that industry visited in the period
--   issues_per_100_patrols  issues ÷ industry_patrols × 100, 2 decimals
--   share_of_category       issues ÷ all issues of the category (every industry), 4 decimals
WITH p AS (
  SELECT
    coalesce(e.industry, '未关联企业 / no enterprise') AS industry,
    p.enterprise_id,
    p.category,
    p.issue_found
  FROM patrols p
  LEFT JOIN enterprises e ON e.enterprise_id = p.enterprise_id
  WHERE ('${from}' = '' OR p.month >= '${from}')
    AND ('${to}' = '' OR p.month <= '${to}')
),
by_industry AS (
  SELECT industry, count(*) AS industry_patrols, count(DISTINCT enterprise_id) AS industry_enterprises
  FROM p
  GROUP BY industry
),
issues AS (
  SELECT industry, category, count(*) AS issues
  FROM p
  WHERE issue_found AND category <> 'none'
  GROUP BY industry, category
)
SELECT
  i.industry,
  i.category,
  i.issues,
  b.industry_patrols,
  b.industry_enterprises,
  round(100 * i.issues / b.industry_patrols, 2) AS issues_per_100_patrols,
  round(i.issues / sum(i.issues) OVER (PARTITION BY i.category), 4) AS share_of_category
FROM issues i
JOIN by_industry b ON b.industry = i.industry
ORDER BY i.category, issues_per_100_patrols DESC, i.industry
