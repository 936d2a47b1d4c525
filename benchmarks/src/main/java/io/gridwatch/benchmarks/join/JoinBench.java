package io.gridwatch.benchmarks.join;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.gridwatch.analytics.SparkSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Whole-pipeline harness of the point-in-grid join benchmark (scripts/bench-join). Sub-commands:
 * {@code generate} writes grids and points once; {@code run} times the gridwatch and naive joins
 * (read Parquet → join → write Parquet); {@code report} compares every engine's output with
 * Sedona's (written by benchmarks-sedona in its own JVM) row for row and writes the markdown table.
 * Exit 1 when outputs disagree, 2 on bad usage.
 */
public final class JoinBench {
  private JoinBench() {}

  /** Entry point: {@code generate|run|report [--option value]...}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: JoinBench generate|run|report [--points N] [--scratch DIR] ...");
      System.exit(2);
    }
    JoinBenchConfig cfg;
    try {
      cfg = JoinBenchConfig.parse(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println("bad arguments: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSessions.create(cfg.master(), "bench-join-" + args[0]);
    int status = 0;
    switch (args[0]) {
      case "generate" -> generate(spark, cfg);
      case "run" -> status = run(spark, cfg);
      case "report" -> status = report(spark, cfg);
      default -> {
        System.err.println("unknown sub-command " + args[0]);
        status = 2;
      }
    }
    spark.stop();
    System.exit(status);
  }

  /** Writes every tiling's grids and points (and the warm-up points) unless already written. */
  static void generate(SparkSession spark, JoinBenchConfig cfg) {
    ScratchLayout l = cfg.layout();
    for (int g : cfg.grids()) {
      Tiling t = Tiling.of(g);
      long t0 = System.nanoTime();
      JoinData.writeGrids(spark, t, l.grids(g));
      JoinData.writePoints(spark, t, cfg.points(), l.points(g));
      System.out.printf(
          "generated %d grids (%dx%d) and %,d points in %.1f s%n",
          g, t.cols(), t.rows(), cfg.points(), (System.nanoTime() - t0) / 1e9);
    }
    int g0 = cfg.grids().get(0);
    if (cfg.warmup() > 0) {
      JoinData.writePoints(spark, Tiling.of(g0), cfg.warmup(), l.warmupPoints(g0, cfg.warmup()));
    }
  }

  /**
   * Times the gridwatch and the naive join on every tiling and writes their timings files; 1 when
   * the data is missing.
   */
  static int run(SparkSession spark, JoinBenchConfig cfg) throws IOException {
    ScratchLayout l = cfg.layout();
    List<Path> inputs = new ArrayList<>();
    for (int g : cfg.grids()) {
      inputs.add(l.grids(g));
      inputs.add(l.points(g));
    }
    if (cfg.warmup() > 0) {
      inputs.add(l.warmupPoints(cfg.grids().get(0), cfg.warmup()));
    }
    for (Path p : inputs) {
      if (!JoinData.complete(p)) {
        System.err.println("missing " + p + ": run `generate` with the same options first");
        return 1;
      }
    }
    Files.createDirectories(l.out());
    List<String> engines = cfg.engines();
    int g0 = cfg.grids().get(0);
    if (cfg.warmup() > 0) {
      for (String e : engines) {
        double s =
            timeOne(
                spark,
                e,
                Tiling.of(g0),
                l.grids(g0),
                l.warmupPoints(g0, cfg.warmup()),
                l.out().resolve("warmup-" + e));
        System.out.printf("warm-up %s: %,d points in %.1f s%n", e, cfg.warmup(), s);
      }
    }
    List<List<String>> lines = new ArrayList<>();
    for (int i = 0; i < engines.size(); i++) {
      lines.add(new ArrayList<>(List.of(header(spark))));
    }
    for (int g : cfg.grids()) {
      for (int i = 0; i < engines.size(); i++) {
        String e = engines.get(i);
        List<String> secs = new ArrayList<>();
        int reps = e.equals(JoinEngines.NAIVE) ? cfg.naiveRepeat() : cfg.repeat();
        for (int r = 0; r < reps; r++) {
          double s = timeOne(spark, e, Tiling.of(g), l.grids(g), l.points(g), l.result(e, g));
          secs.add(String.format("%.3f", s));
          System.out.printf(
              "%-9s %6d grids %,d points: %.1f s (%,.0f points/s)%n",
              e, g, cfg.points(), s, cfg.points() / s);
        }
        long rows = spark.read().parquet(JoinData.uri(l.result(e, g))).count();
        lines
            .get(i)
            .add(e + "\t" + g + "\t" + cfg.points() + "\t" + String.join(",", secs) + "\t" + rows);
      }
    }
    for (int i = 0; i < engines.size(); i++) {
      Files.write(l.timings(engines.get(i)), lines.get(i), StandardCharsets.UTF_8);
    }
    return 0;
  }

  private static String header(SparkSession spark) {
    return "# spark "
        + spark.version()
        + ", java "
        + System.getProperty("java.version")
        + ", max heap "
        + (Runtime.getRuntime().maxMemory() >> 20)
        + " MiB, master "
        + spark.sparkContext().master();
  }

  /** Seconds to read the points, join them with one engine and write (point_id, grid_id). */
  static double timeOne(
      SparkSession spark, String engine, Tiling t, Path grids, Path pts, Path out) {
    long t0 = System.nanoTime();
    Dataset<Row> g = spark.read().parquet(JoinData.uri(grids));
    Dataset<Row> p = spark.read().parquet(JoinData.uri(pts));
    Dataset<Row> joined =
        switch (engine) {
          case JoinEngines.GRIDWATCH -> JoinEngines.gridwatch(spark, g, p);
          case JoinEngines.NAIVE -> JoinEngines.naive(g, p, JoinEngines.bucketSide(t));
          default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    joined.write().mode(SaveMode.Overwrite).parquet(JoinData.uri(out));
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Compares every engine's output with Sedona's after the tie rule, writes and prints the table;
   * returns 1 when some output differs or is missing.
   */
  static int report(SparkSession spark, JoinBenchConfig cfg) throws IOException {
    ScratchLayout l = cfg.layout();
    List<Timing> timings = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    for (String e : List.of(JoinEngines.GRIDWATCH, JoinEngines.NAIVE, "sedona")) {
      Path f = l.timings(e);
      if (!Files.exists(f)) {
        System.err.println("missing " + f + " (run that engine first)");
        return 1;
      }
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.startsWith("#")) {
          headers.add(e + ": " + line.substring(1).trim());
        } else if (!line.isBlank()) {
          timings.add(Timing.parse(line));
        }
      }
    }
    StringBuilder md = new StringBuilder();
    md.append(
            "| grids | points | engine | seconds (median) | points/s (median) | ratio to Sedona |")
        .append(
            " result rows | multi-match points (Sedona) | points differing from Sedona + tie rule |\n")
        .append("|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    boolean ok = true;
    for (int g : cfg.grids()) {
      Timing sed = find(timings, "sedona", g);
      long[] check = compare(spark, l, g);
      for (String e : List.of(JoinEngines.GRIDWATCH, JoinEngines.NAIVE, "sedona")) {
        Timing t = find(timings, e, g);
        long diff =
            e.equals(JoinEngines.GRIDWATCH) ? check[1] : e.equals(JoinEngines.NAIVE) ? check[2] : 0;
        ok &= diff == 0;
        md.append(
            String.format(
                "| %,d | %,d | %s | %s | %,.0f | %.2f× | %,d | %s | %s |%n",
                g,
                t.points(),
                e,
                t.describe(),
                t.points() / t.median(),
                sed.median() / t.median(),
                t.rows(),
                e.equals("sedona") ? String.format("%,d", check[0]) : "",
                e.equals("sedona") ? "—" : String.format("%,d", diff)));
      }
    }
    md.append("\n");
    for (String h : headers) {
      md.append("- ").append(h).append('\n');
    }
    if (cfg.jmh() != null && Files.exists(cfg.jmh())) {
      md.append("\n").append(JmhTable.markdown(cfg.jmh()));
    }
    Files.createDirectories(cfg.results().toAbsolutePath().getParent());
    Files.writeString(cfg.results(), md.toString(), StandardCharsets.UTF_8);
    System.out.print(md);
    System.out.println(ok ? "all outputs agree with Sedona (tie rule applied)" : "OUTPUTS DIFFER");
    return ok ? 0 : 1;
  }

  /**
   * One pass over the three outputs of a tiling, joined on point_id: {points Sedona matched to
   * several grids, points where gridwatch differs from Sedona + tie rule, same for naive}. A point
   * differs when it is missing on one side, has another grid, or appears more than once.
   */
  static long[] compare(SparkSession spark, ScratchLayout l, int g) {
    Dataset<Row> s = perPoint(spark, l.result("sedona", g), "s");
    Dataset<Row> o = perPoint(spark, l.result(JoinEngines.GRIDWATCH, g), "o");
    Dataset<Row> v = perPoint(spark, l.result(JoinEngines.NAIVE, g), "v");
    Row r =
        s.join(o, s.col("point_id").equalTo(o.col("point_id")), "full_outer")
            .select(
                coalesce(s.col("point_id"), o.col("point_id")).as("point_id"),
                col("s"),
                col("s_n"),
                col("o"),
                col("o_n"))
            .join(v, "point_id", "full_outer")
            .agg(
                sum(when(col("s_n").gt(1), 1).otherwise(0)),
                sum(when(differs("o", "o_n"), 1).otherwise(0)),
                sum(when(differs("v", "v_n"), 1).otherwise(0)))
            .first();
    return new long[] {
      r.isNullAt(0) ? 0 : r.getLong(0),
      r.isNullAt(1) ? 0 : r.getLong(1),
      r.isNullAt(2) ? 0 : r.getLong(2)
    };
  }

  private static Dataset<Row> perPoint(SparkSession spark, Path dir, String name) {
    return spark
        .read()
        .parquet(JoinData.uri(dir))
        .groupBy("point_id")
        .agg(min("grid_id").as(name), count(lit(1)).as(name + "_n"));
  }

  private static Column differs(String grid, String n) {
    return not(col(grid).eqNullSafe(col("s"))).or(col(n).gt(1));
  }

  private static Timing find(List<Timing> timings, String engine, int grids) {
    return timings.stream()
        .filter(t -> t.engine().equals(engine) && t.grids() == grids)
        .reduce((a, b) -> b)
        .orElseThrow(
            () -> new IllegalStateException("no timing for " + engine + " at " + grids + " grids"));
  }

  /** One line of a timings file. */
  record Timing(String engine, int grids, long points, double[] seconds, long rows) {
    static Timing parse(String line) {
      String[] f = line.split("\t");
      double[] s = Arrays.stream(f[3].split(",")).mapToDouble(Double::parseDouble).toArray();
      return new Timing(
          f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), s, Long.parseLong(f[4]));
    }

    /** The median, with the range and count when there were several runs. */
    String describe() {
      if (seconds.length == 1) {
        return String.format("%.1f", seconds[0]);
      }
      double lo = Arrays.stream(seconds).min().orElseThrow();
      double hi = Arrays.stream(seconds).max().orElseThrow();
      return String.format("%.1f (%.1f–%.1f, %d runs)", median(), lo, hi, seconds.length);
    }

    double median() {
      double[] s = seconds.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
  }
}
