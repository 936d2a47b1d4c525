package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.core.rules.Rules;
import io.gridwatch.core.time.Periods;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code town_submissions} mart (data-contract.md §3, assessment-rules.md §4, 第十九条): per town
 * and quarter overlapping the assessed months, how many full-time quarter results were expected,
 * submitted on time, submitted late, and missing.
 *
 * <p>Reading: a full-time worker is <b>expected</b> from a town for a quarter when employed on the
 * 15th of at least one month of the calendar quarter (all three months, as the town reports on the
 * whole quarter; the same months the quarter pay counts), the worker's town being {@code
 * workers.town}, else the town of the worker's grid. {@code on_time} and {@code late} count the
 * town's full-time submissions for the quarter (town_scores rows with that town and period), late
 * meaning {@code submitted_on} after the due date ({@code rules.fulltime.report_due_day} of the
 * first month of the next quarter). {@code missing} counts expected workers without a submission
 * for the quarter. Every town with an expected worker or a submission in any of these quarters gets
 * a row for each quarter.
 */
public final class TownSubmissionsJob {
  private TownSubmissionsJob() {}

  private static final StructType QUARTERS =
      new StructType()
          .add("quarter", DataTypes.StringType, false)
          .add("due_on", DataTypes.DateType, false)
          .add("complete", DataTypes.BooleanType, false)
          .add("day15", DataTypes.DateType, false);

  /**
   * The town_submissions rows (lazy): town, quarter, expected, on_time, late, missing, then due_on,
   * quarter_assessed (all three months are assessed months) and missing_worker_ids.
   */
  public static Dataset<Row> compute(
      SparkSession spark,
      Dataset<Row> workers,
      Dataset<Row> grids,
      Dataset<Row> townScores,
      List<YearMonth> assessedMonths,
      Rules rules) {
    TreeSet<String> quarters = new TreeSet<>();
    for (YearMonth m : assessedMonths) {
      quarters.add(Periods.quarterOf(m));
    }
    List<Row> qm = new ArrayList<>();
    for (String q : quarters) {
      boolean complete = assessedMonths.containsAll(Periods.monthsOfQuarter(q));
      Date due = Date.valueOf(Periods.quarterReportDue(q, rules.fulltimeReportDueDay()));
      for (YearMonth m : Periods.monthsOfQuarter(q)) {
        qm.add(RowFactory.create(q, due, complete, Date.valueOf(Periods.day15(m))));
      }
    }
    Dataset<Row> quarterMonths = spark.createDataFrame(qm, QUARTERS);
    Dataset<Row> quarterDim = quarterMonths.select("quarter", "due_on", "complete").distinct();

    Dataset<Row> gridTown =
        grids
            .where("grid_id IS NOT NULL")
            .groupBy(col("grid_id").as("g_grid_id"))
            .agg(expr("max_by(town, coalesce(layout_version, 0))").as("grid_town"));
    Dataset<Row> fulltime =
        workers
            .where("worker_id IS NOT NULL AND kind = 'fulltime' AND hired_on IS NOT NULL")
            .join(gridTown, col("grid_id").equalTo(col("g_grid_id")), "left")
            .select(
                col("worker_id"),
                expr("coalesce(town, grid_town)").as("town"),
                col("hired_on"),
                col("left_on"));
    Dataset<Row> expected =
        fulltime
            .crossJoin(broadcast(quarterMonths))
            .where("hired_on <= day15 AND (left_on IS NULL OR left_on > day15)")
            .select("town", "quarter", "worker_id")
            .distinct();

    Dataset<Row> ftIds =
        workers.where("kind = 'fulltime'").select(col("worker_id").as("f_worker_id"));
    Dataset<Row> submitted =
        townScores
            .where("worker_id IS NOT NULL AND period IS NOT NULL")
            .join(ftIds, col("worker_id").equalTo(col("f_worker_id")))
            .join(broadcast(quarterDim), col("period").equalTo(col("quarter")))
            .select(
                col("town"),
                col("quarter"),
                col("worker_id"),
                expr("submitted_on IS NOT NULL AND submitted_on > due_on").as("is_late"));

    Dataset<Row> towns =
        expected
            .select("town")
            .union(submitted.select("town"))
            .where("town IS NOT NULL")
            .distinct();
    Dataset<Row> expectedCounts =
        expected
            .join(
                submitted.select(col("quarter").as("s_quarter"), col("worker_id").as("s_worker")),
                col("quarter")
                    .equalTo(col("s_quarter"))
                    .and(col("worker_id").equalTo(col("s_worker"))),
                "left")
            .groupBy("town", "quarter")
            .agg(
                expr("CAST(count(DISTINCT worker_id) AS INT)").as("expected"),
                expr("CAST(count(DISTINCT IF(s_worker IS NULL, worker_id, NULL)) AS INT)")
                    .as("missing"),
                expr("array_sort(collect_set(IF(s_worker IS NULL, worker_id, NULL)))")
                    .as("missing_worker_ids"));
    Dataset<Row> submittedCounts =
        submitted
            .groupBy("town", "quarter")
            .agg(
                expr("CAST(count_if(NOT is_late) AS INT)").as("on_time"),
                expr("CAST(count_if(is_late) AS INT)").as("late"));
    String[] key = {"town", "quarter"};
    return towns
        .crossJoin(broadcast(quarterDim))
        .join(expectedCounts, key, "left")
        .join(submittedCounts, key, "left")
        .select(
            col("town"),
            col("quarter"),
            expr("coalesce(expected, 0)").as("expected"),
            expr("coalesce(on_time, 0)").as("on_time"),
            expr("coalesce(late, 0)").as("late"),
            expr("coalesce(missing, 0)").as("missing"),
            col("due_on"),
            col("complete").as("quarter_assessed"),
            expr("coalesce(missing_worker_ids, CAST(array() AS array<string>))")
                .as("missing_worker_ids"))
        .orderBy("quarter", "town");
  }
}
