package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * worker_month on the assessment drop, every value hand-computed from assessment-rules.md §1 (the
 * scenario of each worker is described in its test). Rows are rendered with {@code flags} as a
 * comma list and {@code deductions} as JSON.
 */
class WorkerMonthJobTest {
  private static final Map<String, Row> ROWS = new LinkedHashMap<>();
  private static Dataset<Row> mart;

  @BeforeAll
  static void analyse() {
    String lake = AssessmentFixture.analyzed();
    mart = TestSpark.get().read().parquet(LakePaths.mart(lake, "worker_month"));
    for (Row r :
        mart.selectExpr(
                "*", "array_join(flags, ',') AS flag_list", "to_json(deductions) AS deduction_json")
            .collectAsList()) {
      ROWS.put(r.<String>getAs("worker_id") + "@" + r.getAs("month"), r);
    }
  }

  private static Row row(String worker, String month) {
    Row r = ROWS.get(worker + "@" + month);
    assertThat(r).as(worker + " " + month).isNotNull();
    return r;
  }

  /** grid|enterprises|visited|coverage|patrol|info|assist|rate|awareness|total|grade|status. */
  private static String summary(String worker, String month) {
    Row r = row(worker, month);
    String[] cols = {
      "grid_id", "enterprises", "visited", "coverage", "patrol_score", "info_score",
      "assist_score", "awareness_rate", "awareness_score", "total", "grade", "forced_reason",
      "status", "flag_list"
    };
    StringBuilder b = new StringBuilder();
    for (String c : cols) {
      Object v = r.getAs(c);
      b.append(b.length() == 0 ? "" : "|").append(v == null ? "null" : String.valueOf(v));
    }
    return b.toString();
  }

  private static String deductions(String worker, String month) {
    return row(worker, month).getAs("deduction_json");
  }

  @Test
  void columnsAreTheContract() {
    assertThat(mart.columns()).containsExactlyElementsOf(WorkerMonthJob.COLUMNS);
    assertThat(mart.schema().apply("deductions").dataType().simpleString())
        .isEqualTo("array<" + WorkerMonthJob.DEDUCTION_TYPE + ">");
    // 9 exclusive workers × 2 months, all employed on the 15th
    assertThat(ROWS).hasSize(18);
  }

  @Test
  void perfectMonthAndWeeklyUploadCompliance() {
    // W1: its one enterprise visited, panels 30 + 20, spot check 1/1 = 100 % → 20.
    assertThat(summary("W1", "2025-03"))
        .isEqualTo("G1|1|1|1.0|30.0|30.0|20.0|1.0|20|100.0|excellent|null|final|");
    assertThat(deductions("W1", "2025-03")).isEqualTo("[]");
    // uploads in the weeks of Mondays 03-03, 03-10 (twice), 03-17, 03-24 and 03-31 (on Sunday
    // 04-06): 5 of March's 5 ISO weeks; the Sunday 03-02 upload belongs to the week of 02-24.
    assertThat(row("W1", "2025-03").<Double>getAs("upload_compliance")).isEqualTo(1.0);
    // April: no upload in the weeks of 04-07, 04-14, 04-21, 04-28.
    assertThat(row("W1", "2025-04").<Double>getAs("upload_compliance")).isEqualTo(0.0);
  }

  @Test
  void notSampledScoresTwentyAndIsFlagged() {
    assertThat(summary("W1", "2025-04"))
        .isEqualTo(
            "G1|1|1|1.0|30.0|30.0|20.0|null|20|100.0|excellent|null|final|"
                + "awareness_not_sampled");
  }

  @Test
  void fullCoverageMissAndAwarenessFiftyPercentForced() {
    // W2 March: E2B never visited → −10 (evidence E2B); spot checks 1 of 2 → 20 − 2·⌊1·10/2⌋ = 10,
    // rate 0.5 < 0.60 → forced unqualified although the total is 20 + 25 + 15 + 10 = 70.
    assertThat(summary("W2", "2025-03"))
        .isEqualTo("G2|2|1|0.5|20.0|25.0|15.0|0.5|10|70.0|unqualified|awareness_below_60|final|");
    assertThat(row("W2", "2025-03").<Boolean>getAs("full_coverage")).isFalse();
    assertThat(deductions("W2", "2025-03"))
        .isEqualTo(
            "[{\"rule\":\"awareness\",\"points\":-10.0,\"evidence_ids\":[\"E2B\"]},"
                + "{\"rule\":\"full_coverage\",\"points\":-10.0,\"evidence_ids\":[\"E2B\"]}]");
  }

  @Test
  void missingPanelScoreCountsZeroAndIsIncomplete() {
    // W2 April: no info score → 0, status incomplete; 30 + 0 + 20 + 20 = 70 → basic.
    assertThat(summary("W2", "2025-04"))
        .isEqualTo(
            "G2|2|2|1.0|30.0|0.0|20.0|null|20|70.0|basic|null|incomplete|"
                + "awareness_not_sampled,info_score_missing");
  }

  @Test
  void newEnterpriseReportedLateIsChargedInTheDeadlineMonth() {
    // W3 March: E3R registered 03-01 (deadline 03-31, counts in March) visited 03-10 10:00 but
    // reported 03-11 11:00 (25 h > 24 h) → −2 with E3R and the patrol P302. E3K (registered
    // 03-02) visited 03-03 11:00 and reported exactly 24 h later: on time, and it does not count
    // in March (deadline 04-01). 30 − 2 + 30 + 20 + 20 = 98.
    assertThat(summary("W3", "2025-03"))
        .isEqualTo(
            "G3|2|2|1.0|28.0|30.0|20.0|null|20|98.0|excellent|null|final|"
                + "awareness_not_sampled");
    assertThat(row("W3", "2025-03").<Integer>getAs("new_enterprise_misses")).isEqualTo(1);
    assertThat(deductions("W3", "2025-03"))
        .isEqualTo(
            "[{\"rule\":\"new_enterprise\",\"points\":-2.0,\"evidence_ids\":[\"E3R\",\"P302\"]}]");
  }

  @Test
  void newEnterpriseNeverDiscoveredWithDeadlineInTheNextMonth() {
    // W3 April: E3N registered 03-05, deadline 04-04 (April) never visited → −2 in April, and it
    // now counts (with E3A, E3R, E3K): 3 of 4 visited → −10. 30 − 10 − 2 = 18; total 88.
    assertThat(summary("W3", "2025-04"))
        .isEqualTo(
            "G3|4|3|0.75|18.0|30.0|20.0|null|20|88.0|qualified|null|final|"
                + "awareness_not_sampled");
    assertThat(deductions("W3", "2025-04"))
        .isEqualTo(
            "[{\"rule\":\"full_coverage\",\"points\":-10.0,\"evidence_ids\":[\"E3N\"]},"
                + "{\"rule\":\"new_enterprise\",\"points\":-2.0,\"evidence_ids\":[\"E3N\"]}]");
  }

  @Test
  void majorIncidentLateArrivalLosesThePatrolScore() {
    // W4 March: I41 (major) arrived 61 min after notification → patrol 0. I42 (重大, exactly
    // 60 min) is on time; I43 (large, never arrived) is not major.
    assertThat(summary("W4", "2025-03"))
        .isEqualTo("G4|1|1|1.0|0.0|30.0|20.0|null|20|70.0|basic|null|final|awareness_not_sampled");
    assertThat(row("W4", "2025-03").<Integer>getAs("incident_failures")).isEqualTo(1);
    assertThat(deductions("W4", "2025-03"))
        .isEqualTo("[{\"rule\":\"major_incident\",\"points\":-30.0,\"evidence_ids\":[\"I41\"]}]");
  }

  @Test
  void majorIncidentWithoutArrivalLocatedByItsPoint() {
    // W4 April: I44 (especially major, no grid_id, its point lies in G4) never arrived → 0.
    assertThat(summary("W4", "2025-04"))
        .isEqualTo("G4|1|1|1.0|0.0|30.0|20.0|null|20|70.0|basic|null|final|awareness_not_sampled");
    assertThat(deductions("W4", "2025-04"))
        .isEqualTo("[{\"rule\":\"major_incident\",\"points\":-30.0,\"evidence_ids\":[\"I44\"]}]");
  }

  @Test
  void awarenessNinetyAndSixtyPercent() {
    // W5 March: 9 of 10 → 20 − 2·⌊1·10/10⌋ = 18; n = 10 ≠ min(10, 1 counted) → flagged. The
    // too-far record P502 does not matter: P501 is a valid visit.
    assertThat(summary("W5", "2025-03"))
        .isEqualTo(
            "G5|1|1|1.0|30.0|30.0|20.0|0.9|18|98.0|excellent|null|final|"
                + "awareness_sample_size");
    assertThat(deductions("W5", "2025-03"))
        .isEqualTo("[{\"rule\":\"awareness\",\"points\":-2.0,\"evidence_ids\":[\"E5A\"]}]");
    // W5 April: 6 of 10 = 60 % → 20 − 2·4 = 12, not forced (only below 60 %).
    assertThat(summary("W5", "2025-04"))
        .isEqualTo(
            "G5|1|1|1.0|30.0|30.0|20.0|0.6|12|92.0|qualified|null|final|"
                + "awareness_sample_size");
  }

  @Test
  void patrolScoreFloorsAtZero() {
    // W6 March: E6A and 11 new enterprises registered 03-01 (deadline 03-31, counted in March),
    // none visited: −10 − 11·2 = −32 → floor 0; 0 + 20.5 + 10 + 20 = 50.5.
    assertThat(summary("W6", "2025-03"))
        .isEqualTo(
            "G6|12|0|0.0|0.0|20.5|10.0|null|20|50.5|unqualified|null|final|"
                + "awareness_not_sampled");
    Row r = row("W6", "2025-03");
    assertThat(r.<Integer>getAs("new_enterprise_misses")).isEqualTo(11);
    assertThat(r.<String>getAs("deduction_json"))
        .startsWith(
            "[{\"rule\":\"full_coverage\",\"points\":-10.0,\"evidence_ids\":[\"E6A\",\"E6N01\",")
        .contains("{\"rule\":\"new_enterprise\",\"points\":-2.0,\"evidence_ids\":[\"E6N11\"]}]");
    // April: still none visited, no new-enterprise deadline, no panel scores.
    assertThat(summary("W6", "2025-04"))
        .isEqualTo(
            "G6|12|0|0.0|20.0|0.0|0.0|null|20|40.0|unqualified|null|incomplete|"
                + "assist_score_missing,awareness_not_sampled,info_score_missing");
  }

  @Test
  void reassignmentMidMonthChargesByDateAndWaivesPartialMonths() {
    // W7 hired 03-10: G8 03-10..03-17 (8 days), G7 from 03-18 (14 days) → grid G7, 14 < 15 days
    // → partial_month, coverage miss waived. W7's visit of E7B on 03-12 was made while W8 held
    // G7, so it is no visit; W8's visit of E7A on 03-05 counts: 1 of 2.
    assertThat(summary("W7", "2025-03"))
        .isEqualTo(
            "G7|2|1|0.5|30.0|30.0|20.0|null|20|100.0|excellent|null|final|"
                + "awareness_not_sampled,partial_month");
    assertThat(deductions("W7", "2025-03")).isEqualTo("[]");
    // W8 held G7 03-01..03-17 (17 days) → charged the miss of E7B.
    assertThat(summary("W8", "2025-03"))
        .isEqualTo(
            "G7|2|1|0.5|20.0|30.0|20.0|null|20|90.0|qualified|null|final|"
                + "awareness_not_sampled");
    assertThat(deductions("W8", "2025-03"))
        .isEqualTo("[{\"rule\":\"full_coverage\",\"points\":-10.0,\"evidence_ids\":[\"E7B\"]}]");
    assertThat(summary("W7", "2025-04")).startsWith("G7|2|2|1.0|30.0|");
    assertThat(summary("W8", "2025-04")).startsWith("G8|1|1|1.0|30.0|");
  }

  @Test
  void totalsAtTheExcellentBoundary() {
    // W9: 30 + 25.0 + 20 + 20 = 95.0 → excellent; 30 + 24.9 + 20 + 20 = 94.9 → qualified.
    // Duplicate points and a too-fast record (P902) are flagged but still count as visits.
    assertThat(summary("W9", "2025-03"))
        .isEqualTo("G9|2|2|1.0|30.0|25.0|20.0|1.0|20|95.0|excellent|null|final|");
    assertThat(summary("W9", "2025-04"))
        .isEqualTo("G9|2|2|1.0|30.0|24.9|20.0|1.0|20|94.9|qualified|null|final|");
  }

  @Test
  void everyTotalIsTheSumOfItsPartsWithinZeroAndHundred() {
    for (Row r : ROWS.values()) {
      double sum =
          r.<Double>getAs("patrol_score")
              + r.<Double>getAs("info_score")
              + r.<Double>getAs("assist_score")
              + r.<Integer>getAs("awareness_score");
      assertThat(r.<Double>getAs("total"))
          .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(r.<Double>getAs("total")).isBetween(0.0, 100.0);
    }
  }
}
