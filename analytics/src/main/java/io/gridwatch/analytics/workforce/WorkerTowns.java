package io.gridwatch.analytics.workforce;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakeSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The town a worker belongs to for budgets and town-level training: exclusive workers are managed
 * by the bureau and belong to {@value #EXCLUSIVE_TOWN} whatever their {@code town} column says;
 * other workers belong to {@code workers.town}, else to the town of their {@code workers.grid_id}
 * (its latest layout version), else to {@value #UNKNOWN_TOWN}.
 */
public final class WorkerTowns {
  private WorkerTowns() {}

  /** Town of every exclusive worker (the park, managed by the bureau 应急局). */
  public static final String EXCLUSIVE_TOWN = "高新区";

  /** The {@code town} value of whole-zone rows. */
  public static final String ZONE = "全区";

  /** Town of a worker whose town is neither given nor derivable from a grid. */
  public static final String UNKNOWN_TOWN = "未知";

  /**
   * Workers with a hire date: worker_id, kind, role (null = none), hired_on, left_on and {@code
   * town} as described on the class.
   */
  public static Dataset<Row> of(LakeTables lake) {
    Dataset<Row> gridTown =
        lake.tableOrEmpty(LakeSchema.GRIDS)
            .where("grid_id IS NOT NULL AND town IS NOT NULL")
            .groupBy(col("grid_id").as("g_grid"))
            .agg(expr("max_by(town, coalesce(layout_version, 1))").as("g_town"));
    return lake.tableOrEmpty(LakeSchema.WORKERS)
        .where("worker_id IS NOT NULL AND hired_on IS NOT NULL AND kind IS NOT NULL")
        .join(gridTown, col("grid_id").equalTo(col("g_grid")), "left")
        .select(
            col("worker_id"),
            col("kind"),
            col("role"),
            col("hired_on"),
            col("left_on"),
            expr("CASE WHEN kind = 'exclusive' THEN '"
                    + EXCLUSIVE_TOWN
                    + "' ELSE coalesce(nullif(trim(town), ''), g_town, '"
                    + UNKNOWN_TOWN
                    + "') END")
                .as("town"));
  }
}
