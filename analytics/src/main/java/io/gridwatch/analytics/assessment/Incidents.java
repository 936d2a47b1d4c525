package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.rules.Rules;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Major incidents without a timely arrival (assessment-rules.md §1a): the whole 30 patrol points of
 * the month are lost by every worker holding the incident's grid at {@code notified_at}.
 */
final class Incidents {
  private Incidents() {}

  /**
   * Per (worker_id, month of notified_at): inc_count and inc_ids (sorted) of failed major
   * incidents. The grid is {@code incidents.grid_id}, else the grid (in the month's layout)
   * containing lon/lat.
   */
  static Dataset<Row> failures(AssessmentBasis b) {
    Rules rules = b.rules();
    String severities =
        rules.incidentSeverities().stream()
            .map(s -> "'" + s + "'")
            .collect(Collectors.joining(", "));
    Dataset<Row> inc =
        b.lake()
            .tableOrEmpty(LakeSchema.INCIDENTS)
            .where(
                "incident_id IS NOT NULL AND notified_at IS NOT NULL AND severity IN ("
                    + severities
                    + ")")
            .where(
                "arrived_at IS NULL OR unix_micros(arrived_at) - unix_micros(notified_at) > "
                    + (long) rules.incidentMaxArrivalMinutes() * 60_000_000L)
            .select(
                col("incident_id"),
                col("grid_id").as("i_grid"),
                col("lon"),
                col("lat"),
                functions.date_format(col("notified_at"), "yyyy-MM").as("month"),
                functions.to_date(col("notified_at")).as("notified_date"))
            .join(broadcast(b.monthsDf().select("month", "layout_version")), "month");
    Dataset<Row> located =
        b.locator()
            .locateAt(inc, "lon", "lat", "layout_version", "pt_grid")
            .withColumn("inc_grid", functions.coalesce(col("i_grid"), col("pt_grid")));
    return located
        .join(
            b.holdings(),
            col("h_grid")
                .equalTo(col("inc_grid"))
                .and(col("h_start").leq(col("notified_date")))
                .and(col("h_end").isNull().or(col("h_end").gt(col("notified_date")))))
        .groupBy(col("h_worker").as("worker_id"), col("month"))
        .agg(
            functions.countDistinct("incident_id").as("inc_count"),
            expr("array_sort(collect_set(incident_id))").as("inc_ids"));
  }
}
