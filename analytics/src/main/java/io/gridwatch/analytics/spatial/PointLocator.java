package io.gridwatch.analytics.spatial;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spatial joins of point tables against grids: every row is located with the broadcast {@link
 * LayoutIndexes} by a per-row column function on the executors (never a cross join of points and
 * polygons).
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
    return df.withColumn(
        outCol, locateUdf().apply(df.col(versionCol), df.col(lonCol), df.col(latCol)));
  }

  /**
   * Emits every row once per layout version, appending {@code layout_version} (int) and {@code
   * outCol} (string) = the grid of that version containing the point.
   */
  public Dataset<Row> locateInEveryLayout(
      Dataset<Row> df, String lonCol, String latCol, String outCol) {
    List<Column> versions = new ArrayList<>();
    for (int v : indexes.value().versions()) {
      versions.add(functions.lit(v));
    }
    Dataset<Row> fanned =
        df.withColumn(
            "layout_version",
            functions.explode(
                versions.isEmpty()
                    ? functions.array().cast("array<int>")
                    : functions.array(versions.toArray(new Column[0]))));
    return fanned.withColumn(
        outCol,
        locateUdf().apply(fanned.col("layout_version"), fanned.col(lonCol), fanned.col(latCol)));
  }

  /**
   * The lookup as a column function: only the three input columns cross into Java, the rest of the
   * row stays in Spark's binary form. Marked non-deterministic only so that Spark never copies it
   * into a pushed-down filter and runs it twice per row; its result depends on the inputs alone.
   */
  private UserDefinedFunction locateUdf() {
    return functions.udf(new Locate(indexes), DataTypes.StringType).asNondeterministic();
  }

  /** Serializable (version, lon, lat) → grid id; holds only the broadcast handle. */
  private record Locate(Broadcast<LayoutIndexes> indexes)
      implements UDF3<Integer, Double, Double, String> {
    @Override
    public String call(Integer version, Double lon, Double lat) {
      if (version == null || lon == null || lat == null) {
        return null;
      }
      return indexes.value().locate(version, lon, lat);
    }
  }
}
