package io.gridwatch.analytics.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * training_gaps (assessment-rules.md §7, 第八条) on the workforce drop. Assessed months
 * 2024-11..2025-02 → periods 2024H2 and 2025H1 (zone level), 2024 and 2025 (town level). Sessions:
 * T1 2024-09-10 zone (X2, F1); T2 2025-03-05 zone (X1, " F2"); T3 2024-11-01 town 松涛镇 (F1, P1); T4
 * 2024-05-01 town 松涛镇 (F2, whose town is 狮子山街道); T5 2025-01-15 town 狮子山街道 (F2); T6 2024-06-30 zone
 * (F2; in 2024H1, which is not evaluated).
 */
class TrainingGapsJobTest {
  private static List<String> gaps() {
    Dataset<Row> mart =
        TestSpark.get()
            .read()
            .parquet(LakePaths.mart(WorkforceFixture.analyzed(), "training_gaps"));
    assertThat(mart.columns()).containsExactlyElementsOf(TrainingGapsJob.COLUMNS);
    List<String> out = new ArrayList<>();
    for (Row r : mart.collectAsList()) {
      out.add(
          String.join(
              "|",
              r.<String>getAs("worker_id"),
              r.getAs("kind"),
              r.getAs("period"),
              r.getAs("required_level"),
              r.getAs("town"),
              String.valueOf(r.<Boolean>getAs("in_progress")),
              String.valueOf(r.<Integer>getAs("other_town_sessions"))));
    }
    return out;
  }

  @Test
  void everyShortfallAndNothingElse() {
    assertThat(gaps())
        .containsExactly(
            // F1 attended T1 (2024H2) and T3 (2024 in its town) but nothing in 2025 yet
            "F1|fulltime|2025|town|松涛镇|true|0",
            "F1|fulltime|2025H1|zone|松涛镇|true|0",
            // F2's only 2024 town session T4 was 松涛镇's: wrong town, does not count
            "F2|fulltime|2024|town|狮子山街道|false|1",
            // F2's zone session T6 on 2024-06-30 lies in 2024H1, not 2024H2
            "F2|fulltime|2024H2|zone|狮子山街道|false|0",
            // P1 attended T3 in 2024; left 2025-03-10 but was employed in 2025
            "P1|parttime|2025|town|松涛镇|true|0",
            // X2 attended T1 in 2024H2, nothing in 2025H1 (employed until 2025-05-20)
            "X2|exclusive|2025H1|zone|高新区|true|0");
    // not listed: X1 is exempt for 2024H2 (hired 2024-12-10, after the midpoint 10-01) and
    // attended T2 (2025H1); X3 (hired 2025-11-20) is not employed in 2024H2 or 2025H1; P2 (hired
    // 2024-12-20) is exempt for 2024 (after 07-01); F2 attended T2 (" F2" trimmed) and T5.
  }

  @Test
  void periodsOverlappingTheAssessedMonths() {
    List<TrainingGapsJob.Period> periods =
        TrainingGapsJob.periodsOf(List.of(YearMonth.of(2024, 6), YearMonth.of(2024, 7)));
    assertThat(periods)
        .containsExactly(
            new TrainingGapsJob.Period(
                "2024H1",
                "zone",
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 6, 30),
                LocalDate.of(2024, 4, 1),
                false),
            new TrainingGapsJob.Period(
                "2024",
                "town",
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31),
                LocalDate.of(2024, 7, 1),
                true),
            new TrainingGapsJob.Period(
                "2024H2",
                "zone",
                LocalDate.of(2024, 7, 1),
                LocalDate.of(2024, 12, 31),
                LocalDate.of(2024, 10, 1),
                true));
    assertThat(TrainingGapsJob.periodsOf(List.of())).isEmpty();
  }
}
