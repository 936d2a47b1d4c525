package io.gridwatch.analytics.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.time.Periods;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.locationtech.jts.geom.Coordinate;

/** The point tables of a publish: enterprises (with their grid) and patrols, as WKB points. */
final class PublishedPoints {
  /** Columns of the published {@code enterprises} table, in order. */
  static final List<String> ENTERPRISES_COLUMNS =
      List.of(
          "enterprise_id",
          "name",
          "industry",
          "address",
          "registered_on",
          "closed_on",
          "layout_version",
          "grid_id",
          "geometry");

  /** Columns of the published {@code patrols} table, in order. */
  static final List<String> PATROLS_COLUMNS =
      List.of(
          "patrol_id",
          "worker_id",
          "enterprise_id",
          "visited_at",
          "month",
          "category",
          "issue_found",
          "geometry");

  private static final UserDefinedFunction POINT_WKB =
      udf(
              (UDF2<Double, Double, byte[]>)
                  (lon, lat) ->
                      lon == null || lat == null
                          ? null
                          : Geometries.toWkb(
                              Geometries.FACTORY.createPoint(new Coordinate(lon, lat))),
              DataTypes.BinaryType)
          .withName("gw_point_wkb");

  private PublishedPoints() {}

  /**
   * Enterprises with a WKB point and the grid of the layout in force today (Asia/Shanghai): the
   * active layout with the latest effective_from not after today, else the newest layout in the
   * enterprise_grid mart; layout_version and grid_id are null without that mart.
   */
  static Dataset<Row> enterprises(LakeTables tables) {
    Dataset<Row> e =
        tables
            .tableOrEmpty(LakeSchema.ENTERPRISES)
            .withColumn("geometry", POINT_WKB.apply(col("lon"), col("lat")));
    Integer version = layoutInForce(tables);
    Dataset<Row> eg = tables.mart("enterprise_grid").orElse(null);
    if (version == null || eg == null) {
      return e.withColumn("layout_version", lit(null).cast("int"))
          .withColumn("grid_id", lit(null).cast("string"));
    }
    Dataset<Row> grid =
        eg.where(col("layout_version").equalTo(version))
            .select(col("enterprise_id").as("eg_id"), col("grid_id"))
            .dropDuplicates("eg_id");
    return e.join(grid, e.col("enterprise_id").equalTo(grid.col("eg_id")), "left")
        .withColumn("layout_version", lit(version).cast("int"));
  }

  /** Patrols with a WKB point of the check-in; month is the partition folder's YYYY-MM. */
  static Dataset<Row> patrols(LakeTables tables) {
    return tables
        .tableOrEmpty(LakeSchema.PATROLS)
        .withColumn("geometry", POINT_WKB.apply(col("lon"), col("lat")))
        .withColumn("month", col("month").cast("string"));
  }

  private static Integer layoutInForce(LakeTables tables) {
    String today = LocalDate.now(Periods.ZONE).toString();
    Dataset<Row> layouts = tables.table(LakeSchema.LAYOUTS).orElse(null);
    if (layouts != null) {
      List<Row> active =
          layouts
              .where(
                  col("status")
                      .equalTo("active")
                      .and(col("effective_from").leq(lit(today).cast("date"))))
              .orderBy(col("effective_from").desc(), col("layout_version").desc())
              .select(col("layout_version").cast("int"))
              .limit(1)
              .collectAsList();
      if (!active.isEmpty() && !active.get(0).isNullAt(0)) {
        return active.get(0).getInt(0);
      }
    }
    return tables
        .mart("enterprise_grid")
        .map(
            eg -> {
              Row r = eg.agg(org.apache.spark.sql.functions.max(col("layout_version"))).first();
              return r.isNullAt(0) ? null : ((Number) r.get(0)).intValue();
            })
        .orElse(null);
  }
}
