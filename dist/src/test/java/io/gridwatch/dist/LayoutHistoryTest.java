package io.gridwatch.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.layout.read.LayoutFiles;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.dist.layout.LayoutActivation;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The planners' history guarantee (issue 6): March is computed under layout 1; layout 2 (G1/G2
 * border moved west, so E1 moves from G1 to G2) is activated from July; July is computed under
 * layout 2 and March's results are unchanged. Real ingest, real Spark, real lake commit.
 */
class LayoutHistoryTest {
  private static Path resource(String name) throws Exception {
    return Path.of(LayoutHistoryTest.class.getResource("/history/" + name).toURI());
  }

  private static void ingest(Path drop, String lake) throws Exception {
    IngestReport r = IngestJob.run(new IngestConfig(drop, lake, Map.of(), Map.of(), true));
    assertThat(r.failed()).as(r.toTable()).isFalse();
    assertThat(r.rejectedTotal()).as(r.toTable()).isZero();
  }

  private static List<String> gridMonth(SparkSession spark, String lake, String month) {
    return spark
        .read()
        .parquet(LakePaths.mart(lake, "grid_month"))
        .where("month = '" + month + "'")
        .orderBy("grid_id")
        .selectExpr(
            "concat_ws('|', grid_id, layout_version, worker_id, enterprises, visited, coverage)")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  @Test
  void pastMonthsKeepTheirLayoutAfterARedraw() throws Exception {
    String lake = Files.createTempDirectory("gw-history").resolve("lake").toString();
    SparkSession spark = SparkSessions.create("local[2]", "layout-history-test");
    ingest(resource("drop"), lake);
    AnalyzeJob.run(spark, new AnalyzeConfig(lake, Rules.defaults()));
    List<String> marchBefore = gridMonth(spark, lake, "2025-03");
    assertThat(marchBefore).containsExactly("G1|1|W1|1|1|1.0", "G2|1|W2|1|1|1.0");

    var draft = LayoutFiles.read(resource("layout2.geojson"));
    // March is computed: a redraw cannot take force before April, nor mid-month
    assertThatThrownBy(
            () ->
                LayoutActivation.activate(
                    lake, draft, LocalDate.of(2025, 3, 1), "布局二", Set.of("G1", "G2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2025-04-01");
    assertThatThrownBy(
            () ->
                LayoutActivation.activate(
                    lake, draft, LocalDate.of(2025, 7, 15), "布局二", Set.of("G1", "G2")))
        .isInstanceOf(IllegalArgumentException.class);

    LayoutActivation.Result r =
        LayoutActivation.activate(lake, draft, LocalDate.of(2025, 7, 1), "布局二", Set.of("G1"));
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.retired()).isEqualTo(1);
    assertThat(r.grids()).isEqualTo(2);
    assertThat(r.needWorker()).containsExactly("G2");
    List<Row> layouts =
        spark
            .read()
            .parquet(LakePaths.table(lake, "layouts"))
            .orderBy("layout_version")
            .collectAsList();
    assertThat(layouts).hasSize(2);
    assertThat(layouts.get(0).<String>getAs("status")).isEqualTo("retired");
    assertThat(layouts.get(1).<String>getAs("status")).isEqualTo("active");
    assertThat(layouts.get(1).<Object>getAs("effective_from").toString()).isEqualTo("2025-07-01");
    assertThat(spark.read().parquet(LakePaths.table(lake, "grids")).count()).isEqualTo(4);

    // July's check-ins arrive; analyze again
    ingest(resource("july"), lake);
    AnalyzeJob.run(spark, new AnalyzeConfig(lake, Rules.defaults()));
    assertThat(gridMonth(spark, lake, "2025-03")).isEqualTo(marchBefore);
    assertThat(gridMonth(spark, lake, "2025-06")).allMatch(s -> s.split("\\|")[1].equals("1"));
    // July under layout 2: E1 now belongs to G2, which W2 holds and visited twice
    assertThat(gridMonth(spark, lake, "2025-07")).containsExactly("G1|2|W1|0|0", "G2|2|W2|2|2|1.0");
  }

  @Test
  void theActivateCommandChecksRefusesAndActivates() throws Exception {
    String lake = Files.createTempDirectory("gw-activate").resolve("lake").toString();
    ingest(resource("drop"), lake);
    String draft = resource("layout2.geojson").toString();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = Gridwatch.commandLine();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    assertThat(cl.execute("layout", "activate", draft, "--lake", lake, "--effective", "2025-07-15"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("1st of a month");
    assertThat(cl.execute("layout", "activate", draft, "--lake", lake)).isEqualTo(2);
    assertThat(
            cl.execute(
                "layout",
                "activate",
                draft,
                "--lake",
                lake,
                "--effective",
                "2025-07-01",
                "--name",
                "布局二"))
        .as(out + "\n" + err)
        .isEqualTo(0);
    assertThat(out.toString())
        .contains("activated layout v2 (布局二): 2 grids in force from 2025-07-01; v1 retired")
        .contains("every grid has a worker");
    // a draft that overlaps the active layout's neighbour is refused by the check
    Path bad = Files.createTempFile("overlap", ".geojson");
    Files.writeString(
        bad,
        Files.readString(Path.of(draft))
            .replace("[104.605, 30.10], [104.62, 30.10]", "[104.603, 30.10], [104.62, 30.10]")
            .replace(
                "[104.62, 30.11], [104.605, 30.11], [104.605, 30.10]",
                "[104.62, 30.11], [104.603, 30.11], [104.603, 30.10]"));
    assertThat(
            cl.execute(
                "layout", "activate", bad.toString(), "--lake", lake, "--effective", "2025-09-01"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("not activated");
  }
}
