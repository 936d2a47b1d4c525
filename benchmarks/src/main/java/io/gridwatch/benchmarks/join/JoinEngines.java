package io.gridwatch.benchmarks.join;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.udf;

import io.gridwatch.analytics.spatial.LayoutIndexes;
import io.gridwatch.analytics.spatial.PointLocator;
import io.gridwatch.core.geo.Geometries;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The point-in-grid joins measured in the gridwatch JVM. Each returns (point_id, grid_id) with one
 * row per point inside some grid, the grid chosen by the project's tie rule (smallest grid_id).
 */
public final class JoinEngines {
  private JoinEngines() {}

  /** Engine names, in report order. */
  public static final String GRIDWATCH = "gridwatch";

  /** The naive Spark join's name. */
  public static final String NAIVE = "naive";

  /**
   * gridwatch as analytics uses it: {@link LayoutIndexes} built on the driver from the grid table,
   * broadcast by {@link PointLocator}, every point located in a per-row map.
   */
  public static Dataset<Row> gridwatch(SparkSession spark, Dataset<Row> grids, Dataset<Row> pts) {
    LayoutIndexes idx = LayoutIndexes.fromGrids(grids.withColumn("layout_version", lit(1)));
    PointLocator locator = new PointLocator(spark, idx);
    return locator
        .locateAt(
            pts.withColumn("layout_version", lit(1)), "lon", "lat", "layout_version", "grid_id")
        .where(col("grid_id").isNotNull())
        .select("point_id", "grid_id");
  }

  /**
   * What a data team writes without a spatial library: each grid's bounding box is exploded into
   * the cells of a square bucket lattice (bucket side = the mean grid size), broadcast and
   * equi-joined with each point's bucket, filtered by the box, then by a UDF that decodes the WKB
   * and tests {@code covers} for every candidate pair; the tie rule is a {@code min(grid_id)} per
   * point.
   */
  public static Dataset<Row> naive(Dataset<Row> grids, Dataset<Row> pts, double bucket) {
    UserDefinedFunction envelope =
        udf(
            new EnvelopeOf(),
            new StructType()
                .add("minx", DataTypes.DoubleType)
                .add("maxx", DataTypes.DoubleType)
                .add("miny", DataTypes.DoubleType)
                .add("maxy", DataTypes.DoubleType));
    UserDefinedFunction covers = udf(new CoversPoint(), DataTypes.BooleanType);
    Column b = lit(bucket);
    Dataset<Row> g =
        grids
            .withColumn("e", envelope.apply(col("geometry")))
            .withColumn(
                "bx",
                explode(sequence(floor(col("e.minx").divide(b)), floor(col("e.maxx").divide(b)))))
            .withColumn(
                "by",
                explode(sequence(floor(col("e.miny").divide(b)), floor(col("e.maxy").divide(b)))))
            .select(
                col("grid_id"),
                col("geometry"),
                col("e.minx").as("minx"),
                col("e.maxx").as("maxx"),
                col("e.miny").as("miny"),
                col("e.maxy").as("maxy"),
                col("bx"),
                col("by"));
    Dataset<Row> p =
        pts.withColumn("bx", floor(col("lon").divide(b)))
            .withColumn("by", floor(col("lat").divide(b)));
    return p.join(
            broadcast(g), p.col("bx").equalTo(g.col("bx")).and(p.col("by").equalTo(g.col("by"))))
        .where(
            col("lon")
                .between(col("minx"), col("maxx"))
                .and(col("lat").between(col("miny"), col("maxy"))))
        .where(covers.apply(col("geometry"), col("lon"), col("lat")))
        .groupBy("point_id")
        .agg(min("grid_id").as("grid_id"));
  }

  /** The naive join's bucket side for a tiling: the side of a square of the mean grid area. */
  public static double bucketSide(Tiling t) {
    return Math.sqrt((t.maxX() - t.minX()) * (t.maxY() - t.minY()) / t.size());
  }

  /** WKB → (minx, maxx, miny, maxy). */
  private static final class EnvelopeOf implements UDF1<byte[], Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Row call(byte[] wkb) {
      Envelope e = Geometries.fromWkb(wkb).getEnvelopeInternal();
      return org.apache.spark.sql.RowFactory.create(
          e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
    }
  }

  /** (WKB, lon, lat) → the polygon covers the point; decodes the WKB on every call. */
  private static final class CoversPoint implements UDF3<byte[], Double, Double, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean call(byte[] wkb, Double lon, Double lat) {
      Geometry g = Geometries.fromWkb(wkb);
      return g.covers(Geometries.FACTORY.createPoint(new Coordinate(lon, lat)));
    }
  }
}
