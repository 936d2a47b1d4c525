package io.gridwatch.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** assessment-rules.md §2 by hand: means, rounding, forced months, probation, pay, status. */
class ExclusiveQuarterTest {
  private static final Rules RULES = Rules.defaults();
  private static final Rules CAP = Rules.of(Map.of("rules.quarter.forced_month_score", "cap"));

  private static ExclusiveQuarter.Month m(String month, String total) {
    return new ExclusiveQuarter.Month(
        YearMonth.parse(month), new BigDecimal(total), false, false, new BigDecimal("30"), null);
  }

  private static ExclusiveQuarter.Month forced(String month, String total) {
    return new ExclusiveQuarter.Month(
        YearMonth.parse(month),
        new BigDecimal(total),
        true,
        false,
        new BigDecimal("30"),
        new BigDecimal("0.5"));
  }

  private static BigDecimal score(Rules rules, ExclusiveQuarter.Month... months) {
    return ExclusiveQuarter.score(List.of(months), rules);
  }

  @Test
  void meansAreRoundedHalfUpToTwoDecimalsBeforeGrading() {
    // (94.9 + 95.0) / 2 = 94.95 → qualified; (94.9 + 95.1) / 2 = 95.00 → excellent
    assertThat(score(RULES, m("2025-01", "94.9"), m("2025-02", "95.0")))
        .isEqualByComparingTo("94.95");
    assertThat(score(RULES, m("2025-01", "94.9"), m("2025-02", "95.1"))).isEqualByComparingTo("95");
    // 284.9 / 3 = 94.9666… → 94.97; 239.9 / 3 = 79.9666… → 79.97 (basic); 209.9 / 3 → 69.97
    assertThat(score(RULES, m("2025-01", "94.9"), m("2025-02", "94.9"), m("2025-03", "95.1")))
        .isEqualByComparingTo("94.97");
    assertThat(score(RULES, m("2025-01", "79.9"), m("2025-02", "80.0"), m("2025-03", "80.0")))
        .isEqualByComparingTo("79.97");
    assertThat(RULES.gradeOf(new BigDecimal("79.97"))).isEqualTo("basic");
    // (69.9 + 70.0) / 2 = 69.95 → unqualified; 80.0 + 79.99 … 2-decimal mean 79.995 → 80.00
    assertThat(RULES.gradeOf(score(RULES, m("2025-01", "69.9"), m("2025-02", "70.0"))))
        .isEqualTo("unqualified");
    assertThat(score(RULES, m("2025-01", "79.99"), m("2025-02", "80.00")))
        .isEqualByComparingTo("80.00");
    assertThat(score(RULES, m("2025-01", "69.99"), m("2025-02", "70.00")))
        .isEqualByComparingTo("70.00");
    assertThat(score(RULES, m("2025-01", "94.99"), m("2025-02", "95.00")))
        .isEqualByComparingTo("95.00");
  }

  @Test
  void forcedMonthCountsWithItsTotalOrCapped() {
    // total: (95 + 95 + 75) / 3 = 88.33; cap: (95 + 95 + 69.99) / 3 = 86.663… → 86.66
    assertThat(score(RULES, m("2025-01", "95"), m("2025-02", "95"), forced("2025-03", "75")))
        .isEqualByComparingTo("88.33");
    assertThat(score(CAP, m("2025-01", "95"), m("2025-02", "95"), forced("2025-03", "75")))
        .isEqualByComparingTo("86.66");
    // a forced month already below the cap keeps its total
    assertThat(score(CAP, m("2025-01", "95"), forced("2025-02", "50")))
        .isEqualByComparingTo("72.50");
  }

  @Test
  void payCountsNonProbationMonthsOfTheFinalGrade() {
    List<ExclusiveQuarter.Worker> ws = new ArrayList<>();
    // hired 2024-12-01: January's 15th is before 2025-02-01 → probation; Feb, Mar paid.
    ws.add(
        new ExclusiveQuarter.Worker(
            "A",
            LocalDate.of(2024, 12, 1),
            List.of(m("2025-01", "90"), m("2025-02", "90"), m("2025-03", "90"))));
    // hired 2025-01-20: assessed Feb and Mar, both before 2025-03-20 → no paid month.
    ws.add(
        new ExclusiveQuarter.Worker(
            "B", LocalDate.of(2025, 1, 20), List.of(m("2025-02", "85"), m("2025-03", "85"))));
    // long employed, 3 months of 70 → basic × 1.0
    ws.add(
        new ExclusiveQuarter.Worker(
            "C",
            LocalDate.of(2020, 1, 1),
            List.of(m("2025-03", "70"), m("2025-01", "70"), m("2025-02", "70"))));
    // leaves mid-quarter: 1 month, unqualified → 0
    ws.add(new ExclusiveQuarter.Worker("D", LocalDate.of(2020, 1, 1), List.of(m("2025-01", "60"))));
    var rs = ExclusiveQuarter.assess("2025Q1", ws, RULES);
    assertThat(rs)
        .extracting(ExclusiveQuarter.Result::workerId)
        .containsExactly("A", "B", "C", "D");
    var a = rs.get(0);
    assertThat(a.months()).isEqualTo(3);
    assertThat(a.probationMonths()).isEqualTo(1);
    assertThat(a.paidMonths()).isEqualTo(2);
    assertThat(a.performancePay()).isEqualByComparingTo("2000.00");
    var b = rs.get(1);
    assertThat(b.months()).isEqualTo(2);
    assertThat(b.paidMonths()).isZero();
    assertThat(b.performancePay()).isEqualByComparingTo("0");
    var c = rs.get(2);
    assertThat(c.grade()).isEqualTo("basic");
    assertThat(c.performancePay()).isEqualByComparingTo("3000.00");
    var d = rs.get(3);
    assertThat(d.months()).isEqualTo(1);
    assertThat(d.grade()).isEqualTo("unqualified");
    assertThat(d.payMultiplier()).isEqualByComparingTo("0");
    assertThat(d.performancePay()).isEqualByComparingTo("0");
    assertThat(rs).allSatisfy(r -> assertThat(r.ranked()).isEqualTo(4));
    assertThat(rs).allSatisfy(r -> assertThat(r.quota()).isEqualTo(1));
  }

  @Test
  void excellentPaysOnePointTwoAndQuotaCutPaysOne() {
    List<ExclusiveQuarter.Worker> ws = new ArrayList<>();
    for (String id : List.of("A", "B", "C", "D")) {
      ws.add(
          new ExclusiveQuarter.Worker(
              id,
              LocalDate.of(2020, 1, 1),
              List.of(m("2025-04", "96"), m("2025-05", "96"), m("2025-06", "96"))));
    }
    var rs = ExclusiveQuarter.assess("2025Q2", ws, RULES);
    // 4 workers → Q = 1; all tied → by id
    assertThat(rs.get(0).workerId()).isEqualTo("A");
    assertThat(rs.get(0).grade()).isEqualTo("excellent");
    assertThat(rs.get(0).performancePay()).isEqualByComparingTo("3600.00");
    assertThat(rs.get(1).grade()).isEqualTo("qualified");
    assertThat(rs.get(1).quotaExceeded()).isTrue();
    assertThat(rs.get(1).baseGrade()).isEqualTo("excellent");
    assertThat(rs.get(1).performancePay()).isEqualByComparingTo("3000.00");
  }

  @Test
  void incompleteMonthMakesTheQuarterIncompleteAndAwarenessNotSampledCountsAsOne() {
    var inc =
        new ExclusiveQuarter.Month(
            YearMonth.of(2025, 2), new BigDecimal("80"), false, true, new BigDecimal("20"), null);
    var w1 =
        new ExclusiveQuarter.Worker(
            "A", LocalDate.of(2020, 1, 1), List.of(m("2025-01", "90"), inc));
    var w2 =
        new ExclusiveQuarter.Worker(
            "B", LocalDate.of(2020, 1, 1), List.of(m("2025-01", "85"), forced("2025-02", "85")));
    var rs = ExclusiveQuarter.assess("2025Q1", List.of(w2, w1), RULES);
    // equal scores 85; patrol means 25 vs 30 → B first
    assertThat(rs).extracting(ExclusiveQuarter.Result::workerId).containsExactly("B", "A");
    assertThat(rs.get(1).status()).isEqualTo("incomplete");
    assertThat(rs.get(0).status()).isEqualTo("final");
    assertThat(rs.get(1).patrolMean()).isEqualByComparingTo("25");
    assertThat(rs.get(1).awarenessMean()).isEqualByComparingTo("1");
    assertThat(rs.get(0).awarenessMean()).isEqualByComparingTo("0.75");
    assertThat(rs.get(0).forcedMonths()).isEqualTo(1);
  }
}
