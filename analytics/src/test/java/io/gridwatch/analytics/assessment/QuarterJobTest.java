package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.rules.Rules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * worker_quarter through the Spark job on hand-made worker_month rows, every value hand-computed
 * from assessment-rules.md §2 (default rules unless said otherwise).
 *
 * <p>2025Q1, N = 10 → Q = ⌊0.30 · 10⌋ = 3: E1 100, E2 98, E3 97 (hired 2024-12-01: January is a
 * probation month), E4 96 and E5 (95.0, 94.9, 95.1 → 95.00) are excellent by score; Q6 left on
 * 2025-03-01 (two months 94.9, 95.0 → 94.95); T1/T2 tie on score 85 and differ in patrol mean;
 * T3/T4 tie on score 80 and patrol and differ in awareness (not sampled = 1.0); T4 has an
 * incomplete month. 2025Q2, N = 3 → Q = 0: E1 100, W9 and W10 tied on everything (W10 &lt; W9 by
 * code point).
 */
class QuarterJobTest {
  private static PeriodRows input;
  private static final Map<String, Row> ROWS = new LinkedHashMap<>();

  @BeforeAll
  static void compute() {
    input = new PeriodRows();
    for (String m : List.of("2025-01", "2025-02", "2025-03")) {
      input.month("E1", m, 100).month("E2", m, 98).month("E3", m, 97).month("E4", m, 96);
      input.month("T1", m, 85);
      input.month("T3", m, 80);
    }
    input.month("E5", "2025-01", 95.0).month("E5", "2025-02", 94.9).month("E5", "2025-03", 95.1);
    input.month("Q6", "2025-01", 94.9).month("Q6", "2025-02", 95.0);
    // T2: same totals as T1, patrol 30, 30, 20
    input.month("T2", "2025-01", 85).month("T2", "2025-02", 85);
    input.month("T2", "2025-03", 85, 20.0, null, null, "final");
    // T4: same as T3 but awareness 0.9 in January and an incomplete February
    input.month("T4", "2025-01", 80, 30.0, 0.9, null, "final");
    input.month("T4", "2025-02", 80, 30.0, null, null, "incomplete");
    input.month("T4", "2025-03", 80);
    for (String m : List.of("2025-04", "2025-05", "2025-06")) {
      input.month("E1", m, 100).month("W9", m, 90).month("W10", m, 90);
    }
    for (String w : List.of("E1", "E2", "E4", "E5", "Q6", "T1", "T2", "T3", "T4", "W9", "W10")) {
      input.worker(w, "exclusive", "高新区", "2020-01-01", null);
    }
    input.worker("E3", "exclusive", "高新区", "2024-12-01", null);
    Dataset<Row> wq = QuarterJob.compute(input.workerMonth(), input.workersDf(), Rules.defaults());
    for (Row r : wq.collectAsList()) {
      ROWS.put(r.getAs("worker_id") + "@" + r.getAs("quarter"), r);
    }
  }

  /** rank|score|grade|quota_exceeded|months|paid_months|pay|status. */
  private static String summary(String worker, String quarter) {
    Row r = ROWS.get(worker + "@" + quarter);
    assertThat(r).as(worker + " " + quarter).isNotNull();
    return r.getAs("rank")
        + "|"
        + r.getAs("score")
        + "|"
        + r.getAs("grade")
        + "|"
        + r.getAs("quota_exceeded")
        + "|"
        + r.getAs("months")
        + "|"
        + r.getAs("paid_months")
        + "|"
        + r.getAs("performance_pay")
        + "|"
        + r.getAs("status");
  }

  @Test
  void contractColumnsComeFirst() {
    assertThat(List.of(QuarterJob.SCHEMA.fieldNames()).subList(0, 10))
        .containsExactly(
            "worker_id",
            "quarter",
            "months",
            "score",
            "rank",
            "grade",
            "quota_exceeded",
            "pay_multiplier",
            "performance_pay",
            "status");
    assertThat(ROWS).hasSize(13);
  }

  @Test
  void tenWorkersKeepThreeExcellentPlaces() {
    assertThat(summary("E1", "2025Q1")).isEqualTo("1|100.0|excellent|false|3|3|3600.0|final");
    assertThat(summary("E2", "2025Q1")).isEqualTo("2|98.0|excellent|false|3|3|3600.0|final");
    // January is a probation month of E3 (15th before 2025-02-01): 2 × 1000 × 1.2
    assertThat(summary("E3", "2025Q1")).isEqualTo("3|97.0|excellent|false|3|2|2400.0|final");
    assertThat(summary("E4", "2025Q1")).isEqualTo("4|96.0|qualified|true|3|3|3000.0|final");
    // (95.0 + 94.9 + 95.1) / 3 = 95.00 exactly → excellent by score, over the quota
    assertThat(summary("E5", "2025Q1")).isEqualTo("5|95.0|qualified|true|3|3|3000.0|final");
    assertThat(ROWS.get("E5@2025Q1").<String>getAs("base_grade")).isEqualTo("excellent");
    assertThat(ROWS.get("E1@2025Q1").<Integer>getAs("ranked")).isEqualTo(10);
    assertThat(ROWS.get("E1@2025Q1").<Integer>getAs("excellent_quota")).isEqualTo(3);
  }

  @Test
  void aWorkerLeavingMidQuarterIsScoredOnTheMonthsPresent() {
    // (94.9 + 95.0) / 2 = 94.95 → qualified, 2 months paid
    assertThat(summary("Q6", "2025Q1")).isEqualTo("6|94.95|qualified|false|2|2|2000.0|final");
  }

  @Test
  void tiesAreBrokenByPatrolThenAwarenessThenWorkerId() {
    assertThat(summary("T1", "2025Q1")).startsWith("7|85.0|qualified");
    assertThat(summary("T2", "2025Q1")).startsWith("8|85.0|qualified");
    assertThat(ROWS.get("T2@2025Q1").<Double>getAs("patrol_mean"))
        .isCloseTo(26.6666666667, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(summary("T3", "2025Q1")).startsWith("9|80.0|qualified");
    // T4: awareness mean (0.9 + 1 + 1) / 3 < 1; and an incomplete month
    assertThat(summary("T4", "2025Q1")).isEqualTo("10|80.0|qualified|false|3|3|3000.0|incomplete");
    assertThat(summary("W10", "2025Q2")).startsWith("2|90.0|qualified");
    assertThat(summary("W9", "2025Q2")).startsWith("3|90.0|qualified");
  }

  @Test
  void threeWorkersHaveNoExcellentPlace() {
    assertThat(summary("E1", "2025Q2")).isEqualTo("1|100.0|qualified|true|3|3|3000.0|final");
    assertThat(ROWS.get("E1@2025Q2").<Integer>getAs("excellent_quota")).isZero();
  }

  @Test
  void forcedMonthCountsWithItsTotalOrTheCap() {
    PeriodRows in = new PeriodRows();
    in.month("X", "2025-07", 95).month("X", "2025-08", 95);
    in.month("X", "2025-09", 75, 30.0, 0.5, "awareness_below_60", "final");
    in.month("L", "2025-07", 70);
    in.worker("X", "exclusive", "高新区", "2020-01-01", null);
    in.worker("L", "exclusive", "高新区", "2020-01-01", "2025-08-01");
    Row total =
        QuarterJob.compute(in.workerMonth(), in.workersDf(), Rules.defaults())
            .where("worker_id = 'X'")
            .first();
    Row cap =
        QuarterJob.compute(
                in.workerMonth(),
                in.workersDf(),
                Rules.of(Map.of("rules.quarter.forced_month_score", "cap")))
            .where("worker_id = 'X'")
            .first();
    // total: 265 / 3 = 88.33; cap: (95 + 95 + 69.99) / 3 = 86.663… → 86.66
    assertThat(total.<Double>getAs("score")).isEqualTo(88.33);
    assertThat(cap.<Double>getAs("score")).isEqualTo(86.66);
    assertThat(total.<Integer>getAs("forced_months")).isEqualTo(1);
    // L (left 2025-08-01): one month, 70 → basic, 1 × 1000 × 1.0
    Row l =
        QuarterJob.compute(in.workerMonth(), in.workersDf(), Rules.defaults())
            .where("worker_id = 'L'")
            .first();
    assertThat(l.<Integer>getAs("months")).isEqualTo(1);
    assertThat(l.<String>getAs("grade")).isEqualTo("basic");
    assertThat(l.<Double>getAs("performance_pay")).isEqualTo(1000.0);
  }

  @Test
  void shuffledAndRepartitionedInputGivesTheSameMart() {
    var spark = TestSpark.get();
    Dataset<Row> a = QuarterJob.compute(input.workerMonth(), input.workersDf(), Rules.defaults());
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    Dataset<Row> b;
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "3");
      Dataset<Row> shuffled = input.workerMonth().orderBy(functions.rand(7)).repartition(5);
      b = QuarterJob.compute(shuffled, input.workersDf().repartition(3), Rules.defaults()).cache();
      assertThat(b.count()).isEqualTo(a.count());
      assertThat(a.exceptAll(b).count()).isZero();
      assertThat(b.exceptAll(a).count()).isZero();
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  @Test
  void everyScoreIsWithinZeroAndHundred() {
    assertThat(ROWS.values())
        .allSatisfy(r -> assertThat(r.<Double>getAs("score")).isBetween(0.0, 100.0));
  }
}
