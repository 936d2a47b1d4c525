package io.gridwatch.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ProbationTest {
  @Test
  void aMonthIsProbationWhenItsFifteenthIsBeforeHirePlusMonths() {
    LocalDate hired = LocalDate.of(2025, 3, 10); // probation until 2025-05-10
    assertThat(Probation.isProbationMonth(hired, YearMonth.of(2025, 3), 2)).isTrue();
    assertThat(Probation.isProbationMonth(hired, YearMonth.of(2025, 4), 2)).isTrue();
    assertThat(Probation.isProbationMonth(hired, YearMonth.of(2025, 5), 2)).isFalse();
    // hired on the 15th: 15th + 2 months is the 15th of May, not before it
    LocalDate h15 = LocalDate.of(2025, 3, 15);
    assertThat(Probation.isProbationMonth(h15, YearMonth.of(2025, 4), 2)).isTrue();
    assertThat(Probation.isProbationMonth(h15, YearMonth.of(2025, 5), 2)).isFalse();
    // hired on the 16th: March not employed, April and May probation, June not
    LocalDate h16 = LocalDate.of(2025, 3, 16);
    assertThat(Probation.isEmployedOn15th(h16, null, YearMonth.of(2025, 3))).isFalse();
    assertThat(Probation.isProbationMonth(h16, YearMonth.of(2025, 5), 2)).isTrue();
    assertThat(Probation.isProbationMonth(h16, YearMonth.of(2025, 6), 2)).isFalse();
    assertThat(Probation.isProbationMonth(hired, YearMonth.of(2025, 3), 0)).isFalse();
    assertThat(Probation.isProbationMonth(null, YearMonth.of(2025, 3), 2)).isFalse();
  }

  @Test
  void employedOnTheFifteenthUsesLeftOnAsFirstDayGone() {
    LocalDate hired = LocalDate.of(2025, 1, 1);
    assertThat(Probation.isEmployedOn15th(hired, LocalDate.of(2025, 2, 15), YearMonth.of(2025, 2)))
        .isFalse();
    assertThat(Probation.isEmployedOn15th(hired, LocalDate.of(2025, 2, 16), YearMonth.of(2025, 2)))
        .isTrue();
    assertThat(Probation.isEmployedOn15th(LocalDate.of(2025, 2, 15), null, YearMonth.of(2025, 2)))
        .isTrue();
  }
}
