package io.gridwatch.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** assessment-rules.md §3 by hand. */
class ExclusiveYearTest {
  private static final Rules RULES = Rules.defaults();

  private static ExclusiveYear.Quarter q(String quarter, String score, String grade) {
    return new ExclusiveYear.Quarter(quarter, new BigDecimal(score), grade, false);
  }

  private static ExclusiveYear.Worker w(String id, ExclusiveYear.Quarter... quarters) {
    return new ExclusiveYear.Worker(
        id, List.of(quarters), List.of(new BigDecimal("30")), new ArrayList<>(List.of()));
  }

  @Test
  void yearScoreNinetyFourPointNineNineFiveIsExcellent() {
    // E: quarters 94.99 and 95.00 → mean 94.995 → 95.00 → excellent; 4 workers → Q = 1
    var rs =
        ExclusiveYear.assess(
            "2025",
            List.of(
                w("E", q("2025Q1", "94.99", "qualified"), q("2025Q2", "95.00", "excellent")),
                w("F", q("2025Q1", "90", "qualified")),
                w("G", q("2025Q1", "85", "qualified")),
                w("H", q("2025Q1", "80", "qualified"))),
            RULES);
    var e = rs.get(0);
    assertThat(e.workerId()).isEqualTo("E");
    assertThat(e.score()).isEqualByComparingTo("95.00");
    assertThat(e.grade()).isEqualTo("excellent");
    assertThat(e.quarters()).isEqualTo(2);
    assertThat(e.payMultiplier()).isEqualByComparingTo("1.2");
    assertThat(e.performancePay()).isEqualByComparingTo("7200.00");
    assertThat(e.quota()).isEqualTo(1);
    // pool: 7200 + 3 × 6000 = 25200 > 4 × 6000 = 24000 → overrun, not rescaled
    assertThat(e.poolTotalPay()).isEqualByComparingTo("25200.00");
    assertThat(e.poolBudget()).isEqualByComparingTo("24000.00");
    assertThat(rs).allSatisfy(r -> assertThat(r.poolOverrun()).isTrue());
    assertThat(rs.get(1).performancePay()).isEqualByComparingTo("6000.00");
  }

  @Test
  void twoUnqualifiedQuartersForceTheYearAndRequireDismissal() {
    // X: 100, 100, 60, 65 → mean 81.25 (qualified by score) but 2 unqualified quarters
    var rs =
        ExclusiveYear.assess(
            "2025",
            List.of(
                w(
                    "X",
                    q("2025Q1", "100", "excellent"),
                    q("2025Q2", "100", "excellent"),
                    q("2025Q3", "60", "unqualified"),
                    q("2025Q4", "65", "unqualified")),
                w("Y", q("2025Q1", "75", "basic"), q("2025Q2", "65", "unqualified"))),
            RULES);
    var x = rs.get(0);
    assertThat(x.workerId()).isEqualTo("X");
    assertThat(x.score()).isEqualByComparingTo("81.25");
    assertThat(x.unqualifiedQuarters()).isEqualTo(2);
    assertThat(x.grade()).isEqualTo("unqualified");
    assertThat(x.forcedReason()).isEqualTo("two_unqualified_quarters");
    assertThat(x.dismissalRequired()).isTrue();
    assertThat(x.performancePay()).isEqualByComparingTo("0");
    var y = rs.get(1);
    // Y: one unqualified quarter, mean 70.00 → basic × 0.8
    assertThat(y.unqualifiedQuarters()).isEqualTo(1);
    assertThat(y.forcedReason()).isNull();
    assertThat(y.grade()).isEqualTo("basic");
    assertThat(y.performancePay()).isEqualByComparingTo("4800.00");
    assertThat(y.dismissalRequired()).isFalse();
    // 0 + 4800 ≤ 12000
    assertThat(y.poolOverrun()).isFalse();
  }

  @Test
  void incompleteQuarterMakesTheYearIncomplete() {
    var rs =
        ExclusiveYear.assess(
            "2025",
            List.of(
                new ExclusiveYear.Worker(
                    "A",
                    List.of(
                        new ExclusiveYear.Quarter(
                            "2025Q1", new BigDecimal("80"), "qualified", true)),
                    List.of(),
                    List.of())),
            RULES);
    assertThat(rs.get(0).status()).isEqualTo("incomplete");
  }
}
