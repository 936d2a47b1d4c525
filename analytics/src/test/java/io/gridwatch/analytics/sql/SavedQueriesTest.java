package io.gridwatch.analytics.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.SampleLake;
import io.gridwatch.analytics.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every saved analyst query {@code notebooks/queries/*.sql} (discovered, so a new file is tested
 * without touching this class) runs through {@link SqlRunner} on the analysed sample lake and
 * returns rows, with its parameters unset (their defaults) and with the parameters of its header's
 * {@code Example:} line; its header documents the question, every {@code ${param}} it uses and
 * exactly the columns it returns, in order.
 */
class SavedQueriesTest {
  static final Path QUERIES = Path.of("..", "notebooks", "queries");

  private static final Pattern PARAM_USE = Pattern.compile("\\$\\{(\\w+)}");
  private static final Pattern PARAM_DOC = Pattern.compile("^--\\s+\\$\\{(\\w+)}\\s+\\S.*");
  private static final Pattern COLUMN_DOC = Pattern.compile("^--\\s+(\\w+)(\\s+\\S.*)?$");
  private static final Pattern EXAMPLE_PARAM = Pattern.compile("--param\\s+(\\w+)=(\\S+)");

  private static SparkSession session;

  @BeforeAll
  static void registerSampleLake() {
    // a session of its own: its views and ${param} settings do not leak into other test classes
    session = TestSpark.get().newSession();
    assertThat(SqlRunner.registerLake(session, SampleLake.analyzed()))
        .contains("grid_month", "patrols", "patrol_flags", "enterprises", "workers", "layouts");
  }

  static List<Path> queries() throws IOException {
    try (Stream<Path> files = Files.list(QUERIES)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
    }
  }

  @Test
  void theSixAnalystQuestionsHaveSavedQueries() throws IOException {
    assertThat(queries().stream().map(p -> p.getFileName().toString()))
        .contains(
            "coverage_trend_by_town.sql",
            "awareness_vs_coverage_lag.sql",
            "issues_by_category_industry.sql",
            "checkin_timing.sql",
            "suspicious_by_worker.sql",
            "layout_before_after.sql");
  }

  @TestFactory
  Stream<DynamicTest> everySavedQueryRunsOnTheSampleLake() throws IOException {
    return queries().stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path file) throws IOException {
    String sql = Files.readString(file, StandardCharsets.UTF_8);
    Header h = Header.parse(sql);
    assertThat(h.question).as("header names the question (-- Question: …)").isTrue();
    assertThat(h.columns).as("header lists the columns (-- Columns:)").isNotEmpty();
    Set<String> used = new LinkedHashSet<>();
    Matcher m = PARAM_USE.matcher(body(sql));
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(h.params).as("header documents every ${param} used").containsAll(used);
    assertThat(h.params).as("header documents only used parameters").isSubsetOf(used);
    assertThat(h.example.keySet()).as("example parameters are documented").isSubsetOf(h.params);

    Result defaults = run(sql, Map.of());
    assertThat(defaults.columns).as("columns, in the header's order").isEqualTo(h.columns);
    assertThat(defaults.rows).as("rows with every parameter unset").isPositive();
    if (!h.example.isEmpty()) {
      assertThat(run(sql, h.example).rows).as("rows with " + h.example).isPositive();
    }
  }

  /** The query without its leading comment block. */
  private static String body(String sql) {
    List<String> lines = new ArrayList<>(sql.lines().toList());
    while (!lines.isEmpty() && lines.get(0).startsWith("--")) {
      lines.remove(0);
    }
    return String.join("\n", lines);
  }

  private record Result(List<String> columns, long rows) {}

  private static Result run(String sql, Map<String, String> params) {
    params.forEach((k, v) -> session.conf().set(k, v));
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      long rows;
      try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
        rows = SqlRunner.run(session, sql, Format.CSV, out);
      }
      String header = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
      return new Result(List.of(header.split(",")), rows);
    } finally {
      params.keySet().forEach(k -> session.conf().unset(k));
    }
  }

  /** What the leading comment block documents. */
  private record Header(
      boolean question, Set<String> params, List<String> columns, Map<String, String> example) {
    static Header parse(String sql) {
      boolean question = false;
      Set<String> params = new LinkedHashSet<>();
      List<String> columns = new ArrayList<>();
      Map<String, String> example = new LinkedHashMap<>();
      String section = "";
      for (String line : sql.lines().toList()) {
        if (!line.startsWith("--")) {
          break;
        }
        String text = line.substring(2).trim();
        if (text.startsWith("Question:")) {
          question = true;
        } else if (text.startsWith("Parameters")) {
          section = "params";
        } else if (text.startsWith("Columns:")) {
          section = "columns";
        } else if (text.startsWith("Example:")) {
          Matcher m = EXAMPLE_PARAM.matcher(text);
          while (m.find()) {
            example.put(m.group(1), m.group(2));
          }
        } else if (section.equals("params") && PARAM_DOC.matcher(line).matches()) {
          Matcher m = PARAM_DOC.matcher(line);
          m.matches();
          params.add(m.group(1));
        } else if (section.equals("columns")) {
          Matcher m = COLUMN_DOC.matcher(line);
          if (m.matches()) {
            columns.add(m.group(1));
          }
        }
      }
      return new Header(question, params, columns, example);
    }
  }
}
