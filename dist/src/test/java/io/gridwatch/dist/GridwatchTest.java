package io.gridwatch.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GridwatchTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Gridwatch.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everySubcommandHasBilingualHelp() {
    List<String> commands =
        List.of("demo", "generate", "ingest", "analyze", "sql", "tables", "publish", "serve");
    assertThat(Gridwatch.commandLine().getSubcommands().keySet()).containsAll(commands);
    for (String c : commands) {
      Run r = run(c, "--help");
      assertThat(r.exit()).as(c).isZero();
      assertThat(r.out()).as(c).contains("Usage: gridwatch " + c).containsPattern("\\p{IsHan}");
    }
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(run("nosuch").exit()).isEqualTo(2);
    assertThat(run("ingest").exit()).isEqualTo(2); // --source is required
    assertThat(run("sql", "--format", "csv").exit()).isEqualTo(2); // no query
  }

  @Test
  void badValuesAreClearErrorsWithoutStackTraces() {
    Run r = run("ingest", "--source", "/nonexistent", "--crs", "patrols=utm48");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("utm48").doesNotContain("\tat ");
  }
}
