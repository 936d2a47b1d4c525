package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The period marts of {@code gridwatch analyze} on the assessment drop (ingested by the real
 * IngestJob), hand-computed from the worker_month values that {@link WorkerMonthJobTest} proves and
 * from the drop's town_scores.
 */
class PeriodMartsFixtureTest {
  private static String lake;

  @BeforeAll
  static void analyse() {
    lake = AssessmentFixture.analyzed();
  }

  private static Map<String, Row> mart(String name, String... key) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : TestSpark.get().read().parquet(LakePaths.mart(lake, name)).collectAsList()) {
      StringBuilder k = new StringBuilder();
      for (String c : key) {
        k.append(k.length() == 0 ? "" : "@").append((Object) r.getAs(c));
      }
      out.put(k.toString(), r);
    }
    return out;
  }

  @Test
  void firstQuarterIsTheMarchRanking() {
    // March totals: W1 100, W7 100 (tie on patrol 30 and awareness 1.0 → id), W5 98 (patrol 30)
    // before W3 98 (patrol 28), W9 95, W8 90, W2 70 (patrol 20) before W4 70 (patrol 0), W6 50.5.
    // N = 9 → Q = 2: W1 and W7 stay excellent, W5, W3 and W9 are cut to qualified.
    Map<String, Row> q = mart("worker_quarter", "worker_id", "quarter");
    assertThat(q).hasSize(18);
    String[] order = {"W1", "W7", "W5", "W3", "W9", "W8", "W2", "W4", "W6"};
    String[] grades = {
      "excellent",
      "excellent",
      "qualified!",
      "qualified!",
      "qualified!",
      "qualified",
      "basic",
      "basic",
      "unqualified"
    };
    for (int i = 0; i < order.length; i++) {
      Row r = q.get(order[i] + "@2025Q1");
      assertThat(r.<Integer>getAs("rank")).as(order[i]).isEqualTo(i + 1);
      assertThat(r.<String>getAs("grade") + (r.<Boolean>getAs("quota_exceeded") ? "!" : ""))
          .as(order[i])
          .isEqualTo(grades[i]);
    }
    // W1: 1 × 1000 × 1.2; W7 hired 2025-03-10: March is a probation month → 0
    assertThat(q.get("W1@2025Q1").<Double>getAs("performance_pay")).isEqualTo(1200.0);
    assertThat(q.get("W7@2025Q1").<Integer>getAs("probation_months")).isEqualTo(1);
    assertThat(q.get("W7@2025Q1").<Double>getAs("performance_pay")).isEqualTo(0.0);
    // W2: the forced March counts with its total 70 (rules.quarter.forced_month_score = total)
    assertThat(q.get("W2@2025Q1").<Double>getAs("score")).isEqualTo(70.0);
    assertThat(q.get("W2@2025Q1").<Integer>getAs("forced_months")).isEqualTo(1);
    // W6 April is incomplete (no panel scores) → 2025Q2 incomplete
    assertThat(q.get("W6@2025Q2").<String>getAs("status")).isEqualTo("incomplete");
    assertThat(q.get("W6@2025Q1").<String>getAs("status")).isEqualTo("final");
  }

  @Test
  void yearHasEveryExclusiveWorker() {
    Map<String, Row> y = mart("worker_year", "worker_id", "year");
    assertThat(y).hasSize(9);
    // W6: 2025Q1 50.5 and 2025Q2 40 are both unqualified → forced, dismissal
    Row w6 = y.get("W6@2025");
    assertThat(w6.<Integer>getAs("unqualified_quarters")).isEqualTo(2);
    assertThat(w6.<String>getAs("forced_reason")).isEqualTo("two_unqualified_quarters");
    assertThat(w6.<Boolean>getAs("dismissal_required")).isTrue();
    assertThat(y.values())
        .allSatisfy(r -> assertThat(r.<Double>getAs("score")).isBetween(0.0, 100.0));
  }

  @Test
  void fulltimeQuartersAreGradedPaidAndDeadlineChecked() {
    Map<String, Row> q = mart("fulltime_quarter", "worker_id", "period");
    assertThat(q).containsOnlyKeys("F1@2025Q1", "F2@2025Q1", "F1@2025Q2");
    Row f1 = q.get("F1@2025Q1");
    // 96 → excellent by score; 松涛镇 has N = 2 → Q = 0 → qualified; submitted 优秀 contradicts
    assertThat(f1.<String>getAs("grade")).isEqualTo("qualified");
    assertThat(f1.<Boolean>getAs("quota_exceeded")).isTrue();
    assertThat(f1.<String>getAs("submitted_grade")).isEqualTo("excellent");
    assertThat(f1.<Boolean>getAs("grade_contradicted")).isTrue();
    assertThat(f1.<Boolean>getAs("late")).isFalse(); // 2025-04-15
    assertThat(f1.<Double>getAs("performance_pay")).isEqualTo(2400.0); // 3 × 800 × 1.0
    Row f2 = q.get("F2@2025Q1");
    // 72 → basic; submitted 2025-04-16 → late; hired 2025-02-10: Feb, Mar probation → 0
    assertThat(f2.<String>getAs("grade")).isEqualTo("basic");
    assertThat(f2.<Boolean>getAs("late")).isTrue();
    assertThat(f2.<Integer>getAs("employed_months")).isEqualTo(2);
    assertThat(f2.<Double>getAs("performance_pay")).isEqualTo(0.0);
    Map<String, Row> y = mart("fulltime_year", "worker_id", "period");
    assertThat(y).containsOnlyKeys("F1@2025", "F2@2025");
    assertThat(y.get("F1@2025").<String>getAs("grade")).isEqualTo("qualified");
    assertThat(y.get("F1@2025").<Boolean>getAs("late")).isNull();
    assertThat(y.get("F2@2025").<Double>getAs("score")).isNull();
    assertThat(y.get("F2@2025").<String>getAs("grade")).isNull();
  }

  @Test
  void townSubmissionsCountExpectedOnTimeLateAndMissing() {
    Map<String, Row> t = mart("town_submissions", "town", "quarter");
    assertThat(t).containsOnlyKeys("松涛镇@2025Q1", "松涛镇@2025Q2");
    Row q1 = t.get("松涛镇@2025Q1");
    assertThat(counts(q1)).isEqualTo("2|1|1|0");
    assertThat(q1.<java.sql.Date>getAs("due_on").toString()).isEqualTo("2025-04-15");
    assertThat(q1.<Boolean>getAs("quarter_assessed")).isFalse();
    Row q2 = t.get("松涛镇@2025Q2");
    // F2 has no 2025Q2 submission
    assertThat(counts(q2)).isEqualTo("2|1|0|1");
    assertThat(q2.getList(q2.fieldIndex("missing_worker_ids"))).containsExactly("F2");
  }

  private static String counts(Row r) {
    return r.getAs("expected")
        + "|"
        + r.getAs("on_time")
        + "|"
        + r.getAs("late")
        + "|"
        + r.getAs("missing");
  }
}
