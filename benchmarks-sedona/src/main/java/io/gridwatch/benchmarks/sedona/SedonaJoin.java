package io.gridwatch.benchmarks.sedona;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Apache Sedona anchor of the point-in-grid join benchmark, in its own JVM (Spark 4.0): reads
 * the grids and points that the gridwatch JVM wrote (benchmarks' {@code ScratchLayout} names),
 * joins them with {@code ST_Intersects} and a broadcast hint on the grids (Sedona's broadcast index
 * join; {@code ST_Contains} would drop points on edges), writes every (point_id, grid_id) match —
 * several per point on shared edges, untouched — and its timings to {@code
 * out-N/timings-sedona.tsv}. Same Spark settings as the gridwatch JVM (local[2], 8 shuffle
 * partitions, no UI).
 */
public final class SedonaJoin {
  private SedonaJoin() {}

  /** {@code --scratch DIR --points N --grids 1000,10000,50000 --repeat R --warmup W}. */
  public static void main(String[] args) throws IOException {
    Path scratch = Path.of("/tmp/gridwatch-bench");
    long points = 2_000_000;
    List<Integer> grids = List.of(1000, 10000, 50000);
    int repeat = 1;
    long warmup = 1_000_000;
    String master = "local[2]";
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--scratch" -> scratch = Path.of(v);
        case "--points" -> points = Long.parseLong(v.replace("_", ""));
        case "--grids" -> {
          List<Integer> g = new ArrayList<>();
          for (String s : v.split(",")) {
            g.add(Integer.parseInt(s.trim()));
          }
          grids = g;
        }
        case "--repeat" -> repeat = Integer.parseInt(v);
        case "--warmup" -> warmup = Long.parseLong(v.replace("_", ""));
        case "--master" -> master = v;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    List<Path> inputs = new ArrayList<>();
    for (int g : grids) {
      inputs.add(scratch.resolve("grids-" + g));
      inputs.add(scratch.resolve("points-" + g + "-" + points));
    }
    if (warmup > 0) {
      inputs.add(scratch.resolve("points-" + grids.get(0) + "-" + warmup));
    }
    for (Path p : inputs) {
      if (!Files.exists(p.resolve("_SUCCESS"))) {
        System.err.println("missing " + p + ": run JoinBench generate with the same options first");
        System.exit(1);
      }
    }
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("bench-join-sedona")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.default.parallelism", "8")
            .config("spark.sql.adaptive.coalescePartitions.initialPartitionNum", "8")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    spark = SedonaContext.create(spark);

    Path out = scratch.resolve("out-" + points);
    Files.createDirectories(out);
    int g0 = grids.get(0);
    if (warmup > 0) {
      double s =
          time(
              spark,
              scratch.resolve("grids-" + g0),
              scratch.resolve("points-" + g0 + "-" + warmup),
              out.resolve("warmup-sedona"),
              true);
      System.out.printf("warm-up sedona: %,d points in %.1f s%n", warmup, s);
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "# spark "
            + spark.version()
            + ", sedona "
            + SedonaContext.class.getPackage().getImplementationVersion()
            + ", java "
            + System.getProperty("java.version")
            + ", max heap "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MiB, master "
            + spark.sparkContext().master());
    for (int g : grids) {
      List<String> secs = new ArrayList<>();
      Path result = out.resolve("sedona-" + g);
      for (int r = 0; r < repeat; r++) {
        double s =
            time(
                spark,
                scratch.resolve("grids-" + g),
                scratch.resolve("points-" + g + "-" + points),
                result,
                false);
        secs.add(String.format("%.3f", s));
        System.out.printf(
            "%-9s %6d grids %,d points: %.1f s (%,.0f points/s)%n",
            "sedona", g, points, s, points / s);
      }
      long rows = spark.read().parquet(uri(result)).count();
      lines.add("sedona\t" + g + "\t" + points + "\t" + String.join(",", secs) + "\t" + rows);
    }
    Files.write(out.resolve("timings-sedona.tsv"), lines, StandardCharsets.UTF_8);
    spark.stop();
  }

  /** Seconds to read, join with Sedona's broadcast index join and write the matches. */
  static double time(SparkSession spark, Path grids, Path pts, Path out, boolean explain) {
    long t0 = System.nanoTime();
    spark
        .read()
        .parquet(uri(grids))
        .selectExpr("grid_id", "ST_GeomFromWKB(geometry) AS geom")
        .createOrReplaceTempView("bench_grids");
    spark
        .read()
        .parquet(uri(pts))
        .selectExpr("point_id", "ST_Point(lon, lat) AS geom")
        .createOrReplaceTempView("bench_points");
    Dataset<Row> joined =
        spark.sql(
            "SELECT /*+ BROADCAST(g) */ p.point_id, g.grid_id FROM bench_points p"
                + " JOIN bench_grids g ON ST_Intersects(g.geom, p.geom)");
    if (explain) {
      joined.explain();
    }
    joined.write().mode(SaveMode.Overwrite).parquet(uri(out));
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String uri(Path dir) {
    return dir.toAbsolutePath().toUri().toString();
  }
}
