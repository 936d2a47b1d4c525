package io.gridwatch.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gridwatch layout check|diff} through the real command line on a lake built by the real
 * {@link IngestJob} from {@code src/test/resources/layout/drop} (2×2 block G01..G04 of 0.01° cells,
 * workers W1..W4 holding them, enterprises E1..E5) plus a hand-written {@code grid_month} mart:
 * exit codes (0 valid, 1 problems, 2 bad usage), the JSON shape of data-contract.md §4 and the
 * diff's moves, affected workers and last-quarter figures.
 */
class LayoutCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static String lake;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void buildLake() throws Exception {
    lake = tmp.resolve("lake").toString();
    IngestReport r =
        IngestJob.run(new IngestConfig(resource("drop"), lake, Map.of(), Map.of(), true));
    assertThat(r.failed()).isFalse();
    assertThat(r.rejectedTotal()).isZero();
    List<Column> cols =
        List.of(
            Column.of("grid_id", ColumnType.STRING, true),
            Column.of("month", ColumnType.STRING, true),
            Column.of("patrols", ColumnType.INT, true),
            Column.of("visited", ColumnType.INT, true),
            Column.of("enterprises", ColumnType.INT, true));
    ParquetRows.writeAll(
        LakeFs.open(lake),
        "marts/grid_month/part-00000.parquet",
        cols,
        List.of(
            new Object[] {"G01", "2024-12", 50, 2, 2},
            new Object[] {"G01", "2025-01", 6, 2, 2},
            new Object[] {"G01", "2025-02", 4, 1, 2},
            new Object[] {"G01", "2025-03", 5, 2, 2},
            new Object[] {"G02", "2025-03", 3, 0, 1}));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(LayoutCommandTest.class.getResource("/layout/" + name).toURI());
  }

  private static Run run(String... args) {
    CommandLine cl = Gridwatch.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    System.out.println("layout " + String.join(" ", args) + " → " + exit + "\n" + out + err);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String file(String name) throws URISyntaxException {
    return resource(name).toString();
  }

  @Test
  void helpListsBothSubcommands() {
    Run r = run("layout", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("check").contains("diff").containsPattern("\\p{IsHan}");
    assertThat(run("layout", "check", "--help").out()).contains("--zone").contains("--format");
  }

  @Test
  void theActiveLayoutItselfIsValid() throws Exception {
    Run r =
        run(
            "layout",
            "check",
            file("drop/grids.geojson"),
            "--lake",
            lake,
            "--effective",
            "2025-04-10");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("active layout v1").contains("the layout is valid");
  }

  @Test
  void overlapAsJsonExitsOne() throws Exception {
    Run r =
        run(
            "layout",
            "check",
            file("draft-overlap.geojson"),
            "--lake",
            lake,
            "--format",
            "json",
            "--effective",
            "2025-04-10");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("valid", "problems");
    assertThat(root.get("valid").asBoolean()).isFalse();
    assertThat(root.get("problems").size()).isEqualTo(1);
    JsonNode p = root.get("problems").get(0);
    assertThat(p.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("type", "grid_ids", "area_m2", "location", "detail");
    assertThat(p.get("type").asText()).isEqualTo("overlap");
    assertThat(p.get("grid_ids").toString()).isEqualTo("[\"G01\",\"G02\"]");
    double expected = EqualArea.quadrangleArea(104.605, 30.10, 104.61, 30.11);
    assertThat(p.get("area_m2").asDouble()).isCloseTo(expected, within(expected * 1e-4));
    assertThat(p.get("location").get(0).asDouble()).isBetween(104.605, 104.61);
    assertThat(p.get("location").get(1).asDouble()).isBetween(30.10, 30.11);
  }

  @Test
  void withoutALakeTheZoneIsTheFileAndWorkersAreNotChecked() throws Exception {
    Run r =
        run(
            "layout",
            "check",
            file("draft-moved.geojson"),
            "--lake",
            tmp.resolve("none").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("outline of FILE").contains("no_worker not checked");
  }

  @Test
  void aGridNoWorkerHoldsOnTheDay() throws Exception {
    // on 2023-06-01 nobody is hired yet: every grid lacks a worker
    Run r =
        run(
            "layout",
            "check",
            file("drop/grids.geojson"),
            "--lake",
            lake,
            "--format",
            "json",
            "--effective",
            "2023-06-01");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode problems = JSON.readTree(r.out()).get("problems");
    assertThat(problems.size()).isEqualTo(4);
    assertThat(problems.get(0).get("type").asText()).isEqualTo("no_worker");
  }

  @Test
  void badUsageExitsTwoWithOneLine() throws Exception {
    assertThat(run("layout", "check").exit()).isEqualTo(2); // FILE missing
    Run fmt = run("layout", "check", file("draft-moved.geojson"), "--format", "xml");
    assertThat(fmt.exit()).isEqualTo(2);
    assertThat(fmt.err()).contains("--format").doesNotContain("\tat ");
    Run missing = run("layout", "check", tmp.resolve("nope.geojson").toString(), "--lake", lake);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file").doesNotContain("\tat ");
    assertThat(missing.err().strip().lines().count()).isEqualTo(1);
    Run kml = run("layout", "diff", tmp.resolve("x.kml").toString(), "--lake", lake);
    assertThat(kml.exit()).isEqualTo(2);
    assertThat(run("layout", "diff", file("draft-moved.geojson"), "--effective", "April").exit())
        .isEqualTo(2);
  }

  @Test
  void diffAsJson() throws Exception {
    Run r =
        run(
            "layout",
            "diff",
            file("draft-moved.geojson"),
            "--lake",
            lake,
            "--format",
            "json",
            "--effective",
            "2025-04-10");
    assertThat(r.exit()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("active_layout").asInt()).isEqualTo(1);
    assertThat(root.get("enterprises").asInt()).isEqualTo(5);
    JsonNode moves = root.get("moves");
    assertThat(moves.size()).isEqualTo(1);
    assertThat(moves.get(0).get("enterprise_id").asText()).isEqualTo("E2");
    assertThat(moves.get(0).get("from").asText()).isEqualTo("G01");
    assertThat(moves.get(0).get("to").asText()).isEqualTo("G02");
    JsonNode g01 = root.get("grids").get(0);
    assertThat(g01.get("grid_id").asText()).isEqualTo("G01");
    assertThat(g01.get("status").asText()).isEqualTo("changed");
    assertThat(g01.get("old").get("enterprises").asInt()).isEqualTo(2);
    assertThat(g01.get("new").get("enterprises").asInt()).isEqualTo(1);
    assertThat(g01.get("new").get("area_km2").asDouble())
        .isCloseTo(EqualArea.quadrangleArea(104.60, 30.10, 104.605, 30.11) / 1e6, within(1e-4));
    // last quarter = 2025Q1 (latest month 2025-03): patrols 6+4+5, coverage (2+1+2)/(2+2+2)
    assertThat(root.get("last_quarter").asText()).isEqualTo("2025Q1");
    assertThat(g01.get("last_quarter").get("patrols").asInt()).isEqualTo(15);
    assertThat(g01.get("last_quarter").get("coverage").asDouble()).isCloseTo(5.0 / 6, within(1e-4));
    assertThat(g01.get("holders").toString()).isEqualTo("[\"W1\"]");
    JsonNode affected = root.get("affected_workers");
    assertThat(affected.size()).isEqualTo(2);
    assertThat(affected.get(0).get("worker_id").asText()).isEqualTo("W1");
    assertThat(affected.get(0).get("lost").asInt()).isEqualTo(1);
    assertThat(affected.get(1).get("worker_id").asText()).isEqualTo("W2");
    assertThat(affected.get(1).get("gained").asInt()).isEqualTo(1);
    JsonNode ent = root.get("balance").get(1);
    assertThat(ent.get("kind").asText()).isEqualTo("enterprise");
    // G01 2, G02 1 → G01 1, G02 2: mean 1.5, σ 0.5 both times
    assertThat(ent.get("old").get("cv").asDouble()).isCloseTo(1.0 / 3, within(1e-4));
    assertThat(ent.get("new").get("cv").asDouble()).isCloseTo(1.0 / 3, within(1e-4));
    assertThat(ent.get("new").get("max_min_ratio").asDouble()).isEqualTo(2.0);
  }

  @Test
  void diffAsTextAndWithoutALake() throws Exception {
    Run r =
        run(
            "layout",
            "diff",
            file("draft-moved.geojson"),
            "--lake",
            lake,
            "--effective",
            "2025-04-10");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("换网格的企业 / enterprises that change grid: 1")
        .contains("E2")
        .contains("受影响的网格员 / affected workers: 2");
    Run none =
        run("layout", "diff", file("draft-moved.geojson"), "--lake", tmp.resolve("x").toString());
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("no active layout");
  }
}
