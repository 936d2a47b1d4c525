package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;

import io.gridwatch.analytics.coverage.GridMonthJob;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.rules.Rules;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@code patrol_flags} mart (data-contract.md §3): {@code too_far}, {@code too_fast}, {@code
 * duplicate_point} and {@code not_certified} patrol records, computed with joins and window
 * functions (no driver collects). Only {@code too_far} stops a record from being a visit.
 */
public final class PatrolFlagsJob {
  private PatrolFlagsJob() {}

  /** Columns of {@code patrol_flags}, in contract order. */
  public static final List<String> COLUMNS =
      List.of("patrol_id", "worker_id", "enterprise_id", "reason", "detail");

  /** Metres two consecutive check-ins must be apart to be judged by speed. */
  public static final double TOO_FAST_MIN_METERS = 1000;

  /** The flagged records (lazy), ordered by patrol_id, reason. */
  public static Dataset<Row> compute(AssessmentBasis b) {
    Rules rules = b.rules();
    Dataset<Row> tooFar =
        b.visits()
            .where("too_far")
            .select(
                col("patrol_id"),
                col("worker_id"),
                col("enterprise_id"),
                expr("'too_far'").as("reason"),
                expr("format_string('距离 distance %.1f m > %s m', distance_m, '"
                        + fmt(rules.visitMaxDistanceM())
                        + "')")
                    .as("detail"));

    WindowSpec byWorker =
        Window.partitionBy("worker_id").orderBy(col("visited_at").asc(), col("patrol_id").asc());
    Dataset<Row> tooFast =
        b.patrols()
            .where("worker_id IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL")
            .withColumn("p_id", lag("patrol_id", 1).over(byWorker))
            .withColumn("p_lon", lag("lon", 1).over(byWorker))
            .withColumn("p_lat", lag("lat", 1).over(byWorker))
            .withColumn("p_at", lag("visited_at", 1).over(byWorker))
            .where("p_id IS NOT NULL")
            .withColumn(
                "dist_m",
                GridMonthJob.distanceUdf()
                    .apply(col("p_lon"), col("p_lat"), col("lon"), col("lat")))
            .withColumn("dt_s", expr("(unix_micros(visited_at) - unix_micros(p_at)) / 1e6"))
            .withColumn("kmh", expr("IF(dt_s = 0, NULL, (dist_m / 1000) / (dt_s / 3600))"))
            .where(
                "(dist_m > "
                    + TOO_FAST_MIN_METERS
                    + " AND (dt_s = 0 OR kmh > "
                    + rules.maxSpeedKmh()
                    + ")) OR (dt_s = 0 AND dist_m > 0)")
            .select(
                col("patrol_id"),
                col("worker_id"),
                col("enterprise_id"),
                expr("'too_fast'").as("reason"),
                expr("IF(dt_s = 0, format_string('距上条 %s 同一时刻 same time as %s, %.1f m',"
                        + " p_id, p_id, dist_m), format_string('距上条 %s since %s: %.1f m in"
                        + " %.0f s = %.1f km/h', p_id, p_id, dist_m, dt_s, kmh))")
                    .as("detail"));

    WindowSpec samePoint =
        Window.partitionBy(col("worker_id"), col("month"), col("r_lon"), col("r_lat"));
    Dataset<Row> duplicate =
        b.patrols()
            .where(
                "worker_id IS NOT NULL AND enterprise_id IS NOT NULL AND lon IS NOT NULL"
                    + " AND lat IS NOT NULL")
            .withColumn("r_lon", expr("round(lon, 6)"))
            .withColumn("r_lat", expr("round(lat, 6)"))
            .withColumn("ents", expr("collect_set(enterprise_id)").over(samePoint))
            .where("size(ents) > 1")
            .select(
                col("patrol_id"),
                col("worker_id"),
                col("enterprise_id"),
                expr("'duplicate_point'").as("reason"),
                expr("format_string('同一坐标 same point (%.6f, %.6f): %s', r_lon, r_lat,"
                        + " array_join(array_sort(ents), ','))")
                    .as("detail"));

    Dataset<Row> workers =
        b.lake()
            .tableOrEmpty(LakeSchema.WORKERS)
            .where("worker_id IS NOT NULL")
            .select(col("worker_id"), col("certified_on"));
    Dataset<Row> notCertified =
        b.patrols()
            .join(workers, "worker_id")
            .where("certified_on IS NULL OR certified_on > visit_date")
            .select(
                col("patrol_id"),
                col("worker_id"),
                col("enterprise_id"),
                expr("'not_certified'").as("reason"),
                expr("IF(certified_on IS NULL, '未持证 no certificate',"
                        + " format_string('持证日期 certified_on %s > %s',"
                        + " CAST(certified_on AS STRING), CAST(visit_date AS STRING)))")
                    .as("detail"));

    return tooFar
        .unionByName(tooFast)
        .unionByName(duplicate)
        .unionByName(notCertified)
        .orderBy("patrol_id", "reason");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
