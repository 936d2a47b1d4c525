package io.gridwatch.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class PeriodsQuarterTest {
  @Test
  void quarterMonthsAndReportDueDates() {
    assertThat(Periods.monthsOfQuarter("2025Q2"))
        .containsExactly(YearMonth.of(2025, 4), YearMonth.of(2025, 5), YearMonth.of(2025, 6));
    assertThat(Periods.quarterReportDue("2025Q1", 15)).isEqualTo(LocalDate.of(2025, 4, 15));
    assertThat(Periods.quarterReportDue("2025Q4", 15)).isEqualTo(LocalDate.of(2026, 1, 15));
    assertThat(Periods.isQuarter("2025Q4")).isTrue();
    assertThat(Periods.isQuarter("2025Q5")).isFalse();
    assertThat(Periods.isYear("2025")).isTrue();
    assertThat(Periods.isYear("2025-01")).isFalse();
    assertThatThrownBy(() -> Periods.quarterStart("2025-03")).hasMessageContaining("2025-03");
  }
}
