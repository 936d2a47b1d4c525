package io.gridwatch.analytics.spatial;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spatial joins of point tables against grids: every row is located with the broadcast {@link
 * LayoutIndexes} inside {@code mapPartitions} (never a cross join of points and polygons).
 */
public final class PointLocator {
  private final Broadcast<LayoutIndexes> indexes;

  /** Broadcasts {@code indexes} once through the session of {@code anyDf}. */
  public PointLocator(org.apache.spark.sql.SparkSession spark, LayoutIndexes indexes) {
    this.indexes =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(indexes);
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
    return df.mapPartitions(
        new Locate(
            indexes, in.fieldIndex(lonCol), in.fieldIndex(latCol), in.fieldIndex(versionCol), false),
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
    return df.mapPartitions(
        new Locate(indexes, in.fieldIndex(lonCol), in.fieldIndex(latCol), -1, true),
        Encoders.row(out));
  }

  /** Serializable partition function; holds only the broadcast handle and column positions. */
  private static final class Locate implements org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<LayoutIndexes> indexes;
    private final int lonIdx;
    private final int latIdx;
    private final int versionIdx;
    private final boolean everyLayout;

    Locate(Broadcast<LayoutIndexes> indexes, int lonIdx, int latIdx, int versionIdx, boolean every) {
      this.indexes = indexes;
      this.lonIdx = lonIdx;
      this.latIdx = latIdx;
      this.versionIdx = versionIdx;
      this.everyLayout = every;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      LayoutIndexes idx = indexes.value();
      List<Integer> versions = idx.versions();
      return new Iterator<>() {
        private final List<Row> pending = new ArrayList<>();

        @Override
        public boolean hasNext() {
          return !pending.isEmpty() || rows.hasNext();
        }

        @Override
        public Row next() {
          if (pending.isEmpty()) {
            Row r = rows.next();
            if (everyLayout) {
              for (int v : versions) {
                pending.add(extend(r, v, true, idx));
              }
              if (pending.isEmpty()) {
                return extend(r, 0, true, idx);
              }
            } else {
              int v = r.isNullAt(versionIdx) ? Integer.MIN_VALUE : r.getInt(versionIdx);
              return extend(r, v, false, idx);
            }
          }
          return pending.remove(0);
        }
      };
    }

    private Row extend(Row r, int version, boolean addVersion, LayoutIndexes idx) {
      int n = r.length();
      Object[] v = new Object[n + (addVersion ? 2 : 1)];
      for (int i = 0; i < n; i++) {
        v[i] = r.get(i);
      }
      String grid = null;
      if (!r.isNullAt(lonIdx) && !r.isNullAt(latIdx)) {
        grid = idx.locate(version, r.getDouble(lonIdx), r.getDouble(latIdx));
      }
      if (addVersion) {
        v[n] = version;
        v[n + 1] = grid;
      } else {
        v[n] = grid;
      }
      return RowFactory.create(v);
    }
  }

  /** Unused marker to keep FlatMapFunction import meaningful for future per-row fan-out. */
  @SuppressWarnings("unused")
  private static final Class<?> FLAT = FlatMapFunction.class;
}
