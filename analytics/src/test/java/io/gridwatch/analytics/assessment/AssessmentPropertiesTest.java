package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Properties of the assessment marts: on the committed sample drop ({@code data/sample}, seed 2020)
 * every total lies in [0, 100], is the sum of its parts and carries the grade of its thresholds;
 * and the marts do not depend on Spark's shuffle partitioning.
 */
class AssessmentPropertiesTest {

  @Test
  void sampleDropTotalsAreWithinZeroAndHundredAndGradedByTheRules() {
    var spark = TestSpark.get();
    String lake = AssessmentFixture.ingest(Path.of("..", "data", "sample"), "sample", false);
    AnalyzeJob.run(spark, new AnalyzeConfig(lake, Rules.defaults()));
    Dataset<Row> wm = spark.read().parquet(LakePaths.mart(lake, "worker_month"));
    List<Row> rows = wm.collectAsList();
    System.out.println("sample worker_month rows: " + rows.size());
    assertThat(rows).isNotEmpty();
    Rules rules = Rules.defaults();
    for (Row r : rows) {
      double total = r.<Double>getAs("total");
      assertThat(total).as(r.toString()).isBetween(0.0, 100.0);
      BigDecimal sum =
          BigDecimal.valueOf(r.<Double>getAs("patrol_score"))
              .add(BigDecimal.valueOf(r.<Double>getAs("info_score")))
              .add(BigDecimal.valueOf(r.<Double>getAs("assist_score")))
              .add(BigDecimal.valueOf(r.<Integer>getAs("awareness_score")));
      assertThat(BigDecimal.valueOf(total).compareTo(sum)).as(r.toString()).isZero();
      assertThat(r.<Double>getAs("patrol_score")).isBetween(0.0, 30.0);
      assertThat(r.<Integer>getAs("awareness_score")).isBetween(0, 20);
      String expected =
          r.getAs("forced_reason") != null
              ? "unqualified"
              : rules.gradeOf(BigDecimal.valueOf(total));
      assertThat(r.<String>getAs("grade")).as(r.toString()).isEqualTo(expected);
    }
    // every worker_month row is an exclusive worker employed on the 15th
    assertThat(
            wm.join(spark.read().parquet(LakePaths.table(lake, "workers")), "worker_id")
                .where("kind <> 'exclusive'")
                .count())
        .isZero();
    // period marts: every score in [0, 100]; exclusive ranks are exactly 1..N in each period
    for (String mart :
        List.of("worker_quarter", "worker_year", "fulltime_quarter", "fulltime_year")) {
      Dataset<Row> df = spark.read().parquet(LakePaths.mart(lake, mart));
      assertThat(df.count()).as(mart).isPositive();
      assertThat(df.where("score IS NOT NULL AND (score < 0 OR score > 100)").count())
          .as(mart)
          .isZero();
    }
    for (String[] m : new String[][] {{"worker_quarter", "quarter"}, {"worker_year", "year"}}) {
      assertThat(
              spark
                  .read()
                  .parquet(LakePaths.mart(lake, m[0]))
                  .groupBy(m[1])
                  .agg(
                      functions.count("*").as("n"),
                      functions.countDistinct("rank").as("d"),
                      functions.min("rank").as("lo"),
                      functions.max("rank").as("hi"))
                  .where("n <> d OR lo <> 1 OR hi <> n")
                  .count())
          .as(m[0])
          .isZero();
    }
  }

  @Test
  void martsDoNotDependOnShufflePartitioning() {
    var spark = TestSpark.get();
    String reference = AssessmentFixture.analyzed();
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    String lake = AssessmentFixture.ingest(AssessmentFixture.drop("/assessment/drop"), "shuffled");
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "3");
      AnalyzeJob.run(spark, new AnalyzeConfig(lake, Rules.defaults()));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
    for (String mart : AssessmentJob.MARTS) {
      Dataset<Row> a = spark.read().parquet(LakePaths.mart(reference, mart));
      Dataset<Row> b = spark.read().parquet(LakePaths.mart(lake, mart));
      assertThat(a.count()).as(mart).isPositive().isEqualTo(b.count());
      assertThat(a.exceptAll(b).count()).as(mart).isZero();
      assertThat(b.exceptAll(a).count()).as(mart).isZero();
    }
  }
}
