package io.gridwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {
  @Test
  void loadsOverridesAndKeepsDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rules.properties");
    Files.writeString(
        f,
        "# comment\nrules.visit.max_distance_m = 300\nrules.assessment.first_month=2025-02\n"
            + "rules.incident.severities = major\ningest.coordinate_margin_m = 9\n");
    Rules r = Rules.load(f);
    assertThat(r.visitMaxDistanceM()).isEqualTo(300);
    assertThat(r.discoveryDays()).isEqualTo(30);
    assertThat(r.firstMonth()).isEqualTo(YearMonth.of(2025, 2));
    assertThat(r.incidentSeverities()).containsExactly("major");
  }

  @Test
  void defaultsAreTheSpecValues() {
    Rules r = Rules.defaults();
    assertThat(r.visitMaxDistanceM()).isEqualTo(500);
    assertThat(r.discoveryDays()).isEqualTo(30);
    assertThat(r.reportHours()).isEqualTo(24);
    assertThat(r.assignmentMinDays()).isEqualTo(15);
    assertThat(r.incidentSeverities()).containsExactly("especially_major", "major");
    assertThat(r.incidentMaxArrivalMinutes()).isEqualTo(60);
    assertThat(r.awarenessUnqualifiedBelow()).isEqualTo(0.60);
    assertThat(r.awarenessSampleSize()).isEqualTo(10);
    assertThat(List.of(r.gradeExcellent(), r.gradeQualified(), r.gradeBasic()))
        .containsExactly(95.0, 80.0, 70.0);
    assertThat(r.quarterForcedMonthScore()).isEqualTo("total");
    assertThat(r.quotaExcellentShare()).isEqualTo(0.30);
    assertThat(r.payExclusiveMonthlyStandard()).isEqualTo(1000);
    assertThat(r.payExclusiveAnnualStandard()).isEqualTo(6000);
    assertThat(r.payFulltimeMonthlyStandard()).isEqualTo(800);
    assertThat(r.quarterMultiplier()).isEqualTo(new Rules.Multipliers(1.2, 1.0, 1.0, 0));
    assertThat(r.yearMultiplier()).isEqualTo(new Rules.Multipliers(1.2, 1.0, 0.8, 0));
    assertThat(r.probationMonths()).isEqualTo(2);
    assertThat(r.fulltimeQuotaScope()).isEqualTo("town");
    assertThat(r.fulltimeReportDueDay()).isEqualTo(15);
    assertThat(r.firstMonth()).isNull();
    assertThat(r.maxSpeedKmh()).isEqualTo(120);
    assertThat(r.effectiveFrom()).isEqualTo(LocalDate.of(2020, 10, 1));
  }

  @Test
  void shippedFileDocumentsEveryKeyWithItsDefault() throws Exception {
    Path shipped = Path.of("..", "rules.properties");
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(shipped)) {
      p.load(r);
    }
    assertThat(p.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(Rules.DEFAULTS.keySet());
    for (String k : Rules.DEFAULTS.keySet()) {
      assertThat(p.getProperty(k).trim()).as(k).isEqualTo(Rules.DEFAULTS.get(k));
    }
    assertThat(Rules.load(shipped)).isEqualTo(Rules.defaults());
  }

  @Test
  void rejectsNegativeThreshold(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rules.properties");
    Files.writeString(f, "rules.visit.max_distance_m=-1\n");
    assertThatThrownBy(() -> Rules.load(f)).hasMessageContaining("rules.visit.max_distance_m");
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    Map<String, String> bad =
        Map.of(
            "rules.quota.excellent_share", "1.5",
            "rules.awareness.unqualified_below", "-0.1",
            "rules.assignment.min_days", "-3",
            "rules.incident.severities", "major,huge",
            "rules.quarter.forced_month_score", "max",
            "rules.grade.qualified", "96",
            "rules.pay.quarter_multiplier.basic", "-1",
            "rules.new_enterprise.report_hours", "x",
            "rules.assessment.first_month", "2025-13");
    bad.forEach(
        (k, v) ->
            assertThatThrownBy(() -> Rules.of(Map.of(k, v)))
                .as(k)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(k.startsWith("rules.grade") ? "rules.grade" : k));
  }

  @Test
  void fulltimeYearKeysDefaultToNotCheckedAndZero() {
    Rules d = Rules.defaults();
    assertThat(d.payFulltimeAnnualStandard()).isZero();
    assertThat(d.fulltimeYearReportDue()).isNull();
    Rules r =
        Rules.of(
            Map.of(
                "rules.fulltime.year_report_due", "02-28",
                "rules.pay.fulltime_annual_performance_standard", "3000"));
    assertThat(r.fulltimeYearReportDue()).isEqualTo(java.time.MonthDay.of(2, 28));
    assertThat(r.payFulltimeAnnualStandard()).isEqualTo(3000);
    for (String bad : List.of("2-28", "13-01", "02-30", "0228")) {
      assertThatThrownBy(() -> Rules.of(Map.of("rules.fulltime.year_report_due", bad)))
          .as(bad)
          .hasMessageContaining("rules.fulltime.year_report_due");
    }
    assertThatThrownBy(
            () -> Rules.of(Map.of("rules.pay.fulltime_annual_performance_standard", "-1")))
        .hasMessageContaining("rules.pay.fulltime_annual_performance_standard");
  }

  @Test
  void rejectsUnknownRulesKeys() {
    assertThatThrownBy(() -> Rules.of(Map.of("rules.visit.max_distance", "5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rules.visit.max_distance");
  }

  @Test
  void gradesAtTheBoundaries() {
    Rules r = Rules.defaults();
    assertThat(r.gradeOf(new BigDecimal("95.00"))).isEqualTo("excellent");
    assertThat(r.gradeOf(new BigDecimal("94.99"))).isEqualTo("qualified");
    assertThat(r.gradeOf(new BigDecimal("80"))).isEqualTo("qualified");
    assertThat(r.gradeOf(new BigDecimal("79.99"))).isEqualTo("basic");
    assertThat(r.gradeOf(new BigDecimal("70.0"))).isEqualTo("basic");
    assertThat(r.gradeOf(new BigDecimal("69.99"))).isEqualTo("unqualified");
  }

  @Test
  void isSerializable() throws Exception {
    try (var out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(Rules.defaults());
    }
  }
}
