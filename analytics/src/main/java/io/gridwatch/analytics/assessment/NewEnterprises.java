package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import io.gridwatch.core.rules.Rules;
import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * New enterprises not discovered or not reported in time (assessment-rules.md §1a): −2 each,
 * charged to the worker holding the enterprise's grid on the deadline day, in the deadline's month.
 */
final class NewEnterprises {
  private NewEnterprises() {}

  /**
   * Per (worker_id, month): ne_count and ne_list (deductions {@code new_enterprise}, −2, evidence =
   * the enterprise id and the first valid visit's patrol id when there is one). Empty without
   * assessed months.
   */
  static Dataset<Row> misses(AssessmentBasis b) {
    Rules rules = b.rules();
    if (b.months().isEmpty()) {
      return b.lake()
          .spark()
          .sql(
              "SELECT CAST(NULL AS STRING) worker_id, CAST(NULL AS STRING) month,"
                  + " CAST(0 AS BIGINT) ne_count, CAST(array() AS array<"
                  + WorkerMonthJob.DEDUCTION_TYPE
                  + ">) ne_list")
          .where("false");
    }
    Date firstDay = Date.valueOf(b.months().get(0).atDay(1));
    Dataset<Row> firstValid =
        b.visits()
            .where("valid")
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy("enterprise_id")
                            .orderBy(col("visited_at").asc(), col("patrol_id").asc())))
            .where("rn = 1")
            .select(
                col("enterprise_id"),
                col("patrol_id").as("fv_patrol"),
                col("visit_date").as("fv_date"),
                col("visited_at").as("fv_at"),
                col("reported_at").as("fv_reported"));
    Dataset<Row> months = b.monthsDf().select("month", "layout_version");
    Dataset<Row> gk =
        b.gridDim().select(col("grid_id"), col("layout_version"), col("kind").as("g_kind"));
    Dataset<Row> deadlines =
        b.enterprises()
            .where(col("registered_on").geq(functions.lit(firstDay)))
            .withColumn("deadline", expr("date_add(registered_on, " + rules.discoveryDays() + ")"))
            .withColumn("month", functions.date_format(col("deadline"), "yyyy-MM"))
            // the grid of the enterprise in the layout in force in the deadline's month
            .join(broadcast(months), new String[] {"month", "layout_version"})
            .where("grid_id IS NOT NULL")
            .join(gk, new String[] {"grid_id", "layout_version"}, "left")
            .join(firstValid, new String[] {"enterprise_id"}, "left")
            .where(
                "fv_patrol IS NULL OR fv_date > deadline OR (fv_reported IS NOT NULL AND"
                    + " unix_micros(fv_reported) - unix_micros(fv_at) > "
                    + (long) rules.reportHours() * 3_600_000_000L
                    + ")");
    return deadlines
        .join(
            b.holdings(),
            col("h_grid")
                .equalTo(col("grid_id"))
                .and(col("h_start").leq(col("deadline")))
                .and(col("h_end").isNull().or(col("h_end").gt(col("deadline"))))
                .and(expr(WorkerMonthJob.kindRank("g_kind", "h_kind")).isNotNull()))
        .withColumn(
            "rn",
            row_number()
                .over(
                    Window.partitionBy("enterprise_id")
                        .orderBy(
                            expr(WorkerMonthJob.kindRank("g_kind", "h_kind")).asc(),
                            col("h_start").desc(),
                            col("h_worker").asc())))
        .where("rn = 1")
        .groupBy(col("h_worker").as("worker_id"), col("month"))
        .agg(
            functions.count(functions.lit(1)).as("ne_count"),
            expr("collect_list(named_struct('rule', 'new_enterprise', 'points',"
                    + " CAST(-2 AS DOUBLE), 'evidence_ids',"
                    + " filter(array(enterprise_id, fv_patrol), x -> x IS NOT NULL)))")
                .as("ne_list"));
  }
}
