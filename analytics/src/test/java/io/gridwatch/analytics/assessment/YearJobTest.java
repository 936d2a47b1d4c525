package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.rules.Rules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * worker_year through QuarterJob → YearJob on hand-made worker_month rows (assessment-rules.md §3).
 *
 * <p>2025, four workers (N = 4 → Q = 1). A: Q1 (94.8, 95.0, 95.0) → 94.93, Q2 (95.0, 95.1) → 95.05,
 * Q3 and Q4 95.00 → year (94.93 + 95.05 + 95 + 95) / 4 = 94.995 → 95.00 → excellent. X: Q1 60, Q2
 * 65, Q3 100, Q4 100 → 81.25 but two unqualified quarters → forced unqualified, dismissal. B: 90
 * all year. C: 80 all year.
 */
class YearJobTest {
  private static final Map<String, Row> ROWS = new LinkedHashMap<>();
  private static Dataset<Row> quarters;

  private static final List<String> YEAR =
      List.of(
          "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
          "2025-09", "2025-10", "2025-11", "2025-12");

  @BeforeAll
  static void compute() {
    PeriodRows in = new PeriodRows();
    in.month("A", "2025-01", 94.8).month("A", "2025-02", 95.0).month("A", "2025-03", 95.0);
    in.month("A", "2025-04", 95.0).month("A", "2025-05", 95.1);
    for (String m : YEAR) {
      int q = (Integer.parseInt(m.substring(5)) - 1) / 3 + 1;
      if (q >= 3) {
        in.month("A", m, 95.0);
      }
      in.month("X", m, q == 1 ? 60 : q == 2 ? 65 : 100);
      in.month("B", m, 90).month("C", m, 80);
    }
    for (String w : List.of("A", "B", "C", "X")) {
      in.worker(w, "exclusive", "高新区", "2020-01-01", null);
    }
    Rules rules = Rules.defaults();
    quarters = QuarterJob.compute(in.workerMonth(), in.workersDf(), rules).cache();
    Dataset<Row> years = YearJob.compute(quarters, in.workerMonth(), rules);
    for (Row r : years.collectAsList()) {
      ROWS.put(r.getAs("worker_id"), r);
    }
  }

  @Test
  void quarterScoresAreRoundedBeforeTheYearMean() {
    Map<String, Double> a = new LinkedHashMap<>();
    for (Row r : quarters.where("worker_id = 'A'").orderBy("quarter").collectAsList()) {
      a.put(r.getAs("quarter"), r.getAs("score"));
    }
    assertThat(a)
        .containsExactly(
            Map.entry("2025Q1", 94.93),
            Map.entry("2025Q2", 95.05),
            Map.entry("2025Q3", 95.0),
            Map.entry("2025Q4", 95.0));
  }

  @Test
  void meanNinetyFourPointNineNineFiveIsExcellent() {
    Row a = ROWS.get("A");
    assertThat(a.<Double>getAs("score")).isEqualTo(95.0);
    assertThat(a.<String>getAs("grade")).isEqualTo("excellent");
    assertThat(a.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(a.<Double>getAs("performance_pay")).isEqualTo(7200.0);
    assertThat(a.<Boolean>getAs("dismissal_required")).isFalse();
    assertThat(a.<Integer>getAs("quarters")).isEqualTo(4);
  }

  @Test
  void twoUnqualifiedQuartersForceUnqualifiedAndDismissal() {
    Row x = ROWS.get("X");
    assertThat(x.<Double>getAs("score")).isEqualTo(81.25);
    assertThat(x.<Integer>getAs("unqualified_quarters")).isEqualTo(2);
    assertThat(x.<String>getAs("grade")).isEqualTo("unqualified");
    assertThat(x.<String>getAs("forced_reason")).isEqualTo("two_unqualified_quarters");
    assertThat(x.<Boolean>getAs("dismissal_required")).isTrue();
    assertThat(x.<Double>getAs("performance_pay")).isEqualTo(0.0);
    assertThat(x.<Integer>getAs("rank")).isEqualTo(3); // 81.25 after A 95 and B 90
  }

  @Test
  void poolReportsTotalAgainstNTimesStandard() {
    // A 7200 + B 6000 + C 6000 + X 0 = 19200 ≤ 4 × 6000
    assertThat(ROWS.values())
        .allSatisfy(
            r -> {
              assertThat(r.<Double>getAs("pool_total_pay")).isEqualTo(19200.0);
              assertThat(r.<Double>getAs("pool_budget")).isEqualTo(24000.0);
              assertThat(r.<Boolean>getAs("pool_overrun")).isFalse();
              assertThat(r.<Double>getAs("score")).isBetween(0.0, 100.0);
            });
    assertThat(ROWS.get("C").<String>getAs("grade")).isEqualTo("qualified");
  }
}
