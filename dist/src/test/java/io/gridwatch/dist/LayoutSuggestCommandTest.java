package io.gridwatch.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gridwatch layout suggest} through the real command line on a lake built by the real {@link
 * IngestJob} from {@code src/test/resources/layout/suggest-drop}: two 0.01° enterprise grids, G01
 * with A01..A10 (west to east), G02 with B1, B2. Mean 6, so one move hands the 4 enterprises
 * nearest the border (A07..A10) to G02; the written GeoJSON passes {@code layout check}; rejecting
 * the move leaves the target unreached (exit 1); bad usage exits 2.
 */
class LayoutSuggestCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DAY = "2025-04-10";

  @TempDir static Path tmp;
  private static String lake;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void buildLake() throws Exception {
    lake = tmp.resolve("lake").toString();
    Path drop = Path.of(LayoutSuggestCommandTest.class.getResource("/layout/suggest-drop").toURI());
    IngestReport r = IngestJob.run(new IngestConfig(drop, lake, Map.of(), Map.of(), true));
    assertThat(r.failed()).isFalse();
    assertThat(r.rejectedTotal()).isZero();
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

  @Test
  void suggestsOneMoveAndWritesACheckableLayout() throws Exception {
    Path out = tmp.resolve("suggested.geojson");
    Run r =
        run(
            "layout",
            "suggest",
            "--lake",
            lake,
            "--effective",
            DAY,
            "--format",
            "json",
            "--out",
            out.toString());
    assertThat(r.exit()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("reached").asBoolean()).isTrue();
    JsonNode moves = root.get("moves");
    assertThat(moves.size()).isEqualTo(1);
    JsonNode m = moves.get(0);
    assertThat(m.get("id").asInt()).isEqualTo(1);
    assertThat(m.get("from").asText()).isEqualTo("G01");
    assertThat(m.get("to").asText()).isEqualTo("G02");
    assertThat(m.get("enterprise_ids").toString()).isEqualTo("[\"A07\",\"A08\",\"A09\",\"A10\"]");
    assertThat(m.get("from_before").asInt()).isEqualTo(10);
    assertThat(m.get("from_after").asInt()).isEqualTo(6);
    assertThat(m.get("to_before").asInt()).isEqualTo(2);
    assertThat(m.get("to_after").asInt()).isEqualTo(6);
    assertThat(root.get("before").get("max").asInt()).isEqualTo(10);
    assertThat(root.get("after").get("cv").asDouble()).isZero();
    assertThat(root.get("counts").toString()).isEqualTo("{\"G01\":6,\"G02\":6}");

    Run check = run("layout", "check", out.toString(), "--lake", lake, "--effective", DAY);
    assertThat(check.exit()).isZero();
    assertThat(check.out()).contains("the layout is valid");
    Run diff =
        run(
            "layout",
            "diff",
            out.toString(),
            "--lake",
            lake,
            "--effective",
            DAY,
            "--format",
            "json");
    assertThat(JSON.readTree(diff.out()).get("moves").size()).isEqualTo(4);
  }

  @Test
  void rejectingTheMoveLeavesTheTargetUnreached() throws Exception {
    Path out = tmp.resolve("rejected.geojson");
    Run r =
        run(
            "layout",
            "suggest",
            "--lake",
            lake,
            "--effective",
            DAY,
            "--reject",
            "1",
            "--out",
            out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("#1 rejected").contains("target not reached");
    // the written layout is the active one unchanged: no enterprise changes grid
    Run diff =
        run(
            "layout",
            "diff",
            out.toString(),
            "--lake",
            lake,
            "--effective",
            DAY,
            "--format",
            "json");
    assertThat(JSON.readTree(diff.out()).get("moves").size()).isZero();
    Run accepted = run("layout", "suggest", "--lake", lake, "--effective", DAY, "--accept", "1");
    assertThat(accepted.exit()).isZero();
    assertThat(accepted.out()).contains("#1 accepted").contains("target reached");
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    Run noMove = run("layout", "suggest", "--lake", lake, "--effective", DAY, "--accept", "2");
    assertThat(noMove.exit()).isEqualTo(2);
    assertThat(noMove.err()).contains("no move 2").doesNotContain("\tat ");
    assertThat(run("layout", "suggest", "--lake", lake, "--target", "1.5").exit()).isEqualTo(2);
    assertThat(run("layout", "suggest", "--lake", lake, "--kind", "market").exit()).isEqualTo(2);
    assertThat(run("layout", "suggest", "--lake", lake, "--max-moves", "-1").exit()).isEqualTo(2);
    Run none = run("layout", "suggest", "--lake", lake, "--max-moves", "0");
    assertThat(none.exit()).as("no move allowed: the target is not reached").isEqualTo(1);
    assertThat(none.out()).contains("no move proposed");
    Run town = run("layout", "suggest", "--lake", lake, "--town", "无此镇");
    assertThat(town.exit()).isEqualTo(2);
    assertThat(town.err()).contains("无此镇").doesNotContain("Exception");
    assertThat(run("layout", "suggest", "--lake", lake, "--accept", "1", "--reject", "1").exit())
        .isEqualTo(2);
    Run noLake = run("layout", "suggest", "--lake", tmp.resolve("none").toString());
    assertThat(noLake.exit()).isEqualTo(1);
    assertThat(noLake.err()).contains("no active layout");
  }
}
