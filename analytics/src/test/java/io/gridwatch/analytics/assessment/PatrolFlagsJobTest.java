package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** patrol_flags on the assessment drop: each reason, hand-checked. */
class PatrolFlagsJobTest {
  private static Dataset<Row> mart;
  private static List<String> flags;

  @BeforeAll
  static void analyse() {
    mart =
        TestSpark.get()
            .read()
            .parquet(LakePaths.mart(AssessmentFixture.analyzed(), "patrol_flags"));
    flags = new ArrayList<>();
    for (Row r : mart.orderBy("patrol_id", "reason").collectAsList()) {
      flags.add(
          r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3));
    }
  }

  @Test
  void everyReasonOnItsRecords() {
    assertThat(mart.columns()).containsExactlyElementsOf(PatrolFlagsJob.COLUMNS);
    assertThat(flags)
        .containsExactly(
            // P502: 0.007° east of E5A at lat 30.105 ≈ 674 m > 500 m
            "P502|W5|E5A|too_far",
            // P901 checked in at the point of P904 (E9B), same worker and month
            "P901|W9|E9A|duplicate_point",
            // W9 holds no certificate before 03-15
            "P901|W9|E9A|not_certified",
            "P902|W9|null|not_certified",
            // P902: 30 s after P901, ≈ 7.7 km away
            "P902|W9|null|too_fast",
            // P903 and P904: same point, different enterprises, same worker and month
            "P903|W9|E9A|duplicate_point",
            "P903|W9|E9A|not_certified",
            "P904|W9|E9B|duplicate_point",
            "P904|W9|E9B|not_certified",
            "P905|W9|null|not_certified",
            "P906|W9|null|not_certified",
            // P906: same time as P905, 48 m away
            "P906|W9|null|too_fast");
  }

  @Test
  void detailsExplainTheFlag() {
    List<String> details = new ArrayList<>();
    for (Row r : mart.orderBy("patrol_id", "reason").collectAsList()) {
      details.add(r.getString(0) + " " + r.getString(3) + ": " + r.getString(4));
    }
    assertThat(details)
        .anySatisfy(d -> assertThat(d).matches("P502 too_far: 距离 distance 67\\d\\.\\d m > 500 m"))
        .anySatisfy(d -> assertThat(d).startsWith("P902 too_fast: 距上条 P901 since P901: 77"))
        .anySatisfy(d -> assertThat(d).startsWith("P906 too_fast: 距上条 P905 同一时刻"))
        .anySatisfy(d -> assertThat(d).contains("P903 duplicate_point").endsWith("E9A,E9B"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .isEqualTo("P901 not_certified: 持证日期 certified_on 2025-03-15 > 2025-03-05"));
  }
}
