package io.gridwatch.analytics.coverage;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.analytics.spatial.LayoutIndexes;
import io.gridwatch.analytics.spatial.PointLocator;
import io.gridwatch.core.geo.Geodesy;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.MartColumns;
import io.gridwatch.core.rules.Rules;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Builds the {@code grid_month} and {@code enterprise_grid} marts (data-contract.md §3,
 * assessment-rules.md §1: enterprises of a grid, counted enterprises, valid visits, coverage).
 * Every spatial decision goes through the broadcast {@link LayoutIndexes}.
 */
public final class GridMonthJob {

  /** Columns of {@code grid_month}, in contract order. */
  public static final List<String> GRID_MONTH_COLUMNS = MartColumns.GRID_MONTH;

  /** Columns of {@code enterprise_grid}. */
  public static final List<String> ENTERPRISE_GRID_COLUMNS =
      List.of("enterprise_id", "layout_version", "grid_id");

  private final LakeTables lake;
  private final Rules rules;
  private Dataset<Row> patrols;
  private Dataset<Row> enterpriseGrid;
  private Dataset<Row> pv;
  private Dataset<Row> monthsDf;
  private Dataset<Row> gridMonth;
  private List<YearMonth> months = List.of();

  /** A job over {@code lake} with {@code rules}; nothing runs until {@link #compute()}. */
  public GridMonthJob(LakeTables lake, Rules rules) {
    this.lake = lake;
    this.rules = rules;
  }

  /**
   * Geodesic distance in metres between (lon1, lat1) and (lon2, lat2) as a Spark UDF; takes any
   * numeric inputs, null when any input is null.
   */
  public static UserDefinedFunction distanceUdf() {
    return functions.udf(
        (UDF4<Number, Number, Number, Number, Double>)
            (lon1, lat1, lon2, lat2) ->
                lon1 == null || lat1 == null || lon2 == null || lat2 == null
                    ? null
                    : Geodesy.distanceMeters(
                        lon1.doubleValue(),
                        lat1.doubleValue(),
                        lon2.doubleValue(),
                        lat2.doubleValue()),
        DataTypes.DoubleType);
  }

  /** Plans both marts (lazy DataFrames, intermediate results persisted); returns this. */
  public GridMonthJob compute() {
    var spark = lake.spark();
    Dataset<Row> grids =
        lake.require(LakeSchema.GRIDS)
            .where("grid_id IS NOT NULL")
            .withColumn("layout_version", coalesce(col("layout_version"), lit(1)).cast("int"));
    LayoutIndexes indexes = LayoutIndexes.fromGrids(grids);
    PointLocator locator = new PointLocator(spark, indexes);

    Dataset<Row> patrolsRaw = lake.tableOrEmpty(LakeSchema.PATROLS);
    months = AssessedMonths.monthsOfPatrols(patrolsRaw);
    List<AssessedMonths.Layout> layouts =
        lake.table(LakeSchema.LAYOUTS).map(AssessedMonths::layouts).orElse(List.of());
    monthsDf = AssessedMonths.toFrame(spark, months, layouts, indexes.versions()).cache();

    Dataset<Row> gridDim =
        grids.select(
            col("grid_id"), col("layout_version"), col("kind"), col("town"), col("community"));

    // ---- enterprises located in every layout
    Dataset<Row> ents =
        lake.tableOrEmpty(LakeSchema.ENTERPRISES)
            .where("enterprise_id IS NOT NULL")
            .select("enterprise_id", "lon", "lat", "registered_on", "closed_on");
    enterpriseGrid =
        locator
            .locateInEveryLayout(ents, "lon", "lat", "grid_id")
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> counted =
        enterpriseGrid
            .where("grid_id IS NOT NULL")
            .join(broadcast(monthsDf), "layout_version")
            .where(
                date_add(col("registered_on"), rules.discoveryDays())
                    .leq(col("last_day"))
                    .and(col("closed_on").isNull().or(col("closed_on").gt(col("day15")))))
            .select("grid_id", "month", "enterprise_id");

    // ---- patrols located by their check-in point, in the layout of their month
    Dataset<Row> p =
        datedPatrols(patrolsRaw, "category", "issue_found")
            .join(broadcast(monthsDf.select("month", "layout_version")), "month");
    patrols =
        locator
            .locateAt(p, "lon", "lat", "layout_version", "point_grid_id")
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> patrolCounts =
        patrols
            .where("point_grid_id IS NOT NULL")
            .groupBy(col("point_grid_id").as("grid_id"), col("month"))
            .agg(
                functions.count(lit(1)).as("patrols"),
                expr("count_if(issue_found AND category = 'environment')").as("issues_environment"),
                expr("count_if(issue_found AND category = 'safety')").as("issues_safety"),
                expr("count_if(issue_found AND category = 'social_order')")
                    .as("issues_social_order"));

    // ---- visits: patrols about an enterprise, with distance and holder check
    Dataset<Row> eg =
        enterpriseGrid.select(
            col("enterprise_id"),
            col("layout_version"),
            col("grid_id").as("e_grid"),
            col("lon").as("e_lon"),
            col("lat").as("e_lat"));
    double maxM = rules.visitMaxDistanceM();
    pv =
        patrols
            .where("enterprise_id IS NOT NULL")
            .select(
                "patrol_id",
                "worker_id",
                "enterprise_id",
                "month",
                "visit_date",
                "lon",
                "lat",
                "layout_version")
            // broadcast (one row per enterprise and layout): a sort-merge join would sort every
            // patrol by enterprise id (issue 7 profile)
            .join(broadcast(eg), new String[] {"enterprise_id", "layout_version"})
            .withColumn(
                "distance_m",
                distanceUdf().apply(col("lon"), col("lat"), col("e_lon"), col("e_lat")))
            .withColumn(
                "too_far",
                maxM > 0 ? coalesce(col("distance_m").gt(lit(maxM)), lit(false)) : lit(false))
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> h =
        WorkerHoldings.prefixed(
            WorkerHoldings.build(
                lake.tableOrEmpty(LakeSchema.WORKERS), lake.table(LakeSchema.ASSIGNMENTS)));
    Dataset<Row> holderCheck = WorkerHoldings.checkVisitors(pv, gridDim, h);
    Dataset<Row> validVisits =
        pv.where("NOT too_far AND e_grid IS NOT NULL")
            .join(holderCheck, "patrol_id")
            .where("holders = 0 OR by_holder")
            .select("enterprise_id", "month")
            .distinct();
    Dataset<Row> visited =
        counted
            .join(validVisits, new String[] {"enterprise_id", "month"}, "left_semi")
            .groupBy("grid_id", "month")
            .agg(functions.count(lit(1)).as("visited"));
    Dataset<Row> enterprisesPerGrid =
        counted.groupBy("grid_id", "month").agg(functions.count(lit(1)).as("enterprises"));
    Dataset<Row> suspicious =
        pv.where("too_far AND e_grid IS NOT NULL")
            .groupBy(col("e_grid").as("grid_id"), col("month"))
            .agg(functions.count(lit(1)).as("suspicious_visits"));

    // ---- awareness spot checks
    Dataset<Row> awareness =
        lake.tableOrEmpty(LakeSchema.SPOT_CHECKS)
            .where("grid_id IS NOT NULL AND month IS NOT NULL")
            .groupBy("grid_id", "month")
            .agg(
                functions.count(lit(1)).as("awareness_sampled"),
                expr("count_if(knows_worker)").as("awareness_known"));

    // ---- the worker holding each grid in each month
    Dataset<Row> base =
        broadcast(monthsDf)
            .join(gridDim, "layout_version")
            .select(
                "grid_id",
                "month",
                "layout_version",
                "kind",
                "town",
                "community",
                "first_day",
                "day15",
                "last_day");
    Dataset<Row> holders = WorkerHoldings.holderOfGridMonth(base, h);

    String[] key = {"grid_id", "month"};
    Dataset<Row> joined =
        base.join(holders, key, "left")
            .join(enterprisesPerGrid, key, "left")
            .join(visited, key, "left")
            .join(patrolCounts, key, "left")
            .join(suspicious, key, "left")
            .join(awareness, key, "left");
    gridMonth = project(joined).orderBy("grid_id", "month");
    return this;
  }

  /** The contract columns of grid_month from the joined per-grid-month counts. */
  private static Dataset<Row> project(Dataset<Row> joined) {
    return joined.select(
        col("grid_id"),
        col("month"),
        col("layout_version"),
        col("kind"),
        col("town"),
        col("community"),
        col("worker_id"),
        zero("enterprises"),
        zero("visited"),
        expr("try_divide(coalesce(visited, 0), coalesce(enterprises, 0))")
            .cast("double")
            .as("coverage"),
        expr("CASE WHEN coalesce(enterprises, 0) = 0 THEN NULL"
                + " ELSE coalesce(visited, 0) = enterprises END")
            .as("full_coverage"),
        zero("patrols"),
        zero("issues_environment"),
        zero("issues_safety"),
        zero("issues_social_order"),
        zero("awareness_sampled"),
        zero("awareness_known"),
        expr("try_divide(coalesce(awareness_known, 0), coalesce(awareness_sampled, 0))")
            .cast("double")
            .as("awareness_rate"),
        zero("suspicious_visits"));
  }

  private static Column zero(String name) {
    return coalesce(col(name), lit(0L)).cast("int").as(name);
  }

  /** The grid_month mart (after {@link #compute()}). */
  public Dataset<Row> gridMonth() {
    return gridMonth;
  }

  /** The enterprise_grid mart: enterprise_id, layout_version, grid_id (null = outside). */
  public Dataset<Row> enterpriseGrid() {
    return enterpriseGrid
        .select(ENTERPRISE_GRID_COLUMNS.stream().map(functions::col).toArray(Column[]::new))
        .orderBy("enterprise_id", "layout_version");
  }

  /** Assessed months (after {@link #compute()}), ascending. */
  public List<YearMonth> months() {
    return months;
  }

  /** Releases persisted intermediate data. */
  public void release() {
    if (patrols != null) {
      patrols.unpersist();
    }
    if (enterpriseGrid != null) {
      enterpriseGrid.unpersist();
    }
    if (pv != null) {
      pv.unpersist();
    }
    if (monthsDf != null) {
      monthsDf.unpersist();
    }
  }

  /**
   * Usable patrol records (id and time present) with patrol_id, worker_id, enterprise_id,
   * visited_at, lon, lat, the {@code extra} columns, and their Asia/Shanghai {@code month}
   * (YYYY-MM) and {@code visit_date} (the session time zone is Asia/Shanghai).
   */
  public static Dataset<Row> datedPatrols(Dataset<Row> patrolsRaw, String... extra) {
    List<String> cols =
        new java.util.ArrayList<>(
            List.of("patrol_id", "worker_id", "enterprise_id", "visited_at", "lon", "lat"));
    cols.addAll(List.of(extra));
    return patrolsRaw
        .where("patrol_id IS NOT NULL AND visited_at IS NOT NULL")
        .selectExpr(cols.toArray(new String[0]))
        .withColumn("month", date_format(col("visited_at"), "yyyy-MM"))
        .withColumn("visit_date", to_date(col("visited_at")));
  }
}
