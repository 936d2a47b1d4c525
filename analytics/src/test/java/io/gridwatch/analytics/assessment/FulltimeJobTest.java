package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.rules.Rules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * fulltime_quarter and fulltime_year through the Spark job on hand-made town_scores
 * (assessment-rules.md §4). 2025Q1: 松涛镇 S1 98, S2 97, S3 96 (left 2025-03-01), S4 80 (hired
 * 2025-02-10); 狮子山街道 L1 99, L2 95, L3 60; a part-time worker P1 (ignored).
 */
class FulltimeJobTest {
  private static PeriodRows input() {
    PeriodRows in = new PeriodRows();
    in.worker("S1", "fulltime", "松涛镇", "2020-01-01", null);
    in.worker("S2", "fulltime", "松涛镇", "2020-01-01", null);
    in.worker("S3", "fulltime", "松涛镇", "2020-01-01", "2025-03-01");
    in.worker("S4", "fulltime", "松涛镇", "2025-02-10", null);
    in.worker("L1", "fulltime", "狮子山街道", "2020-01-01", null);
    in.worker("L2", "fulltime", "狮子山街道", "2020-01-01", null);
    in.worker("L3", "fulltime", "狮子山街道", "2020-01-01", null);
    in.worker("P1", "parttime", "狮子山街道", "2020-01-01", null);
    in.score("S1", "2025Q1", 98, "优秀", "松涛镇", "2025-04-15");
    in.score("S2", "2025Q1", 97, "优秀", "松涛镇", "2025-04-16");
    in.score("S3", "2025Q1", 96, null, "松涛镇", "2025-04-01");
    in.score("S4", "2025Q1", 80, "合格", "松涛镇", "2025-04-01");
    in.score("L1", "2025Q1", 99, "优秀", "狮子山街道", "2025-04-01");
    in.score("L2", "2025Q1", 95, "优秀", "狮子山街道", "2025-04-01");
    in.score("L3", "2025Q1", 60, "不合格", "狮子山街道", "2025-04-01");
    in.score("P1", "2025Q1", 99, "优秀", "狮子山街道", "2025-04-01");
    in.score("L3", "2025Q2", 65, "不合格", "狮子山街道", "2025-07-01");
    in.score("L3", "2025", 85, "合格", "狮子山街道", "2026-01-10");
    in.score("S1", "2025", 92, "合格", "松涛镇", "2026-04-01");
    return in;
  }

  private static Map<String, Row> byWorker(Dataset<Row> df) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : df.collectAsList()) {
      out.put(r.getAs("worker_id") + "@" + r.getAs("period"), r);
    }
    return out;
  }

  private static String gradeOf(Map<String, Row> rows, String key) {
    Row r = rows.get(key);
    return r.getAs("rank")
        + ":"
        + r.getAs("grade")
        + (r.<Boolean>getAs("quota_exceeded") ? "!" : "");
  }

  @Test
  void townScopeAppliesTheQuotaWithinEachTown() {
    PeriodRows in = input();
    Map<String, Row> q =
        byWorker(FulltimeJob.quarters(in.townScoresDf(), in.workersDf(), Rules.defaults()));
    assertThat(q).hasSize(8).doesNotContainKey("P1@2025Q1");
    // 松涛镇 N = 4 → Q = 1; 狮子山街道 N = 3 → Q = 0
    assertThat(gradeOf(q, "S1@2025Q1")).isEqualTo("1:excellent");
    assertThat(gradeOf(q, "S2@2025Q1")).isEqualTo("2:qualified!");
    assertThat(gradeOf(q, "S3@2025Q1")).isEqualTo("3:qualified!");
    assertThat(gradeOf(q, "S4@2025Q1")).isEqualTo("4:qualified");
    assertThat(gradeOf(q, "L1@2025Q1")).isEqualTo("1:qualified!");
    assertThat(gradeOf(q, "L2@2025Q1")).isEqualTo("2:qualified!");
    assertThat(gradeOf(q, "L3@2025Q1")).isEqualTo("3:unqualified");
    // pay: S1 3 × 800 × 1.2; S3 left 03-01 → Jan, Feb × 800; S4 hired 02-10 → Feb, Mar probation
    assertThat(q.get("S1@2025Q1").<Double>getAs("performance_pay")).isEqualTo(2880.0);
    assertThat(q.get("S3@2025Q1").<Integer>getAs("employed_months")).isEqualTo(2);
    assertThat(q.get("S3@2025Q1").<Double>getAs("performance_pay")).isEqualTo(1600.0);
    assertThat(q.get("S4@2025Q1").<Integer>getAs("probation_months")).isEqualTo(2);
    assertThat(q.get("S4@2025Q1").<Double>getAs("performance_pay")).isEqualTo(0.0);
    assertThat(q.get("L3@2025Q1").<Double>getAs("performance_pay")).isEqualTo(0.0);
    // deadline 2025-04-15: S1 on the day is on time, S2 a day later is late
    assertThat(q.get("S1@2025Q1").<Boolean>getAs("late")).isFalse();
    assertThat(q.get("S2@2025Q1").<Boolean>getAs("late")).isTrue();
    assertThat(q.get("S2@2025Q1").<Boolean>getAs("grade_contradicted")).isTrue();
    assertThat(q.get("S1@2025Q1").<Boolean>getAs("grade_contradicted")).isFalse();
  }

  @Test
  void zoneScopeAppliesOneQuotaToEveryone() {
    PeriodRows in = input();
    Map<String, Row> q =
        byWorker(
            FulltimeJob.quarters(
                in.townScoresDf(),
                in.workersDf(),
                Rules.of(Map.of("rules.fulltime.quota_scope", "zone"))));
    // N = 7 → Q = 2: L1 99 and S1 98 stay excellent
    assertThat(gradeOf(q, "L1@2025Q1")).isEqualTo("1:excellent");
    assertThat(gradeOf(q, "S1@2025Q1")).isEqualTo("2:excellent");
    assertThat(gradeOf(q, "S2@2025Q1")).isEqualTo("3:qualified!");
    assertThat(gradeOf(q, "S3@2025Q1")).isEqualTo("4:qualified!");
    assertThat(gradeOf(q, "L2@2025Q1")).isEqualTo("5:qualified!");
    assertThat(gradeOf(q, "S4@2025Q1")).isEqualTo("6:qualified");
    assertThat(gradeOf(q, "L3@2025Q1")).isEqualTo("7:unqualified");
  }

  @Test
  void yearAppliesTheTwoUnqualifiedQuartersRule() {
    PeriodRows in = input();
    Rules rules =
        Rules.of(
            Map.of(
                "rules.fulltime.year_report_due", "03-31",
                "rules.pay.fulltime_annual_performance_standard", "5000"));
    Dataset<Row> quarters = FulltimeJob.quarters(in.townScoresDf(), in.workersDf(), rules);
    Map<String, Row> y =
        byWorker(FulltimeJob.years(in.townScoresDf(), in.workersDf(), quarters, rules));
    // every worker with a quarter result has a year row; P1 (part-time) none
    assertThat(y.keySet())
        .containsExactlyInAnyOrder(
            "S1@2025", "S2@2025", "S3@2025", "S4@2025", "L1@2025", "L2@2025", "L3@2025");
    Row l3 = y.get("L3@2025");
    // submitted 85 合格, but Q1 60 and Q2 65 are unqualified → forced; the contradiction is flagged
    assertThat(l3.<Double>getAs("score")).isEqualTo(85.0);
    assertThat(l3.<Integer>getAs("unqualified_quarters")).isEqualTo(2);
    assertThat(l3.<String>getAs("grade")).isEqualTo("unqualified");
    assertThat(l3.<String>getAs("forced_reason")).isEqualTo("two_unqualified_quarters");
    assertThat(l3.<String>getAs("submitted_grade")).isEqualTo("qualified");
    assertThat(l3.<Boolean>getAs("grade_contradicted")).isTrue();
    assertThat(l3.<Boolean>getAs("dismissal_required")).isTrue();
    assertThat(l3.<Double>getAs("performance_pay")).isEqualTo(0.0);
    assertThat(l3.<Boolean>getAs("late")).isFalse();
    Row s1 = y.get("S1@2025");
    assertThat(s1.<String>getAs("grade")).isEqualTo("qualified");
    assertThat(s1.<Boolean>getAs("late")).isTrue(); // 2026-04-01 > 2026-03-31
    assertThat(s1.<Double>getAs("performance_pay")).isEqualTo(5000.0);
    Row s2 = y.get("S2@2025");
    assertThat(s2.<Double>getAs("score")).isNull();
    assertThat(s2.<String>getAs("grade")).isNull();
    assertThat(s2.<Boolean>getAs("dismissal_required")).isFalse();
    assertThat(s2.<String>getAs("town")).isEqualTo("松涛镇");
    // default rules: year due date not checked
    Map<String, Row> d =
        byWorker(
            FulltimeJob.years(
                in.townScoresDf(),
                in.workersDf(),
                FulltimeJob.quarters(in.townScoresDf(), in.workersDf(), Rules.defaults()),
                Rules.defaults()));
    assertThat(d.get("S1@2025").<Boolean>getAs("late")).isNull();
    assertThat(d.get("S1@2025").<Double>getAs("performance_pay")).isEqualTo(0.0);
  }

  @Test
  void columnsStartWithTheContract() {
    List<String> contract =
        List.of(
            "worker_id",
            "town",
            "period",
            "score",
            "grade",
            "quota_exceeded",
            "forced_reason",
            "pay_multiplier",
            "performance_pay",
            "dismissal_required",
            "submitted_on",
            "late");
    assertThat(List.of(FulltimeJob.QUARTER_SCHEMA.fieldNames()).subList(0, 12)).isEqualTo(contract);
    assertThat(List.of(FulltimeJob.YEAR_SCHEMA.fieldNames()).subList(0, 12)).isEqualTo(contract);
  }
}
