package io.gridwatch.analytics.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlRunnerTest {
  @BeforeAll
  static void register() {
    assertThat(SqlRunner.registerLake(TestSpark.get(), FixtureLake.analyzed()))
        .containsExactly(
            "assignments",
            "budget_year",
            "enterprise_grid",
            "enterprises",
            "fulltime_quarter",
            "fulltime_year",
            "grid_month",
            "grids",
            "ingest_runs",
            "layouts",
            "patrol_flags",
            "patrols",
            "spot_checks",
            "town_scores",
            "town_submissions",
            "training_gaps",
            "worker_month",
            "worker_quarter",
            "worker_year",
            "workers");
  }

  private static String run(String sql, Format format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      SqlRunner.run(TestSpark.get(), sql, format, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void csvIsHeaderPlusRfc4180RowsOnly() {
    assertThat(
            run(
                "SELECT grid_id, month, enterprises, coverage, full_coverage, worker_id, community"
                    + " FROM grid_month WHERE month = '2025-04' ORDER BY grid_id",
                Format.CSV))
        .isEqualTo(
            "grid_id,month,enterprises,coverage,full_coverage,worker_id,community\r\n"
                + "C01,2025-04,1,1.0,true,W03,松涛社区\r\n"
                + "G01,2025-04,3,0.6666666666666666,false,W01,\r\n"
                + "G02,2025-04,3,0.3333333333333333,false,W04,\r\n");
  }

  @Test
  void exportWritesCsvJsonAndParquetFilesByExtension() throws Exception {
    java.nio.file.Path dir = FixtureLake.tempDir("sql-out");
    String q =
        "SELECT grid_id, month, enterprises FROM grid_month WHERE month = '2025-04' ORDER BY grid_id";
    String csv = dir.resolve("out/g.csv").toString();
    assertThat(SqlRunner.export(TestSpark.get(), q, csv)).isEqualTo(3);
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(csv)))
        .isEqualTo(run(q, Format.CSV))
        .startsWith("grid_id,month,enterprises\r\nC01,2025-04,1\r\n");
    String json = dir.resolve("g.json").toString();
    assertThat(SqlRunner.export(TestSpark.get(), q, json)).isEqualTo(3);
    assertThat(java.nio.file.Files.readAllLines(java.nio.file.Path.of(json))).hasSize(3);
    String parquet = dir.resolve("g.parquet").toString();
    assertThat(SqlRunner.export(TestSpark.get(), q, parquet)).isEqualTo(3);
    assertThat(TestSpark.get().read().parquet(parquet).where("grid_id = 'G01'").count())
        .isEqualTo(1);
    // a second export replaces the file; no temp file is left behind
    assertThat(SqlRunner.export(TestSpark.get(), q + " LIMIT 1", csv)).isEqualTo(1);
    try (var files = java.nio.file.Files.list(dir.resolve("out"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("g.csv");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlRunner.export(TestSpark.get(), q, dir.resolve("g.xlsx").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".parquet");
  }

  @Test
  void csvQuotesAndRendersTypes() {
    assertThat(
            run(
                "SELECT 'a,b' AS x, 'say \"hi\"' AS y, CAST(NULL AS STRING) AS z,"
                    + " DATE'2025-03-01' AS d, TIMESTAMP'2025-04-01 00:30:00' AS t, X'0A0B' AS b",
                Format.CSV))
        .isEqualTo(
            "x,y,z,d,t,b\r\n\"a,b\",\"say \"\"hi\"\"\",,2025-03-01,2025-04-01 00:30:00,0a0b\r\n");
  }

  @Test
  void patrolsViewHasStringMonthPartitions() {
    assertThat(
            run(
                "SELECT month, count(*) AS n FROM patrols GROUP BY month ORDER BY month",
                Format.CSV))
        .isEqualTo("month,n\r\n2025-03,8\r\n2025-04,6\r\n");
  }

  @Test
  void jsonIsOneObjectPerLineWithNulls() {
    assertThat(
            run(
                "SELECT grid_id, worker_id, coverage, full_coverage FROM grid_month"
                    + " WHERE month = '2025-03' AND grid_id IN ('C01', 'G02') ORDER BY grid_id",
                Format.JSON))
        .isEqualTo(
            "{\"grid_id\":\"C01\",\"worker_id\":null,\"coverage\":1.0,\"full_coverage\":true}\n"
                + "{\"grid_id\":\"G02\",\"worker_id\":\"W02\",\"coverage\":0.5,\"full_coverage\":false}\n");
  }

  @Test
  void tableIsAligned() {
    assertThat(run("SELECT grid_id, town FROM grids ORDER BY grid_id", Format.TABLE))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "+---------+--------+",
                "| grid_id | town   |",
                "+---------+--------+",
                "| C01     | 松涛镇 |",
                "| G01     | 高新区 |",
                "| G02     | 高新区 |",
                "+---------+--------+",
                "(3 rows 行)",
                ""));
  }

  @Test
  void distanceUdfIsRegistered() {
    assertThat(
            run("SELECT round(gw_distance_m(104.617, 30.107, 104.612, 30.101)) AS m", Format.CSV))
        .isEqualTo("m\r\n821.0\r\n");
  }
}
