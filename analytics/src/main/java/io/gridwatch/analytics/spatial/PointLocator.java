package io.gridwatch.analytics.spatial;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spatial joins of point tables against grids: every row is located with the broadcast {@link
 * LayoutIndexes} in a per-row map on the executors (never a cross join of points and polygons).
 */
public final class PointLocator {
  private final Broadcast<LayoutIndexes> indexes;

  /** Broadcasts {@code indexes} once through {@code spark}. */
  public PointLocator(SparkSession spark, LayoutIndexes indexes) {
    this.indexes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(indexes);
  }

  /** The broadcast indexes (driver side). */
  public LayoutIndexes indexes() {
    return indexes.value();
  }

  /**
   * Appends column {@code outCol} (string) = the grid of layout {@code versionCol} (int) that
   * contains ({@code lonCol}, {@code latCol}); null when outside every grid or coordinates null.
   */
  public Dataset<Row> locateAt(
      Dataset<Row> df, String lonCol, String latCol, String versionCol, String outCol) {
    StructType in = df.schema();
    StructType out = in.add(outCol, DataTypes.StringType, true);
    return df.map(
        new LocateAt(
            indexes, in.fieldIndex(lonCol), in.fieldIndex(latCol), in.fieldIndex(versionCol)),
        Encoders.row(out));
  }

  /**
   * Emits every row once per layout version, appending {@code layout_version} (int) and {@code
   * outCol} (string) = the grid of that version containing the point.
   */
  public Dataset<Row> locateInEveryLayout(
      Dataset<Row> df, String lonCol, String latCol, String outCol) {
    StructType in = df.schema();
    StructType out =
        in.add("layout_version", DataTypes.IntegerType, false)
            .add(outCol, DataTypes.StringType, true);
    return df.flatMap(
        new LocateEvery(indexes, in.fieldIndex(lonCol), in.fieldIndex(latCol)), Encoders.row(out));
  }

  private static String locate(LayoutIndexes idx, Row r, int version, int lonIdx, int latIdx) {
    if (r.isNullAt(lonIdx) || r.isNullAt(latIdx)) {
      return null;
    }
    return idx.locate(version, r.getDouble(lonIdx), r.getDouble(latIdx));
  }

  private static Row append(Row r, Object... extra) {
    int n = r.length();
    Object[] v = new Object[n + extra.length];
    for (int i = 0; i < n; i++) {
      v[i] = r.get(i);
    }
    System.arraycopy(extra, 0, v, n, extra.length);
    return RowFactory.create(v);
  }

  /** Serializable row function; holds only the broadcast handle and column positions. */
  private record LocateAt(Broadcast<LayoutIndexes> indexes, int lonIdx, int latIdx, int versionIdx)
      implements MapFunction<Row, Row> {
    @Override
    public Row call(Row r) {
      String grid =
          r.isNullAt(versionIdx)
              ? null
              : locate(indexes.value(), r, r.getInt(versionIdx), lonIdx, latIdx);
      return append(r, grid);
    }
  }

  /** Serializable row fan-out over layout versions. */
  private record LocateEvery(Broadcast<LayoutIndexes> indexes, int lonIdx, int latIdx)
      implements FlatMapFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Row r) {
      LayoutIndexes idx = indexes.value();
      List<Row> out = new ArrayList<>();
      for (int v : idx.versions()) {
        out.add(append(r, v, locate(idx, r, v, lonIdx, latIdx)));
      }
      return out.iterator();
    }
  }
}
