package io.gridwatch.analytics.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.geo.Geometries;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class PointLocatorTest {

  private static byte[] box(double x0, double y0, double x1, double y1) {
    return Geometries.toWkb(Geometries.FACTORY.toGeometry(new Envelope(x0, x1, y0, y1)));
  }

  /** Layout 1: B = [0,1]², A = [1,2]×[0,1]; layout 2: C = [0,2]×[0,1]. */
  private static PointLocator locator(SparkSession spark) {
    StructType gs =
        new StructType()
            .add("grid_id", DataTypes.StringType)
            .add("layout_version", DataTypes.IntegerType)
            .add("geometry", DataTypes.BinaryType);
    Dataset<Row> grids =
        spark.createDataFrame(
            List.of(
                RowFactory.create("B", 1, box(0, 0, 1, 1)),
                RowFactory.create("A", 1, box(1, 0, 2, 1)),
                RowFactory.create("C", 2, box(0, 0, 2, 1))),
            gs);
    return new PointLocator(spark, LayoutIndexes.fromGrids(grids));
  }

  private static Dataset<Row> points(SparkSession spark) {
    StructType ps =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("note", DataTypes.StringType)
            .add("lon", DataTypes.DoubleType)
            .add("lat", DataTypes.DoubleType)
            .add("v", DataTypes.IntegerType);
    return spark.createDataFrame(
        List.of(
            RowFactory.create("p1", "inside B", 0.5, 0.5, 1),
            RowFactory.create("p2", "edge B|A: smallest id", 1.0, 0.5, 1),
            RowFactory.create("p3", "outside", 5.0, 5.0, 1),
            RowFactory.create("p4", "null lon", null, 0.5, 1),
            RowFactory.create("p5", "null version", 0.5, 0.5, null),
            RowFactory.create("p6", "layout 2", 1.5, 0.5, 2),
            RowFactory.create("p7", "no such layout", 0.5, 0.5, 9)),
        ps);
  }

  @Test
  void locateAtKeepsEveryColumnAndAppliesTheTieRule() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> out = locator(spark).locateAt(points(spark), "lon", "lat", "v", "grid");
    assertThat(out.schema().fieldNames()).containsExactly("id", "note", "lon", "lat", "v", "grid");
    List<String> got = new ArrayList<>();
    for (Row r : out.orderBy("id").collectAsList()) {
      got.add(r.getString(0) + "|" + r.getString(1) + "|" + r.get(5));
    }
    assertThat(got)
        .containsExactly(
            "p1|inside B|B",
            "p2|edge B|A: smallest id|A",
            "p3|outside|null",
            "p4|null lon|null",
            "p5|null version|null",
            "p6|layout 2|C",
            "p7|no such layout|null");
    // a filter on the located column sees the same values
    assertThat(out.where("grid IS NOT NULL").count()).isEqualTo(3);
  }

  @Test
  void locateInEveryLayoutEmitsOneRowPerVersionInOrder() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> out =
        locator(spark)
            .locateInEveryLayout(
                points(spark).drop("v").where("id IN ('p2', 'p3')"), "lon", "lat", "g");
    assertThat(out.schema().fieldNames())
        .containsExactly("id", "note", "lon", "lat", "layout_version", "g");
    assertThat(out.schema().apply("layout_version").nullable()).isFalse();
    List<String> got = new ArrayList<>();
    for (Row r : out.orderBy("id", "layout_version").collectAsList()) {
      got.add(r.getString(0) + "@" + r.getInt(4) + "=" + r.get(5));
    }
    assertThat(got).containsExactly("p2@1=A", "p2@2=C", "p3@1=null", "p3@2=null");
  }
}
