package io.gridwatch.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** assessment-rules.md §4 by hand. */
class FulltimeTest {
  private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);

  private static Fulltime.QuarterSubmission s(
      String id, String town, String score, String grade, String submittedOn) {
    return new Fulltime.QuarterSubmission(
        id, town, new BigDecimal(score), grade, LocalDate.parse(submittedOn), LONG_AGO, null);
  }

  /** Town A: 4 workers, 3 with excellent scores (Q = 1); town B: 3 workers, 2 excellent (Q = 0). */
  private static List<Fulltime.QuarterSubmission> twoTowns() {
    List<Fulltime.QuarterSubmission> rows = new ArrayList<>();
    rows.add(s("A1", "松涛镇", "98", "优秀", "2025-04-15"));
    rows.add(s("A2", "松涛镇", "97", "excellent", "2025-04-16"));
    rows.add(s("A3", "松涛镇", "96", null, "2025-04-01"));
    rows.add(s("A4", "松涛镇", "80", "合格", "2025-04-01"));
    rows.add(s("B1", "狮子山街道", "99.5", "优秀", "2025-04-10"));
    rows.add(s("B2", "狮子山街道", "94.995", "合格", "2025-04-10"));
    rows.add(s("B3", "狮子山街道", "69.994", "不合格", "2025-04-10"));
    return rows;
  }

  private static String render(List<Fulltime.Result> rs) {
    StringBuilder b = new StringBuilder();
    for (var r : rs) {
      b.append(r.workerId())
          .append(':')
          .append(r.rank())
          .append(':')
          .append(r.grade())
          .append(r.quotaExceeded() ? "!" : "")
          .append(' ');
    }
    return b.toString().trim();
  }

  @Test
  void townScopeRanksAndCutsWithinEachTown() {
    var rs = Fulltime.assessQuarter("2025Q1", twoTowns(), Rules.defaults());
    // TreeMap order of towns: 松 (U+677E) < 狮 (U+72EE)
    assertThat(render(rs))
        .isEqualTo(
            "A1:1:excellent A2:2:qualified! A3:3:qualified! A4:4:qualified"
                + " B1:1:qualified! B2:2:qualified! B3:3:unqualified");
    var b2 = rs.get(5);
    // 94.995 → 95.00 → excellent by score, cut by the quota (N = 3 → Q = 0)
    assertThat(b2.score()).isEqualByComparingTo("95.00");
    assertThat(b2.baseGrade()).isEqualTo("excellent");
    assertThat(b2.gradeContradicted()).isFalse(); // submitted 合格 = final qualified
    assertThat(rs.get(6).score()).isEqualByComparingTo("69.99");
    assertThat(rs.get(0).quota()).isEqualTo(1);
    assertThat(rs.get(4).quota()).isZero();
  }

  @Test
  void zoneScopeRanksEveryone() {
    var rs =
        Fulltime.assessQuarter(
            "2025Q1", twoTowns(), Rules.of(Map.of("rules.fulltime.quota_scope", "zone")));
    // N = 7 → Q = 2: B1 99.5, A1 98 stay excellent; A2, A3, B2 (95.00) are cut
    assertThat(render(rs))
        .isEqualTo(
            "B1:1:excellent A1:2:excellent A2:3:qualified! A3:4:qualified! B2:5:qualified!"
                + " A4:6:qualified B3:7:unqualified");
    assertThat(rs).allSatisfy(r -> assertThat(r.ranked()).isEqualTo(7));
  }

  @Test
  void deadlineIsTheFifteenthOfTheNextQuartersFirstMonth() {
    var rs = Fulltime.assessQuarter("2025Q1", twoTowns(), Rules.defaults());
    assertThat(rs.get(0).dueOn()).isEqualTo(LocalDate.of(2025, 4, 15));
    assertThat(rs.get(0).late()).isFalse(); // 04-15: on time
    assertThat(rs.get(1).late()).isTrue(); // 04-16
    // submitted 'excellent' but cut to qualified → contradicted
    assertThat(rs.get(1).gradeContradicted()).isTrue();
    assertThat(rs.get(1).submittedGrade()).isEqualTo("excellent");
    var q4 =
        Fulltime.assessQuarter(
            "2025Q4", List.of(s("A1", "松涛镇", "90", null, "2026-01-16")), Rules.defaults());
    assertThat(q4.get(0).dueOn()).isEqualTo(LocalDate.of(2026, 1, 15));
    assertThat(q4.get(0).late()).isTrue();
  }

  @Test
  void quarterPayCountsMonthsEmployedOnTheFifteenthMinusProbation() {
    Rules rules = Rules.defaults();
    List<Fulltime.QuarterSubmission> rows =
        List.of(
            // hired 2025-02-10: Feb, Mar employed, both probation (before 04-10) → 0
            new Fulltime.QuarterSubmission(
                "H",
                "T",
                new BigDecimal("85"),
                null,
                LocalDate.of(2025, 4, 1),
                LocalDate.of(2025, 2, 10),
                null),
            // left 2025-02-20: Jan, Feb employed → 2 × 800 × 1.0
            new Fulltime.QuarterSubmission(
                "L",
                "T",
                new BigDecimal("85"),
                null,
                LocalDate.of(2025, 4, 1),
                LONG_AGO,
                LocalDate.of(2025, 2, 20)),
            // hired 2024-12-20: Jan probation (01-15 < 02-20), Feb probation (02-15 < 02-20), Mar
            // paid; basic → 1 × 800 × 1.0
            new Fulltime.QuarterSubmission(
                "P",
                "T",
                new BigDecimal("75"),
                null,
                LocalDate.of(2025, 4, 1),
                LocalDate.of(2024, 12, 20),
                null),
            // unqualified → 0
            new Fulltime.QuarterSubmission(
                "U", "T", new BigDecimal("50"), null, LocalDate.of(2025, 4, 1), LONG_AGO, null));
    var rs = Fulltime.assessQuarter("2025Q1", rows, rules);
    assertThat(rs).extracting(Fulltime.Result::workerId).containsExactly("H", "L", "P", "U");
    assertThat(rs.get(0).employedMonths()).isEqualTo(2);
    assertThat(rs.get(0).paidMonths()).isZero();
    assertThat(rs.get(0).performancePay()).isEqualByComparingTo("0");
    assertThat(rs.get(1).employedMonths()).isEqualTo(2);
    assertThat(rs.get(1).performancePay()).isEqualByComparingTo("1600.00");
    assertThat(rs.get(2).probationMonths()).isEqualTo(2);
    assertThat(rs.get(2).performancePay()).isEqualByComparingTo("800.00");
    assertThat(rs.get(3).performancePay()).isEqualByComparingTo("0");
    assertThat(rs).allSatisfy(r -> assertThat(r.dismissalRequired()).isFalse());
  }

  @Test
  void yearTwoUnqualifiedQuartersOverrideTheSubmittedGrade() {
    Rules rules =
        Rules.of(
            Map.of(
                "rules.fulltime.year_report_due", "03-31",
                "rules.pay.fulltime_annual_performance_standard", "5000"));
    var rs =
        Fulltime.assessYear(
            "2025",
            List.of(
                // forced: submitted 88 合格 contradicts two unqualified quarters
                new Fulltime.YearInput(
                    "F", "T", new BigDecimal("88"), "合格", LocalDate.of(2026, 3, 31), 4, 2),
                // no year submission, forced anyway → unqualified, dismissal
                new Fulltime.YearInput("N", "T", null, null, null, 3, 3),
                // no year submission, one unqualified quarter → no grade
                new Fulltime.YearInput("M", "T", null, null, null, 4, 1),
                // normal, late
                new Fulltime.YearInput(
                    "G", "T", new BigDecimal("75"), "基本合格", LocalDate.of(2026, 4, 1), 4, 1)),
            rules);
    assertThat(rs).extracting(Fulltime.Result::workerId).containsExactly("F", "G", "M", "N");
    var f = rs.get(0);
    assertThat(f.grade()).isEqualTo("unqualified");
    assertThat(f.forcedReason()).isEqualTo("two_unqualified_quarters");
    assertThat(f.gradeContradicted()).isTrue();
    assertThat(f.dismissalRequired()).isTrue();
    assertThat(f.performancePay()).isEqualByComparingTo("0");
    assertThat(f.late()).isFalse();
    assertThat(f.dueOn()).isEqualTo(LocalDate.of(2026, 3, 31));
    var g = rs.get(1);
    assertThat(g.grade()).isEqualTo("basic");
    assertThat(g.gradeContradicted()).isFalse();
    assertThat(g.performancePay()).isEqualByComparingTo("4000.00"); // 5000 × 0.8
    assertThat(g.late()).isTrue();
    var m = rs.get(2);
    assertThat(m.grade()).isNull();
    assertThat(m.rank()).isNull();
    assertThat(m.performancePay()).isNull();
    assertThat(m.dismissalRequired()).isFalse();
    var n = rs.get(3);
    assertThat(n.grade()).isEqualTo("unqualified");
    assertThat(n.dismissalRequired()).isTrue();
    assertThat(n.late()).isNull();
    // default rules: no year due date → late null; annual standard 0 → pay 0
    var d =
        Fulltime.assessYear(
            "2025",
            List.of(
                new Fulltime.YearInput(
                    "G", "T", new BigDecimal("75"), null, LocalDate.of(2026, 9, 1), 4, 0)),
            Rules.defaults());
    assertThat(d.get(0).late()).isNull();
    assertThat(d.get(0).performancePay()).isEqualByComparingTo("0");
  }
}
