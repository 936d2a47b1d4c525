package io.gridwatch.analytics.sql;

import io.gridwatch.analytics.coverage.GridMonthJob;
import io.gridwatch.analytics.lake.LakeFs;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.core.text.DisplayWidth;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gridwatch sql}: every lake table and mart as a temp view of the same name, and streamed
 * rendering of a query's result (rows are pulled partition by partition with {@code
 * toLocalIterator}, never collected at once).
 */
public final class SqlRunner {
  private SqlRunner() {}

  /** Rows buffered to size the columns of {@link Format#TABLE}; later rows reuse the widths. */
  static final int TABLE_SAMPLE_ROWS = 1000;

  /**
   * Registers as temp views: every source table with data, {@code layouts}, {@code ingest_runs},
   * {@code rejects_<table>} for each rejects folder, and every mart folder under {@code
   * <lake>/marts} (view name = folder name). Also registers the UDF {@code gw_distance_m(lon1,
   * lat1, lon2, lat2)}. Returns the view names, sorted.
   */
  public static List<String> registerLake(SparkSession spark, String lake) {
    LakeTables tables = new LakeTables(spark, lake);
    List<String> views = new ArrayList<>();
    List<TableDef> defs =
        Stream.concat(
                LakeSchema.SOURCE_TABLES.stream(),
                Stream.of(LakeSchema.LAYOUTS, LakeSchema.INGEST_RUNS))
            .toList();
    for (TableDef def : defs) {
      tables
          .table(def)
          .ifPresent(
              df -> {
                df.createOrReplaceTempView(def.name());
                views.add(def.name());
              });
    }
    for (String t : LakeFs.subfolders(spark, LakeFs.child(lake, "rejects"))) {
      String view = "rejects_" + t;
      tables
          .read(LakePaths.rejects(lake, t), null)
          .ifPresent(
              df -> {
                df.createOrReplaceTempView(view);
                views.add(view);
              });
    }
    for (String m : LakeFs.subfolders(spark, LakeFs.child(lake, "marts"))) {
      tables
          .mart(m)
          .ifPresent(
              df -> {
                df.createOrReplaceTempView(m);
                views.add(m);
              });
    }
    spark.udf().register("gw_distance_m", GridMonthJob.distanceUdf());
    views.sort(null);
    return views;
  }

  /**
   * Runs one SQL statement and streams its result to {@code out} in {@code format}: CSV = header +
   * RFC-4180 rows (CRLF, empty field for null), nothing else; JSON = JSON Lines (one object per
   * row, nulls kept, binary as base64, timestamps in the session zone); TABLE = aligned text with a
   * row count. Binary values render as hex in CSV/TABLE, nested values as JSON. Returns the number
   * of rows written.
   */
  public static long run(SparkSession spark, String sql, Format format, PrintStream out) {
    Dataset<Row> df = spark.sql(sql);
    return switch (format) {
      case JSON -> writeJson(df, out);
      case CSV -> writeCsv(df, out);
      case TABLE -> writeTable(df, out);
    };
  }

  /**
   * Runs {@code sql} and writes the result to a file chosen by its extension: {@code .csv} (the
   * {@link Format#CSV} rows) or {@code .json}/{@code .jsonl} (JSON Lines) as one local file,
   * streamed partition by partition through the driver and renamed into place when complete; {@code
   * .parquet} as a Parquet folder written by the executors (any Hadoop URI) and swapped in
   * atomically. Returns the number of rows; throws IllegalArgumentException for another extension.
   */
  public static long export(SparkSession spark, String sql, String out) {
    String name = out.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".parquet")) {
      io.gridwatch.analytics.lake.LakeFs.replaceParquet(spark.sql(sql), out);
      return spark.read().parquet(out).count();
    }
    Format format;
    if (name.endsWith(".csv")) {
      format = Format.CSV;
    } else if (name.endsWith(".json") || name.endsWith(".jsonl")) {
      format = Format.JSON;
    } else {
      throw new IllegalArgumentException(
          "--out 须以 .csv、.json 或 .parquet 结尾 / --out must end in .csv, .json or .parquet: " + out);
    }
    java.nio.file.Path target = java.nio.file.Path.of(out).toAbsolutePath();
    try {
      java.nio.file.Files.createDirectories(target.getParent());
      java.nio.file.Path tmp =
          java.nio.file.Files.createTempFile(target.getParent(), ".gridwatch-sql-", ".tmp");
      try {
        long n;
        try (PrintStream ps =
            new PrintStream(
                new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp)),
                false,
                java.nio.charset.StandardCharsets.UTF_8)) {
          n = run(spark, sql, format, ps);
        }
        java.nio.file.Files.move(
            tmp,
            target,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return n;
      } finally {
        java.nio.file.Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long writeJson(Dataset<Row> df, PrintStream out) {
    Column[] all = new Column[df.columns().length];
    for (int i = 0; i < all.length; i++) {
      all[i] = df.col("`" + df.columns()[i].replace("`", "``") + "`");
    }
    Dataset<Row> json =
        df.select(
            functions.to_json(
                functions.struct(all), java.util.Map.of("ignoreNullFields", "false")));
    long n = 0;
    Iterator<Row> it = json.toLocalIterator();
    while (it.hasNext()) {
      out.println(it.next().getString(0));
      n++;
    }
    out.flush();
    return n;
  }

  /** Projects every column to its display string (null stays null). */
  static Dataset<Row> asStrings(Dataset<Row> df) {
    StructType schema = df.schema();
    Column[] cols = new Column[schema.size()];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      Column c = df.col("`" + f.name().replace("`", "``") + "`");
      if (f.dataType() instanceof BinaryType) {
        c = functions.lower(functions.hex(c));
      } else if (f.dataType() instanceof StructType
          || f.dataType() instanceof ArrayType
          || f.dataType() instanceof MapType) {
        c = functions.to_json(c);
      } else {
        c = c.cast("string");
      }
      cols[i] = c.as("c" + i);
    }
    return df.select(cols);
  }

  private static long writeCsv(Dataset<Row> df, PrintStream out) {
    long n = 0;
    try {
      CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setNullString(null).get());
      p.printRecord((Object[]) df.columns());
      Iterator<Row> it = asStrings(df).toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.isNullAt(i) ? null : r.getString(i);
        }
        p.printRecord(v);
        n++;
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  private static long writeTable(Dataset<Row> df, PrintStream out) {
    String[] header = df.columns();
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = DisplayWidth.of(header[i]);
    }
    Iterator<Row> it = asStrings(df).toLocalIterator();
    List<String[]> sample = new ArrayList<>();
    while (sample.size() < TABLE_SAMPLE_ROWS && it.hasNext()) {
      String[] cells = cells(it.next());
      for (int i = 0; i < cells.length; i++) {
        width[i] = Math.max(width[i], DisplayWidth.of(cells[i]));
      }
      sample.add(cells);
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(line(header, width));
    out.println(rule);
    long n = 0;
    for (String[] cells : sample) {
      out.println(line(cells, width));
      n++;
    }
    while (it.hasNext()) {
      out.println(line(cells(it.next()), width));
      n++;
    }
    out.println(rule);
    out.println("(" + n + (n == 1 ? " row 行)" : " rows 行)"));
    out.flush();
    return n;
  }

  private static String[] cells(Row r) {
    String[] c = new String[r.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = r.isNullAt(i) ? "NULL" : r.getString(i);
    }
    return c;
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      b.append(' ').append(cells[i]);
      b.append(" ".repeat(Math.max(0, width[i] - DisplayWidth.of(cells[i])) + 1)).append('|');
    }
    return b.toString();
  }
}
