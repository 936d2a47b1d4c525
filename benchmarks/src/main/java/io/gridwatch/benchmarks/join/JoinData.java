package io.gridwatch.benchmarks.join;

import io.gridwatch.core.geo.Geometries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.geom.Polygon;

/** Writes the join benchmark's grids and points as Parquet, once (kept when already complete). */
public final class JoinData {
  private JoinData() {}

  /** Schema of a grid table. */
  public static final StructType GRIDS =
      new StructType()
          .add("grid_id", DataTypes.StringType, false)
          .add("geometry", DataTypes.BinaryType, false);

  /** Schema of a point table. */
  public static final StructType POINTS =
      new StructType()
          .add("point_id", DataTypes.LongType, false)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false);

  /** Writes the grid table of {@code tiling} to {@code dir} unless already there. */
  public static void writeGrids(SparkSession spark, Tiling tiling, Path dir) {
    if (complete(dir)) {
      return;
    }
    List<Row> rows = new ArrayList<>(tiling.size());
    for (Map.Entry<String, Polygon> e : tiling.grids().entrySet()) {
      rows.add(RowFactory.create(e.getKey(), Geometries.toWkb(e.getValue())));
    }
    spark
        .createDataFrame(rows, GRIDS)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(uri(dir));
  }

  /** Writes points 0 … n−1 of {@code tiling} to {@code dir} unless already there. */
  public static void writePoints(SparkSession spark, Tiling tiling, long n, Path dir) {
    if (complete(dir)) {
      return;
    }
    int files = (int) Math.max(1, Math.min(16, n / 2_000_000));
    points(spark, tiling, n, files).write().mode(SaveMode.Overwrite).parquet(uri(dir));
  }

  /** Points 0 … n−1 of {@code tiling} (see {@link Tiling#point}) in {@code parts} partitions. */
  public static Dataset<Row> points(SparkSession spark, Tiling tiling, long n, int parts) {
    return spark.range(0, n, 1, parts).map(new PointOf(tiling), Encoders.row(POINTS));
  }

  /** True when a Spark write finished in {@code dir}. */
  public static boolean complete(Path dir) {
    return Files.exists(dir.resolve("_SUCCESS"));
  }

  /** The file URI Spark reads and writes {@code dir} with. */
  public static String uri(Path dir) {
    return dir.toAbsolutePath().toUri().toString();
  }

  /** Serializable id → point row. */
  private record PointOf(Tiling tiling) implements MapFunction<Long, Row> {
    @Override
    public Row call(Long id) {
      double[] p = tiling.point(id);
      return RowFactory.create(id, p[0], p[1]);
    }
  }
}
