package io.gridwatch.analytics.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.coverage.AssessedMonths.Layout;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssessedMonthsTest {
  private static final List<Layout> LAYOUTS =
      List.of(
          new Layout(1, "retired", LocalDate.parse("2024-01-01")),
          new Layout(2, "active", LocalDate.parse("2025-04-01")),
          new Layout(3, "draft", LocalDate.parse("2025-03-01")));

  @Test
  void layoutInForceIsLatestActiveOrRetiredNotAfterTheMonth() {
    List<Integer> withGrids = List.of(1, 2, 3);
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2025, 3), LAYOUTS, withGrids))
        .isEqualTo(1);
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2025, 4), LAYOUTS, withGrids))
        .isEqualTo(2);
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2026, 1), LAYOUTS, withGrids))
        .isEqualTo(2);
  }

  @Test
  void beforeEveryLayoutTheFirstOneInForceApplies() {
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2023, 5), LAYOUTS, List.of(1, 2, 3)))
        .isEqualTo(1);
  }

  @Test
  void layoutsWithoutGridsAreIgnored() {
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2025, 4), LAYOUTS, List.of(1, 3)))
        .isEqualTo(1);
  }

  @Test
  void fallsBackToHighestVersionWithGrids() {
    assertThat(
            AssessedMonths.layoutInForce(
                YearMonth.of(2023, 5),
                List.of(new Layout(2, "draft", LocalDate.parse("2020-01-01"))),
                List.of(1, 2)))
        .isEqualTo(2);
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2025, 5), List.of(), List.of(1)))
        .isEqualTo(1);
    assertThat(AssessedMonths.layoutInForce(YearMonth.of(2025, 5), LAYOUTS, List.of())).isNull();
  }
}
