package io.gridwatch.analytics.coverage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Who held which grid when (assessment-rules.md §0): a worker's {@code assignments} when they have
 * any, else {@code workers.grid_id}; always clipped to employment [{@code hired_on}, {@code
 * left_on}). Intervals are [start, end) with end null = open.
 */
public final class WorkerHoldings {
  private WorkerHoldings() {}

  /**
   * SQL expression ranking a worker kind for a grid kind (lower = preferred; null = that kind does
   * not hold such grids): enterprise grids ← exclusive; community grids ← fulltime (part-time
   * workers assist there but do not hold the grid); village grids ← parttime, then fulltime.
   */
  public static String kindRank(String gridKind, String workerKind) {
    return "CASE WHEN "
        + gridKind
        + " = 'enterprise' THEN CASE WHEN "
        + workerKind
        + " = 'exclusive' THEN 0 END WHEN "
        + gridKind
        + " = 'community' THEN CASE "
        + workerKind
        + " WHEN 'fulltime' THEN 0 END WHEN "
        + gridKind
        + " = 'village' THEN CASE "
        + workerKind
        + " WHEN 'parttime' THEN 0 WHEN 'fulltime' THEN 1 END END";
  }

  /**
   * Holding intervals: worker_id, worker_kind, grid_id, start (date), end (date, exclusive, null =
   * open), hired_on, left_on. Empty intervals are dropped.
   */
  public static Dataset<Row> build(Dataset<Row> workers, Optional<Dataset<Row>> assignments) {
    Dataset<Row> w =
        workers
            .where("worker_id IS NOT NULL AND hired_on IS NOT NULL")
            .select(
                col("worker_id"),
                col("kind").as("worker_kind"),
                col("grid_id"),
                col("hired_on"),
                col("left_on"));
    Dataset<Row> direct;
    if (assignments.isPresent()) {
      Dataset<Row> a =
          assignments
              .get()
              .where("worker_id IS NOT NULL AND grid_id IS NOT NULL AND `from` IS NOT NULL")
              .select(
                  col("worker_id").as("a_worker_id"),
                  col("grid_id").as("a_grid_id"),
                  col("from").as("a_from"),
                  col("to").as("a_to"));
      Dataset<Row> viaAssignments =
          w.join(a, w.col("worker_id").equalTo(a.col("a_worker_id")))
              .select(
                  col("worker_id"),
                  col("worker_kind"),
                  col("a_grid_id").as("grid_id"),
                  expr("greatest(a_from, hired_on)").as("start"),
                  // least() skips nulls: null (open) only when both are open
                  expr("least(a_to, left_on)").as("end"),
                  col("hired_on"),
                  col("left_on"));
      direct =
          w.join(a, w.col("worker_id").equalTo(a.col("a_worker_id")), "left_anti")
              .select(
                  col("worker_id"),
                  col("worker_kind"),
                  col("grid_id"),
                  col("hired_on").as("start"),
                  col("left_on").as("end"),
                  col("hired_on"),
                  col("left_on"))
              .unionByName(viaAssignments);
    } else {
      direct =
          w.select(
              col("worker_id"),
              col("worker_kind"),
              col("grid_id"),
              col("hired_on").as("start"),
              col("left_on").as("end"),
              col("hired_on"),
              col("left_on"));
    }
    return direct.where("grid_id IS NOT NULL AND (`end` IS NULL OR `end` > start)");
  }

  /**
   * The holdings of {@link #build} with columns renamed h_worker, h_kind, h_grid, h_start, h_end,
   * h_hired_on, h_left_on (for joins without name clashes).
   */
  public static Dataset<Row> prefixed(Dataset<Row> holdings) {
    return holdings.select(
        col("worker_id").as("h_worker"),
        col("worker_kind").as("h_kind"),
        col("grid_id").as("h_grid"),
        col("start").as("h_start"),
        col("end").as("h_end"),
        col("hired_on").as("h_hired_on"),
        col("left_on").as("h_left_on"));
  }

  /**
   * The worker holding each grid in each month of {@code base} (grid_id, month, kind, first_day,
   * day15, last_day): among workers of a kind that holds such grids ({@link #kindRank}) employed on
   * the 15th and holding the grid some day of the month, the preferred kind, then most days, then
   * the later start, then the smallest worker_id. Returns grid_id, month, worker_id.
   */
  public static Dataset<Row> holderOfGridMonth(Dataset<Row> base, Dataset<Row> prefixedHoldings) {
    return base.select("grid_id", "month", "kind", "first_day", "day15", "last_day")
        .join(prefixedHoldings, col("h_grid").equalTo(col("grid_id")))
        .withColumn("rank", expr(kindRank("kind", "h_kind")))
        .withColumn(
            "days",
            expr(
                "datediff(least(coalesce(h_end, date_add(last_day, 1)), date_add(last_day, 1)),"
                    + " greatest(h_start, first_day))"))
        .where(
            "rank IS NOT NULL AND days > 0 AND h_hired_on <= day15"
                + " AND (h_left_on IS NULL OR h_left_on > day15)")
        .withColumn(
            "rn",
            row_number()
                .over(
                    Window.partitionBy("grid_id", "month")
                        .orderBy(
                            col("rank").asc(),
                            col("days").desc(),
                            col("h_start").desc(),
                            col("h_worker").asc())))
        .where("rn = 1")
        .select(col("grid_id"), col("month"), col("h_worker").as("worker_id"));
  }

  /**
   * For visits (patrol_id, worker_id, e_grid, layout_version, visit_date): how many workers held
   * the enterprise's grid on the visit date ({@code holders}) and whether the visitor was one of
   * them ({@code by_holder}); grid kinds come from {@code gridDim} (grid_id, layout_version, kind).
   * Returns patrol_id, holders, by_holder.
   */
  public static Dataset<Row> checkVisitors(
      Dataset<Row> visits, Dataset<Row> gridDim, Dataset<Row> prefixedHoldings) {
    Dataset<Row> gk =
        gridDim.select(
            col("grid_id").as("g_grid"),
            col("layout_version").as("g_version"),
            col("kind").as("g_kind"));
    return visits
        .where("e_grid IS NOT NULL")
        .select("patrol_id", "worker_id", "e_grid", "layout_version", "visit_date")
        .join(
            gk,
            col("e_grid")
                .equalTo(col("g_grid"))
                .and(col("layout_version").equalTo(col("g_version"))),
            "left")
        .join(
            prefixedHoldings,
            col("h_grid")
                .equalTo(col("e_grid"))
                .and(col("h_start").leq(col("visit_date")))
                .and(col("h_end").isNull().or(col("h_end").gt(col("visit_date"))))
                .and(expr(kindRank("g_kind", "h_kind")).isNotNull()),
            "left")
        .groupBy("patrol_id")
        .agg(
            functions.count(col("h_worker")).as("holders"),
            functions
                .coalesce(
                    functions.max(col("h_worker").equalTo(col("worker_id"))), functions.lit(false))
                .as("by_holder"));
  }
}
