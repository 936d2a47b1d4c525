package io.gridwatch.benchmarks.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.core.index.GridIndex;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

class JoinEnginesTest {

  @Test
  void gridwatchAndNaiveJoinsGiveTheTieRuleAnswerForEveryPoint(@TempDir Path dir) {
    SparkSession spark = SparkSessions.create("local[2]", "JoinEnginesTest");
    Tiling t = Tiling.of(1000);
    long n = 20_000;
    JoinData.writeGrids(spark, t, dir.resolve("grids"));
    JoinData.writePoints(spark, t, n, dir.resolve("points"));
    Dataset<Row> grids = spark.read().parquet(JoinData.uri(dir.resolve("grids")));
    Dataset<Row> pts = spark.read().parquet(JoinData.uri(dir.resolve("points")));
    assertThat(pts.count()).isEqualTo(n);

    // the oracle: GridIndex over the same polygons in this JVM (itself checked by TilingTest)
    GridIndex index = GridIndex.of(new TreeMap<String, Geometry>(t.grids()));
    Map<Long, String> expected = new HashMap<>();
    for (long id = 0; id < n; id++) {
      double[] xy = t.point(id);
      String g = index.locate(xy[0], xy[1]);
      if (g != null) {
        expected.put(id, g);
      }
    }
    for (Dataset<Row> out :
        java.util.List.of(
            JoinEngines.gridwatch(spark, grids, pts),
            JoinEngines.naive(grids, pts, JoinEngines.bucketSide(t)))) {
      Map<Long, String> got = new HashMap<>();
      for (Row r : out.collectAsList()) {
        assertThat(got.put(r.getLong(0), r.getString(1))).isNull();
      }
      assertThat(got).isEqualTo(expected);
    }
  }

  @Test
  void compareAppliesTheTieRuleToSedonaAndCountsEveryKindOfDifference(@TempDir Path dir) {
    SparkSession spark = SparkSessions.create("local[2]", "JoinEnginesTest");
    ScratchLayout l = new ScratchLayout(dir, 3);
    org.apache.spark.sql.types.StructType schema =
        new org.apache.spark.sql.types.StructType()
            .add("point_id", org.apache.spark.sql.types.DataTypes.LongType)
            .add("grid_id", org.apache.spark.sql.types.DataTypes.StringType);
    write(spark, schema, l.result("sedona", 7), new Object[][] {{1L, "B"}, {1L, "A"}, {2L, "C"}});
    write(spark, schema, l.result(JoinEngines.GRIDWATCH, 7), new Object[][] {{1L, "A"}, {2L, "C"}});
    // naive: wrong grid for 1, duplicate 2, extra 3 → three points differ
    write(
        spark,
        schema,
        l.result(JoinEngines.NAIVE, 7),
        new Object[][] {{1L, "B"}, {2L, "C"}, {2L, "C"}, {3L, "D"}});
    assertThat(JoinBench.compare(spark, l, 7)).containsExactly(1L, 0L, 3L);
  }

  private static void write(
      SparkSession spark, org.apache.spark.sql.types.StructType schema, Path dir, Object[][] rows) {
    java.util.List<Row> list = new java.util.ArrayList<>();
    for (Object[] r : rows) {
      list.add(org.apache.spark.sql.RowFactory.create(r));
    }
    spark.createDataFrame(list, schema).write().parquet(JoinData.uri(dir));
  }
}
