package io.gridwatch.benchmarks.join;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of one join benchmark run, parsed from {@code --name value} arguments.
 *
 * @param scratch folder shared with the Sedona JVM
 * @param points points per tiling
 * @param grids tilings to measure, by grid count
 * @param repeat timed runs per engine and tiling (the median is reported)
 * @param naiveRepeat timed runs of the (slow) naive join per tiling
 * @param warmup points of the untimed warm-up run on the first tiling
 * @param master Spark master
 * @param results markdown file the report writes
 * @param jmh JMH JSON results to add to the report, or null
 * @param engines engines {@code run} times (gridwatch, naive)
 */
public record JoinBenchConfig(
    Path scratch,
    long points,
    List<Integer> grids,
    int repeat,
    int naiveRepeat,
    long warmup,
    String master,
    Path results,
    Path jmh,
    List<String> engines) {

  /** Validates ranges. */
  public JoinBenchConfig {
    if (points < 1 || repeat < 1 || naiveRepeat < 1 || warmup < 0 || grids.isEmpty()) {
      throw new IllegalArgumentException(
          "--points, --repeat, --naive-repeat and --grids must be positive");
    }
    grids = List.copyOf(grids);
    engines = List.copyOf(engines);
    for (String e : engines) {
      if (!e.equals(JoinEngines.GRIDWATCH) && !e.equals(JoinEngines.NAIVE)) {
        throw new IllegalArgumentException("unknown engine " + e);
      }
    }
  }

  /** Where the Parquet files of this run live. */
  public ScratchLayout layout() {
    return new ScratchLayout(scratch, points);
  }

  /**
   * Parses {@code --scratch --points --grids --repeat --warmup --master --results --jmh --engines}.
   */
  public static JoinBenchConfig parse(String[] args) {
    Path scratch = Path.of("/tmp/gridwatch-bench");
    long points = 2_000_000;
    List<Integer> grids = List.of(1000, 10000, 50000);
    int repeat = 1;
    int naiveRepeat = 1;
    long warmup = 1_000_000;
    String master = "local[2]";
    Path results = Path.of("benchmarks/target/results.md");
    Path jmh = null;
    List<String> engines = List.of(JoinEngines.GRIDWATCH, JoinEngines.NAIVE);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
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
        case "--naive-repeat" -> naiveRepeat = Integer.parseInt(v);
        case "--warmup" -> warmup = Long.parseLong(v.replace("_", ""));
        case "--master" -> master = v;
        case "--results" -> results = Path.of(v);
        case "--jmh" -> jmh = Path.of(v);
        case "--engines" -> engines = List.of(v.split(","));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new JoinBenchConfig(
        scratch, points, grids, repeat, naiveRepeat, warmup, master, results, jmh, engines);
  }
}
