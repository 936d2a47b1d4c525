package io.gridwatch.analytics;

import io.gridwatch.analytics.assessment.AssessmentJob;
import io.gridwatch.analytics.coverage.GridMonthJob;
import io.gridwatch.analytics.lake.LakeFs;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.time.Periods;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@code gridwatch analyze}: lake → marts under {@code <lake>/marts/}. */
public final class AnalyzeJob {
  private AnalyzeJob() {}

  /** Marts written by this job, in writing order (then those of {@link AssessmentJob#MARTS}). */
  public static final String[] MARTS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("enterprise_grid", "grid_month"),
              java.util.Arrays.stream(AssessmentJob.MARTS))
          .toArray(String[]::new);

  /**
   * Computes and (atomically per mart) replaces {@code enterprise_grid}, {@code grid_month}, then
   * the assessment marts of {@link AssessmentJob#MARTS}; returns the row count of each. Fails when
   * the lake has no {@code grids} table.
   */
  public static AnalyzeSummary run(SparkSession spark, AnalyzeConfig config) {
    long t0 = System.nanoTime();
    LakeTables lake = new LakeTables(spark, config.lake());
    GridMonthJob job = new GridMonthJob(lake, config.rules()).compute();
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      write(lake, "enterprise_grid", job.enterpriseGrid(), rows);
      write(lake, "grid_month", job.gridMonth(), rows);
    } finally {
      job.release();
    }
    AssessmentJob.run(lake, config.rules(), rows);
    var months = job.months();
    return new AnalyzeSummary(
        rows,
        months.size(),
        months.isEmpty() ? null : Periods.format(months.get(0)),
        months.isEmpty() ? null : Periods.format(months.get(months.size() - 1)),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static void write(
      LakeTables lake,
      String name,
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df,
      Map<String, Long> rows) {
    String path = LakePaths.mart(lake.lake(), name);
    LakeFs.replaceParquet(df, path);
    rows.put(name, lake.spark().read().parquet(path).count());
  }
}
