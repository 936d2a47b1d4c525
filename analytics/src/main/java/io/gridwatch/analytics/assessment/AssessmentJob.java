package io.gridwatch.analytics.assessment;

import io.gridwatch.analytics.lake.LakeFs;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.analytics.workforce.BudgetYearJob;
import io.gridwatch.analytics.workforce.TrainingGapsJob;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.rules.Rules;
import java.util.Map;

/**
 * Writes the monthly assessment marts {@code worker_month} and {@code patrol_flags}, the period
 * marts {@code worker_quarter}, {@code worker_year}, {@code fulltime_quarter}, {@code
 * fulltime_year}, {@code town_submissions} (assessment-rules.md §2–§4) (and the workforce marts
 * {@code budget_year}, {@code training_gaps} of {@code analytics.workforce}); runs after {@code
 * enterprise_grid} and {@code grid_month} (it reads the {@code enterprise_grid} mart).
 */
public final class AssessmentJob {
  private AssessmentJob() {}

  /** Marts written by {@link #run}, in writing order. */
  public static final String[] MARTS = {
    "worker_month",
    "patrol_flags",
    "worker_quarter",
    "worker_year",
    "fulltime_quarter",
    "fulltime_year",
    "town_submissions",
    "budget_year",
    "training_gaps"
  };

  /**
   * Computes and (atomically per mart) replaces every mart of {@link #MARTS}; puts their row counts
   * in {@code rows}.
   */
  public static void run(LakeTables lake, Rules rules, Map<String, Long> rows) {
    AssessmentBasis basis = new AssessmentBasis(lake, rules);
    try {
      write(lake, "worker_month", WorkerMonthJob.compute(basis), rows);
      write(lake, "patrol_flags", PatrolFlagsJob.compute(basis), rows);
      writePeriodMarts(lake, rules, basis.months(), rows);
      write(lake, "budget_year", BudgetYearJob.compute(lake, rules, basis.months()), rows);
      write(lake, "training_gaps", TrainingGapsJob.compute(lake, basis.months()), rows);
    } finally {
      basis.release();
    }
  }

  /**
   * worker_quarter, worker_year (from the written worker_month), fulltime_quarter, fulltime_year
   * (from town_scores) and town_submissions (assessment-rules.md §2–§4).
   */
  private static void writePeriodMarts(
      LakeTables lake,
      Rules rules,
      java.util.List<java.time.YearMonth> months,
      Map<String, Long> rows) {
    var workers = lake.tableOrEmpty(io.gridwatch.core.lake.LakeSchema.WORKERS);
    var townScores = lake.tableOrEmpty(io.gridwatch.core.lake.LakeSchema.TOWN_SCORES);
    var workerMonth = written(lake, "worker_month");
    write(lake, "worker_quarter", QuarterJob.compute(workerMonth, workers, rules), rows);
    var workerQuarter = written(lake, "worker_quarter");
    write(lake, "worker_year", YearJob.compute(workerQuarter, workerMonth, rules), rows);
    write(lake, "fulltime_quarter", FulltimeJob.quarters(townScores, workers, rules), rows);
    var fulltimeQuarter = written(lake, "fulltime_quarter");
    write(
        lake,
        "fulltime_year",
        FulltimeJob.years(townScores, workers, fulltimeQuarter, rules),
        rows);
    write(
        lake,
        "town_submissions",
        TownSubmissionsJob.compute(
            lake.spark(),
            workers,
            lake.tableOrEmpty(io.gridwatch.core.lake.LakeSchema.GRIDS),
            townScores,
            months,
            rules),
        rows);
  }

  /** A mart just written by {@link #write} (read back, so later marts reuse the file). */
  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> written(
      LakeTables lake, String name) {
    return lake.spark().read().parquet(LakePaths.mart(lake.lake(), name));
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
