package io.gridwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules.budget.* keys (assessment-rules.md §6): shipped amounts, overrides, validation. */
class BudgetRulesTest {
  @Test
  void defaultsAreTheRegulationsAmounts() {
    Rules.Budget b = Rules.defaults().budget();
    // 第十条/第十一条: probation 1600 per month, 4.7 / 3.5 万 per year; 第十一条(二): 400 / 300;
    // 第十二条: 100 per month; 第十三条: 300 per worker and year
    assertThat(b.probationMonthly()).isEqualByComparingTo("1600");
    assertThat(b.exclusiveAnnual()).isEqualByComparingTo("47000");
    assertThat(b.fulltimeAnnual()).isEqualByComparingTo("35000");
    assertThat(b.parttimeMonthly()).isEqualByComparingTo("100");
    assertThat(b.subcenterHeadMonthly()).isEqualByComparingTo("400");
    assertThat(b.stationManagerMonthly()).isEqualByComparingTo("300");
    assertThat(b.equipmentPerWorker()).isEqualByComparingTo("300");
    assertThat(Rules.defaults().probationMonths()).isEqualTo(2);
  }

  @Test
  void amountsAreExactDecimals() {
    Rules r = Rules.of(Map.of("rules.budget.exclusive_annual", "47000.10"));
    assertThat(r.budget().exclusiveAnnual()).isEqualTo(new BigDecimal("47000.10"));
    assertThat(r.budget().fulltimeAnnual()).isEqualByComparingTo("35000");
  }

  @Test
  void negativeOrNonNumericAmountsAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> Rules.of(Map.of("rules.budget.parttime_monthly", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rules.budget.parttime_monthly");
    assertThatThrownBy(() -> Rules.of(Map.of("rules.budget.equipment_per_worker", "三百")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rules.budget.equipment_per_worker");
  }
}
