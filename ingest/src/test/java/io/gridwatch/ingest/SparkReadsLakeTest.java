package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics side reads the lake with plain {@code spark.read().parquet(<lake>/<table>)}. */
class SparkReadsLakeTest {
  @TempDir Path tmp;

  @Test
  void sparkReadsEveryTableWithTheContractTypes() throws Exception {
    Path lake = tmp.resolve("lake");
    IngestJob.run(
        new IngestConfig(LakeFiles.fixture("basic"), lake.toString(), Map.of(), Map.of(), false));
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("ingest-lake-compat")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "Asia/Shanghai")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    try {
      Dataset<Row> patrols = spark.read().parquet(lake.resolve("patrols").toString());
      System.out.println(patrols.schema().treeString());
      assertThat(patrols.count()).isEqualTo(5);
      assertThat(patrols.schema().apply("visited_at").dataType())
          .isEqualTo(DataTypes.TimestampType);
      assertThat(patrols.schema().apply("lon").dataType()).isEqualTo(DataTypes.DoubleType);
      assertThat(patrols.schema().apply("photos").dataType()).isEqualTo(DataTypes.IntegerType);
      assertThat(patrols.schema().fieldNames()).contains("month");
      List<Row> months =
          patrols
              .selectExpr(
                  "patrol_id",
                  "cast(month as string) m",
                  "date_format(visited_at, 'yyyy-MM-dd HH:mm')")
              .orderBy("patrol_id")
              .collectAsList();
      assertThat(months.get(0).getString(1)).startsWith("2025-03");
      assertThat(months.get(0).getString(2)).isEqualTo("2025-03-05 09:30");
      assertThat(months.get(4).getString(0)).isEqualTo("P011");
      assertThat(months.get(4).getString(1)).startsWith("2025-04");

      Dataset<Row> workers = spark.read().parquet(lake.resolve("workers").toString());
      assertThat(workers.schema().apply("hired_on").dataType()).isEqualTo(DataTypes.DateType);
      assertThat(workers.count()).isEqualTo(2);
      Dataset<Row> grids = spark.read().parquet(lake.resolve("grids").toString());
      assertThat(grids.schema().apply("geometry").dataType()).isEqualTo(DataTypes.BinaryType);
      assertThat(grids.schema().apply("layout_version").dataType())
          .isEqualTo(DataTypes.IntegerType);
      assertThat(grids.count()).isEqualTo(3);
      assertThat(spark.read().parquet(lake.resolve("rejects/patrols").toString()).count())
          .isEqualTo(7);
      assertThat(spark.read().parquet(lake.resolve("ingest_runs").toString()).count()).isEqualTo(4);
      assertThat(spark.read().parquet(lake.resolve("layouts").toString()).count()).isEqualTo(1);
    } finally {
      spark.stop();
    }
  }
}
