package io.gridwatch.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.analytics.report.ReportPeriod.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Period labels of {@code gridwatch report --period}: kinds, spans, Chinese names, bad values. */
class ReportPeriodTest {

  @Test
  void parsesEachKind() {
    ReportPeriod m = ReportPeriod.parse("2025-03");
    assertThat(m.kind()).isEqualTo(Kind.MONTH);
    assertThat(m.month()).isEqualTo("2025-03");
    assertThat(m.zh()).isEqualTo("2025年3月");
    assertThat(m.quarters()).isEmpty();
    assertThat(m.defaultFileName()).isEqualTo("report-2025-03.xlsx");

    ReportPeriod q = ReportPeriod.parse(" 2025q4 ");
    assertThat(q.kind()).isEqualTo(Kind.QUARTER);
    assertThat(q.label()).isEqualTo("2025Q4");
    assertThat(q.quarters()).containsExactly("2025Q4");
    assertThat(q.zh()).isEqualTo("2025年第4季度");

    ReportPeriod h2 = ReportPeriod.parse("2025H2");
    assertThat(h2.kind()).isEqualTo(Kind.HALF_YEAR);
    assertThat(h2.quarters()).containsExactly("2025Q3", "2025Q4");
    assertThat(h2.trainingPeriods()).containsExactly("2025H2");
    assertThat(h2.zh()).isEqualTo("2025年下半年");
    assertThat(ReportPeriod.parse("2025H1").quarters()).containsExactly("2025Q1", "2025Q2");

    ReportPeriod y = ReportPeriod.parse("2025");
    assertThat(y.kind()).isEqualTo(Kind.YEAR);
    assertThat(y.quarters()).containsExactly("2025Q1", "2025Q2", "2025Q3", "2025Q4");
    assertThat(y.trainingPeriods()).containsExactly("2025", "2025H1", "2025H2");
    assertThat(y.zh()).isEqualTo("2025年度");
  }

  @Test
  void rejectsMalformedPeriodsWithOneBilingualLine() {
    for (String bad :
        List.of(
            "2025-13", "2025-00", "2025-3", "2025Q0", "2025Q5", "2025H3", "25Q1", "March", "")) {
      assertThatThrownBy(() -> ReportPeriod.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("考核期格式不对")
          .hasMessageContaining("expected YYYY-MM, YYYYQn, YYYYH1|H2 or YYYY")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void naturalOrderComparesDigitRunsAsNumbers() {
    List<String> ids = new ArrayList<>(List.of("W10", "W2", "W1", "W02x", "A", "W0010"));
    ids.sort(Labels.NATURAL);
    assertThat(ids).containsExactly("A", "W1", "W2", "W02x", "W0010", "W10");
  }
}
