package io.gridwatch.analytics.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.store.ScratchDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishes the analysed fixture lake into a scratch PostGIS database (real server). */
class PublishJobTest {
  private static ScratchDatabase db;

  @BeforeAll
  static void database() {
    db = ScratchDatabase.createLocal("gw_analytics");
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.url());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void publishesGridsAndGridMonth() throws SQLException {
    var rows = PublishJob.run(TestSpark.get(), FixtureLake.analyzed(), db.url());
    assertThat(rows)
        .containsEntry("grids", 3L)
        .containsEntry("grid_month", 6L)
        .containsEntry("enterprises", 9L)
        .containsEntry("patrols", 14L);
    assertThat(
            query(
                "SELECT grid_id, layout_version, kind, ST_GeometryType(geometry), ST_SRID(geometry)"
                    + " FROM gridwatch.grids ORDER BY grid_id"))
        .containsExactly(
            "C01|1|community|ST_MultiPolygon|4326",
            "G01|1|enterprise|ST_MultiPolygon|4326",
            "G02|1|enterprise|ST_MultiPolygon|4326");
    assertThat(
            query(
                "SELECT grid_id, month, worker_id, enterprises, visited, coverage, full_coverage,"
                    + " suspicious_visits, awareness_rate FROM gridwatch.grid_month"
                    + " WHERE month = '2025-03' ORDER BY grid_id"))
        .containsExactly(
            "C01|2025-03|null|1|1|1|t|0|null",
            "G01|2025-03|W01|4|4|1|t|0|0.6666666666666666",
            "G02|2025-03|W02|2|1|0.5|f|1|null");
  }

  @Test
  void publishesWorkersAndEveryAssessmentMartOfTheAnalysedLake() throws SQLException {
    String lake = FixtureLake.analyzed();
    SparkSession spark = TestSpark.get();
    var rows = PublishJob.run(spark, lake, db.url());
    for (String mart : PublishJob.OPTIONAL_MARTS) {
      long inLake = spark.read().parquet(LakePaths.mart(lake, mart)).count();
      assertThat(rows.getOrDefault(mart, 0L)).as(mart).isEqualTo(inLake);
      assertThat(query("SELECT count(*) FROM gridwatch." + mart))
          .as(mart)
          .containsExactly(Long.toString(inLake));
    }
    long workers = spark.read().parquet(LakePaths.table(lake, "workers")).count();
    assertThat(workers).isPositive();
    assertThat(rows).containsEntry("workers", workers);
    // every ranked quarter starts at rank 1 and its rows join their workers
    assertThat(
            query(
                "SELECT count(*) FROM gridwatch.worker_quarter q"
                    + " LEFT JOIN gridwatch.workers w USING (worker_id) WHERE w.worker_id IS NULL"))
        .containsExactly("0");
    assertThat(
            query(
                "SELECT bool_and(min_rank = 1) FROM (SELECT min(rank) AS min_rank"
                    + " FROM gridwatch.worker_quarter GROUP BY quarter) r"))
        .containsExactly("t");
  }

  @Test
  void publishesEnterprisesWithTheirGridAndPatrolsAsPoints() throws SQLException {
    PublishJob.run(TestSpark.get(), FixtureLake.analyzed(), db.url());
    assertThat(
            query(
                "SELECT enterprise_id, grid_id, layout_version, registered_on, closed_on,"
                    + " ST_AsText(geometry), ST_SRID(geometry) FROM gridwatch.enterprises"
                    + " WHERE enterprise_id IN ('E01', 'E06', 'E08') ORDER BY 1"))
        .containsExactly(
            "E01|G01|1|2024-01-01|null|POINT(104.605 30.105)|4326",
            "E06|null|1|2024-01-01|null|POINT(104.65 30.105)|4326",
            "E08|G01|1|2024-01-01|2025-04-10|POINT(104.607 30.108)|4326");
    assertThat(
            query(
                "SELECT patrol_id, month, worker_id, enterprise_id, category, issue_found,"
                    + " to_char(visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
                    + " ST_AsText(geometry) FROM gridwatch.patrols"
                    + " WHERE patrol_id IN ('P07', 'P08') ORDER BY 1"))
        .containsExactly(
            "P07|2025-03|W02|null|environment|t|2025-03-09 10:00|POINT(104.6052 30.1052)",
            "P08|2025-04|W01|E01|none|f|2025-04-01 00:30|POINT(104.605 30.105)");
    assertThat(query("SELECT month, count(*) FROM gridwatch.patrols GROUP BY 1 ORDER BY 1"))
        .containsExactly("2025-03|8", "2025-04|6");
  }

  @Test
  void publishesTheAssessmentMartsWhenTheLakeHasThem() throws Exception {
    Path lake = lakeWithoutAssessmentMarts("lake-with-assessment");
    SparkSession spark = TestSpark.get();
    spark
        .sql(
            "SELECT 'W01' AS worker_id, '2025-03' AS month, 'G01' AS grid_id, 4 AS enterprises,"
                + " 88.5D AS total, 'qualified' AS grade, array('partial_month') AS flags,"
                + " array(named_struct('rule', 'coverage', 'points', -10.0D,"
                + "   'evidence', array('E02'))) AS deductions, 'x' AS not_published"
                + " UNION ALL SELECT 'W02', '2025-03', 'G02', 2, 60.0D, 'unqualified',"
                + " array(), array(), 'y'")
        .write()
        .parquet(lake.resolve("marts/worker_month").toString());
    spark
        .sql(
            "SELECT 'P06' AS patrol_id, 'W02' AS worker_id, 'E05' AS enterprise_id,"
                + " 'too_far' AS reason, 'distance 612 m' AS detail")
        .write()
        .parquet(lake.resolve("marts/patrol_flags").toString());
    var rows = PublishJob.run(spark, lake.toString(), db.url());
    assertThat(rows).containsEntry("worker_month", 2L).containsEntry("patrol_flags", 1L);
    assertThat(
            query(
                "SELECT worker_id, month, total, grade, flags, deductions->0->>'rule',"
                    + " deductions->0->'evidence'->>0, enterprises, status"
                    + " FROM gridwatch.worker_month ORDER BY 1"))
        .containsExactly(
            "W01|2025-03|88.5|qualified|[\"partial_month\"]|coverage|E02|4|null",
            "W02|2025-03|60|unqualified|[]|null|null|2|null");
    assertThat(query("SELECT patrol_id, reason, detail FROM gridwatch.patrol_flags"))
        .containsExactly("P06|too_far|distance 612 m");
  }

  @Test
  void skipsAbsentAssessmentMartsAndEmptiesTheirTables() throws Exception {
    Path lake = lakeWithoutAssessmentMarts("lake-without-assessment");
    var rows = PublishJob.run(TestSpark.get(), lake.toString(), db.url());
    assertThat(rows)
        .containsEntry("grid_month", 6L)
        .doesNotContainKeys("worker_month", "patrol_flags");
    assertThat(
            query(
                "SELECT (SELECT count(*) FROM gridwatch.worker_month),"
                    + " (SELECT count(*) FROM gridwatch.patrol_flags)"))
        .containsExactly("0|0");
  }

  @Test
  void failsWithoutMartAndLeavesNoStaging() throws Exception {
    String lake = FixtureLake.tempDir("empty-lake").toString();
    assertThatThrownBy(() -> PublishJob.run(TestSpark.get(), lake, db.url()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A copy of the analysed fixture lake without the worker_month and patrol_flags marts. */
  private static Path lakeWithoutAssessmentMarts(String name) throws IOException {
    Path lake = FixtureLake.tempDir(name);
    copyTree(Path.of(FixtureLake.analyzed()), lake);
    for (String mart : PublishJob.OPTIONAL_MARTS) {
      Path dir = lake.resolve("marts").resolve(mart);
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
    return lake;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(
          f -> {
            try {
              Path target = to.resolve(from.relativize(f).toString());
              if (Files.isDirectory(f)) {
                Files.createDirectories(target);
              } else {
                Files.copy(f, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
