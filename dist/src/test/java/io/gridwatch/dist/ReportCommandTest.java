package io.gridwatch.dist;

import static io.gridwatch.dist.CliRun.run;
import static io.gridwatch.dist.CliRun.runSpark;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.core.lake.LakePaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch report} through the real command line: bad usage (period, --out) exits 2 before
 * Spark starts; a lake without marts is one line and exit 1; a quarter is written (exit 0), and a
 * period without results still gets its workbook with a warning.
 */
class ReportCommandTest {

  @Test
  void helpIsBilingualAndPeriodIsRequired() {
    CliRun help = run("report", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("Usage: gridwatch report")
        .contains("--period")
        .contains("--out")
        .contains("--lake")
        .contains("季度排名表");
    assertThat(run("report").exit()).isEqualTo(2);
  }

  @Test
  void malformedPeriodOrOutIsBadUsage(@TempDir Path dir) {
    String lake = dir.resolve("lake").toString();
    for (String period : List.of("2025-13", "2025Q5", "2025H3", "March", "25Q1")) {
      CliRun r = run("report", "--period", period, "--lake", lake);
      assertThat(r.exit()).as(period).isEqualTo(2);
      assertThat(r.errLines()).as(period).hasSize(1);
      assertThat(r.err()).contains(period).contains("考核期格式不对").doesNotContain("\tat ");
    }
    CliRun csv =
        run(
            "report",
            "--period",
            "2025Q1",
            "--lake",
            lake,
            "--out",
            dir.resolve("r.csv").toString());
    assertThat(csv.exit()).isEqualTo(2);
    assertThat(csv.errLines()).hasSize(1);
    assertThat(csv.err()).contains(".xlsx");
    assertThat(dir.resolve("r.csv")).doesNotExist();
  }

  @Test
  void missingMartsWrittenQuarterAndEmptyPeriod(@TempDir Path dir) throws Exception {
    String lake = dir.resolve("lake").toString();
    Path file = dir.resolve("out/q1.xlsx");
    CliRun noMarts =
        runSpark("report", "--period", "2025Q1", "--lake", lake, "--out", file.toString());
    assertThat(noMarts.exit()).isEqualTo(1);
    assertThat(noMarts.errLines()).hasSize(1);
    assertThat(noMarts.errLines().get(0))
        .contains("run gridwatch analyze first")
        .contains("worker_quarter")
        .containsPattern("\\p{IsHan}");
    assertThat(file).doesNotExist();

    writeTinyLake(lake);
    CliRun ok = runSpark("report", "--period", "2025q1", "--lake", lake, "--out", file.toString());
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains("已写出 / wrote").contains("q1.xlsx");
    assertThat(ok.errLines()).isEmpty();
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertThat(names).containsExactly("季度排名表", "专职网格员考核汇总");
      var s = wb.getSheet("季度排名表");
      // title, quota caption, Chinese header, English header, then W1 ranked first
      assertThat(s.getRow(2).getCell(0).getStringCellValue()).isEqualTo("排名");
      assertThat(s.getRow(4).getCell(1).getStringCellValue()).isEqualTo("W1");
      assertThat(s.getRow(4).getCell(2).getStringCellValue()).isEqualTo("测试员");
      assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 4);
    }

    Path empty = dir.resolve("empty.xlsx");
    CliRun none =
        runSpark("report", "--period", "2024Q3", "--lake", lake, "--out", empty.toString());
    assertThat(none.exit()).isZero();
    assertThat(none.errLines()).hasSize(1);
    assertThat(none.errLines().get(0)).startsWith("警告 / warning: 2024Q3");
    assertThat(empty).exists();
  }

  /** A lake with workers and one-row quarter marts (written by Spark). */
  private static void writeTinyLake(String lake) throws Exception {
    Files.createDirectories(Path.of(lake));
    var spark = SparkSessions.create("local[1]", "report-test");
    spark
        .sql("SELECT 'W1' AS worker_id, '测试员' AS name, 'exclusive' AS kind")
        .write()
        .parquet(LakePaths.table(lake, "workers"));
    spark
        .sql(
            "SELECT 'W1' AS worker_id, '2025Q1' AS quarter, 3 AS months, 96D AS score, 1 AS rank,"
                + " 'qualified' AS grade, true AS quota_exceeded, 1D AS pay_multiplier,"
                + " 3000D AS performance_pay, 'final' AS status, 'excellent' AS base_grade,"
                + " 1 AS ranked, 0 AS excellent_quota")
        .write()
        .parquet(LakePaths.mart(lake, "worker_quarter"));
    spark
        .sql(
            "SELECT 'F1' AS worker_id, '松涛镇' AS town, '2025Q1' AS period, 90D AS score,"
                + " 'qualified' AS grade, DATE'2025-04-16' AS submitted_on, true AS late")
        .write()
        .parquet(LakePaths.mart(lake, "fulltime_quarter"));
    spark
        .sql(
            "SELECT '松涛镇' AS town, '2025Q1' AS quarter, 1 AS expected, 0 AS on_time, 1 AS late,"
                + " 0 AS missing, DATE'2025-04-15' AS due_on,"
                + " CAST(array() AS array<string>) AS missing_worker_ids")
        .write()
        .parquet(LakePaths.mart(lake, "town_submissions"));
  }
}
