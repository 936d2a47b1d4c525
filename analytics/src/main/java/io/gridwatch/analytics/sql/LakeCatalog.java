package io.gridwatch.analytics.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * {@code gridwatch tables}: every registered lake table and mart with its row count, columns, types
 * and a one-line meaning (from {@code lake-docs.properties}, the same text as {@code
 * docs/lake.md}).
 */
public final class LakeCatalog {
  private LakeCatalog() {}

  /** One column of a table: name, Spark SQL type and meaning ("" when undocumented). */
  public record ColumnInfo(String name, String type, String meaning) {}

  /** One table: view name, row count, meaning and columns. */
  public record TableInfo(String name, long rows, String meaning, List<ColumnInfo> columns) {}

  private static final Properties DOCS = loadDocs();

  /**
   * Registers the lake and describes every view, sorted by name (counts run one Spark job each).
   */
  public static List<TableInfo> describe(SparkSession spark, String lake) {
    List<TableInfo> out = new ArrayList<>();
    for (String view : SqlRunner.registerLake(spark, lake)) {
      var df = spark.table(view);
      List<ColumnInfo> cols = new ArrayList<>();
      for (StructField f : df.schema().fields()) {
        cols.add(
            new ColumnInfo(f.name(), f.dataType().simpleString(), columnMeaning(view, f.name())));
      }
      out.add(new TableInfo(view, df.count(), tableMeaning(view), List.copyOf(cols)));
    }
    return out;
  }

  /** The documented meaning of a table (rejects_* share one entry), or "". */
  public static String tableMeaning(String table) {
    String key = table.startsWith("rejects_") ? "rejects" : table;
    return DOCS.getProperty("table." + key, "");
  }

  /** The documented meaning of a column, or "". */
  public static String columnMeaning(String table, String column) {
    String key = table.startsWith("rejects_") ? "rejects" : table;
    return DOCS.getProperty("column." + key + "." + column, "");
  }

  /** Prints tables as plain text ({@code markdown=false}) or as the Markdown of docs/lake.md. */
  public static void print(List<TableInfo> tables, boolean markdown, PrintStream out) {
    for (TableInfo t : tables) {
      if (markdown) {
        out.printf(
            "## `%s`%n%n%s%n%n| column | type | meaning |%n|---|---|---|%n", t.name(), t.meaning());
        for (ColumnInfo c : t.columns()) {
          out.printf("| `%s` | %s | %s |%n", c.name(), c.type(), c.meaning());
        }
        out.println();
      } else {
        out.printf("%s  (%d rows 行)  %s%n", t.name(), t.rows(), t.meaning());
        for (ColumnInfo c : t.columns()) {
          out.printf(
              "    %-22s %-14s %s%n", c.name(), c.type(), c.meaning().isEmpty() ? "" : c.meaning());
        }
      }
    }
    out.flush();
  }

  private static Properties loadDocs() {
    Properties p = new Properties();
    try (InputStream in = LakeCatalog.class.getResourceAsStream("lake-docs.properties")) {
      if (in != null) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
