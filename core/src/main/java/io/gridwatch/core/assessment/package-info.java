/**
 * Spark-free assessment engine (assessment-rules.md §2–§4): exact decimal rounding, grading,
 * ranking without ties, the excellent quota, probation months and performance pay. The Spark jobs
 * of {@code analytics.assessment} group rows by period and call it, so every rule lives here once.
 */
package io.gridwatch.core.assessment;
