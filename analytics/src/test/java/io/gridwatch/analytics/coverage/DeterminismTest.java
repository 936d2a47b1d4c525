package io.gridwatch.analytics.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.rules.Rules;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Same inputs, different file and shuffle partitioning → identical marts. */
class DeterminismTest {
  @Test
  void martsDoNotDependOnPartitioning() {
    var spark = TestSpark.get();
    String reference = FixtureLake.analyzed();
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    String lake;
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "3");
      lake = FixtureLake.build(spark, 4);
      AnalyzeJob.run(spark, new AnalyzeConfig(lake, Rules.defaults()));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
    for (String mart : AnalyzeJob.MARTS) {
      Dataset<Row> a = spark.read().parquet(LakePaths.mart(reference, mart));
      Dataset<Row> b = spark.read().parquet(LakePaths.mart(lake, mart));
      assertThat(a.count()).as(mart).isPositive().isEqualTo(b.count());
      assertThat(a.exceptAll(b).count()).as(mart).isZero();
      assertThat(b.exceptAll(a).count()).as(mart).isZero();
    }
  }
}
