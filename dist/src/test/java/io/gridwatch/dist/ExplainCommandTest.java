package io.gridwatch.dist;

import static io.gridwatch.dist.CliRun.run;
import static io.gridwatch.dist.CliRun.runSpark;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.core.lake.LakePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch explain} through the real command line: bad usage exits 2 before Spark starts; a
 * lake without marts, an unknown worker or a month without a result is one line and exit 1; a known
 * worker-month prints its explanation and exits 0.
 */
class ExplainCommandTest {

  @Test
  void helpIsBilingualAndOptionsAreRequired() {
    CliRun help = run("explain", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("Usage: gridwatch explain")
        .contains("--worker")
        .contains("--month")
        .contains("--lake")
        .containsPattern("\\p{IsHan}");
    assertThat(run("explain", "--month", "2025-03").exit()).isEqualTo(2);
    assertThat(run("explain", "--worker", "W1").exit()).isEqualTo(2);
  }

  @Test
  void malformedMonthIsBadUsage(@TempDir Path dir) {
    for (String month : List.of("2025-13", "2025-3", "March")) {
      CliRun r = run("explain", "--worker", "W1", "--month", month, "--lake", dir.toString());
      assertThat(r.exit()).as(month).isEqualTo(2);
      assertThat(r.errLines()).as(month).hasSize(1);
      assertThat(r.err()).contains(month).doesNotContain("\tat ");
    }
  }

  @Test
  void missingMartsUnknownWorkerAndMonthAreOneLineFailures(@TempDir Path dir) throws Exception {
    String lake = dir.resolve("lake").toString();
    CliRun noMarts = runSpark("explain", "--worker", "W1", "--month", "2025-03", "--lake", lake);
    assertThat(noMarts.exit()).isEqualTo(1);
    assertThat(noMarts.errLines()).hasSize(1);
    assertThat(noMarts.errLines().get(0))
        .contains("gridwatch analyze")
        .containsPattern("\\p{IsHan}");

    writeTinyLake(lake);
    CliRun unknown = runSpark("explain", "--worker", "W99", "--month", "2025-03", "--lake", lake);
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.errLines()).containsExactly("未知网格员 W99 / unknown worker: W99");
    assertThat(unknown.out()).isEmpty();

    CliRun noMonth = runSpark("explain", "--worker", "W1", "--month", "2025-07", "--lake", lake);
    assertThat(noMonth.exit()).isEqualTo(1);
    assertThat(noMonth.errLines())
        .containsExactly(
            "网格员 W1 在 2025-07 没有月度考核结果（有结果的月份：2025-03）/ no month result for W1 in"
                + " 2025-07 (months with results: 2025-03)");

    CliRun ok = runSpark("explain", "--worker", "W1", "--month", "2025-03", "--lake", lake);
    assertThat(ok.exit()).isZero();
    assertThat(ok.out())
        .contains("网格员 Worker W1 测试员 · 月份 Month 2025-03 · 网格 Grid G1")
        .contains(
            "1a 日常考勤及巡查 Patrol & attendance  30 → 20  (−10 未全覆盖 full coverage missed:"
                + " 8/10 已巡查 visited; 漏查企业 enterprises missed: E12, E15)")
        .contains("总分 Total  90 = 20 + 30 + 20 + 20")
        .contains("等次 Grade  合格 qualified");
  }

  /** A lake with a workers table and a one-row worker_month mart (written by Spark). */
  private static void writeTinyLake(String lake) throws Exception {
    Files.createDirectories(Path.of(lake));
    var spark = SparkSessions.create("local[1]", "explain-test");
    spark
        .sql(
            "SELECT 'W1' AS worker_id, '测试员' AS name, 'exclusive' AS kind, 'G1' AS grid_id,"
                + " DATE'2024-01-01' AS hired_on")
        .write()
        .parquet(LakePaths.table(lake, "workers"));
    spark
        .sql(
            "SELECT 'W1' AS worker_id, '2025-03' AS month, 'G1' AS grid_id, 10 AS enterprises,"
                + " 8 AS visited, 0.8D AS coverage, false AS full_coverage,"
                + " 0 AS new_enterprise_misses, 0 AS incident_failures, 20D AS patrol_score,"
                + " 30D AS info_score, 20D AS assist_score, CAST(NULL AS DOUBLE) AS awareness_rate,"
                + " 20 AS awareness_score, 1D AS upload_compliance, 90D AS total,"
                + " 'qualified' AS grade, CAST(NULL AS STRING) AS forced_reason,"
                + " 'final' AS status, array('awareness_not_sampled') AS flags,"
                + " array(named_struct('rule', 'full_coverage', 'points', -10D,"
                + " 'evidence_ids', array('E12', 'E15'))) AS deductions")
        .write()
        .parquet(LakePaths.mart(lake, "worker_month"));
  }
}
