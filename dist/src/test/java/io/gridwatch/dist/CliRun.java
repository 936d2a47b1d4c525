package io.gridwatch.dist;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the real {@code gridwatch} command line in this JVM with its exit code and what it
 * printed (test helper shared by the command tests).
 *
 * @param exit exit code
 * @param out what was printed on stdout
 * @param err what was printed on stderr
 */
record CliRun(int exit, String out, String err) {

  /** Lines of stderr that are not logging noise (SLF4J binding notes, Spark log lines). */
  List<String> errLines() {
    return Arrays.stream(err.split("\n"))
        .filter(
            l ->
                !l.isBlank()
                    && !l.startsWith("SLF4J")
                    && !l.matches("\\d\\d:\\d\\d:\\d\\d (WARN|ERROR|INFO) .*"))
        .toList();
  }

  /** Runs the command line capturing picocli's writers (usage, help, bad-usage errors). */
  static CliRun run(String... args) {
    CommandLine cl = Gridwatch.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /**
   * Runs a command whose body prints on System.out/err (SparkSide), capturing both with picocli's
   * writers, and echoes the run on the real stdout.
   */
  static CliRun runSpark(String... args) {
    CommandLine cl = Gridwatch.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      exit = cl.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    CliRun r =
        new CliRun(
            exit,
            out + sysOut.toString(StandardCharsets.UTF_8),
            err + sysErr.toString(StandardCharsets.UTF_8));
    oldOut.println(String.join(" ", args) + " → " + exit + "\n" + r.out() + r.err());
    return r;
  }
}
