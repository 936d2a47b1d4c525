package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.gridwatch.analytics.coverage.AssessedMonths;
import io.gridwatch.analytics.coverage.GridMonthJob;
import io.gridwatch.analytics.coverage.WorkerHoldings;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.analytics.spatial.LayoutIndexes;
import io.gridwatch.analytics.spatial.PointLocator;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.rules.Rules;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The shared inputs of the assessment marts (assessment-rules.md §0–1): assessed months with the
 * layout in force, holdings, enterprises located per layout (the {@code enterprise_grid} mart) and
 * patrol records judged as visits (distance, holder at the visit date) with the coverage helpers of
 * {@code analytics.coverage}.
 */
public final class AssessmentBasis {
  private final LakeTables lake;
  private final Rules rules;
  private final List<YearMonth> months;
  private final Dataset<Row> monthsDf;
  private final Dataset<Row> gridDim;
  private final Dataset<Row> holdings;
  private final Dataset<Row> enterprises;
  private final Dataset<Row> patrols;
  private final Dataset<Row> visits;
  private final PointLocator locator;

  /** Plans (and persists) the shared inputs from {@code lake} under {@code rules}. */
  public AssessmentBasis(LakeTables lake, Rules rules) {
    this.lake = lake;
    this.rules = rules;
    var spark = lake.spark();
    Dataset<Row> grids =
        lake.require(LakeSchema.GRIDS)
            .where("grid_id IS NOT NULL")
            .withColumn("layout_version", coalesce(col("layout_version"), lit(1)).cast("int"));
    LayoutIndexes indexes = LayoutIndexes.fromGrids(grids);
    locator = new PointLocator(spark, indexes);
    gridDim = grids.select("grid_id", "layout_version", "kind");

    Dataset<Row> patrolsRaw = lake.tableOrEmpty(LakeSchema.PATROLS);
    months = assessedMonths(AssessedMonths.monthsOfPatrols(patrolsRaw), rules.firstMonth());
    List<AssessedMonths.Layout> layouts =
        lake.table(LakeSchema.LAYOUTS).map(AssessedMonths::layouts).orElse(List.of());
    monthsDf =
        AssessedMonths.toFrame(spark, months, layouts, indexes.versions())
            .withColumn(
                "mondays",
                expr("size(filter(sequence(first_day, last_day), d -> dayofweek(d) = 2))"))
            .cache();

    holdings =
        WorkerHoldings.prefixed(
                WorkerHoldings.build(
                    lake.tableOrEmpty(LakeSchema.WORKERS), lake.table(LakeSchema.ASSIGNMENTS)))
            .cache();

    Dataset<Row> ents =
        lake.tableOrEmpty(LakeSchema.ENTERPRISES)
            .where("enterprise_id IS NOT NULL")
            .select("enterprise_id", "lon", "lat", "registered_on", "closed_on");
    Dataset<Row> located =
        lake.mart("enterprise_grid")
            .map(m -> m.select("enterprise_id", "layout_version", "grid_id"))
            .orElseGet(
                () ->
                    locator
                        .locateInEveryLayout(ents, "lon", "lat", "grid_id")
                        .select("enterprise_id", "layout_version", "grid_id"));
    enterprises = located.join(ents, "enterprise_id").persist(StorageLevel.MEMORY_AND_DISK());

    patrols =
        GridMonthJob.datedPatrols(patrolsRaw, "reported_at")
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> eg =
        enterprises.select(
            col("enterprise_id").as("eg_id"),
            col("layout_version").as("eg_version"),
            col("grid_id").as("e_grid"));
    Dataset<Row> eloc =
        lake.tableOrEmpty(LakeSchema.ENTERPRISES)
            .where("enterprise_id IS NOT NULL")
            .select(col("enterprise_id"), col("lon").as("e_lon"), col("lat").as("e_lat"));
    double maxM = rules.visitMaxDistanceM();
    Dataset<Row> pv =
        patrols
            .where("enterprise_id IS NOT NULL")
            .join(
                broadcast(monthsDf.select("month", "layout_version")),
                new String[] {"month"},
                "left")
            // both enterprise sides broadcast: sort-merge joins would sort every patrol twice
            .join(broadcast(eloc), "enterprise_id")
            .join(
                broadcast(eg),
                col("enterprise_id")
                    .equalTo(col("eg_id"))
                    .and(col("layout_version").equalTo(col("eg_version"))),
                "left")
            .drop("eg_id", "eg_version")
            .withColumn(
                "distance_m",
                GridMonthJob.distanceUdf()
                    .apply(col("lon"), col("lat"), col("e_lon"), col("e_lat")))
            .withColumn(
                "too_far",
                maxM > 0 ? coalesce(col("distance_m").gt(lit(maxM)), lit(false)) : lit(false));
    Dataset<Row> holderCheck = WorkerHoldings.checkVisitors(pv, gridDim, holdings);
    visits =
        pv.join(holderCheck, new String[] {"patrol_id"}, "left")
            .withColumn(
                "valid",
                expr(
                    "NOT too_far AND e_grid IS NOT NULL"
                        + " AND (coalesce(holders, 0) = 0 OR coalesce(by_holder, false))"))
            .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Assessed months (§0): from {@code firstMonth} (null = the earliest month with patrol data) to
   * the latest month with patrol data; empty without patrol data.
   */
  public static List<YearMonth> assessedMonths(List<YearMonth> patrolMonths, YearMonth firstMonth) {
    if (patrolMonths.isEmpty() || firstMonth == null) {
      return patrolMonths;
    }
    List<YearMonth> out = new ArrayList<>();
    YearMonth last = patrolMonths.get(patrolMonths.size() - 1);
    for (YearMonth m = firstMonth; !m.isAfter(last); m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }

  /** The lake reader. */
  public LakeTables lake() {
    return lake;
  }

  /** The rules. */
  public Rules rules() {
    return rules;
  }

  /** Assessed months, ascending. */
  public List<YearMonth> months() {
    return months;
  }

  /** month, first_day, day15, last_day, layout_version, mondays (ISO weeks starting in it). */
  public Dataset<Row> monthsDf() {
    return monthsDf;
  }

  /** grid_id, layout_version, kind. */
  public Dataset<Row> gridDim() {
    return gridDim;
  }

  /** Holdings with h_* columns ({@link WorkerHoldings#prefixed}). */
  public Dataset<Row> holdings() {
    return holdings;
  }

  /**
   * enterprise_id, layout_version, grid_id (null = outside every grid), lon, lat, registered_on,
   * closed_on.
   */
  public Dataset<Row> enterprises() {
    return enterprises;
  }

  /** patrol_id, worker_id, enterprise_id, visited_at, reported_at, lon, lat, month, visit_date. */
  public Dataset<Row> patrols() {
    return patrols;
  }

  /**
   * Patrols naming a known enterprise: the patrol columns plus layout_version, e_lon, e_lat,
   * e_grid, distance_m, too_far, holders, by_holder and {@code valid} (a valid visit, §1).
   */
  public Dataset<Row> visits() {
    return visits;
  }

  /** The broadcast point locator. */
  public PointLocator locator() {
    return locator;
  }

  /** Releases persisted data. */
  public void release() {
    visits.unpersist();
    patrols.unpersist();
    enterprises.unpersist();
    holdings.unpersist();
    monthsDf.unpersist();
  }
}
