package io.gridwatch.analytics.assessment;

import io.gridwatch.analytics.lake.LakeFs;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.rules.Rules;
import java.util.Map;

/**
 * Writes the monthly assessment marts {@code worker_month} and {@code patrol_flags}; runs after
 * {@code enterprise_grid} and {@code grid_month} (it reads the {@code enterprise_grid} mart).
 */
public final class AssessmentJob {
  private AssessmentJob() {}

  /** Marts written by {@link #run}, in writing order. */
  public static final String[] MARTS = {"worker_month", "patrol_flags"};

  /**
   * Computes and (atomically per mart) replaces both marts; puts their row counts in {@code rows}.
   */
  public static void run(LakeTables lake, Rules rules, Map<String, Long> rows) {
    AssessmentBasis basis = new AssessmentBasis(lake, rules);
    try {
      write(lake, "worker_month", WorkerMonthJob.compute(basis), rows);
      write(lake, "patrol_flags", PatrolFlagsJob.compute(basis), rows);
    } finally {
      basis.release();
    }
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
