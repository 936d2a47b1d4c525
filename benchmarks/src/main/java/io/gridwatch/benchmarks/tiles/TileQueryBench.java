package io.gridwatch.benchmarks.tiles;

import io.gridwatch.store.Db;
import io.gridwatch.store.query.Scope;
import io.gridwatch.store.tiles.TileLayer;
import io.gridwatch.store.tiles.TileQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchor of the tile benchmark: the bare {@link TileQueries#tile} query ({@code ST_AsMVT} in
 * PostGIS, through JDBC and a Hikari pool, no HTTP, no gzip, no cache) over the same tile paths
 * that {@code scripts/bench-tiles} sends to the service with wrk, at the same concurrency. Prints
 * one line per concurrency: {@code conc p50_ms p99_ms req_per_s requests}.
 *
 * <p>Usage: {@code TileQueryBench JDBC_URL PATHS_FILE SECONDS CONC[,CONC...]}
 */
public final class TileQueryBench {
  private static final Pattern PATH =
      Pattern.compile("/tiles/(\\w+)/(\\d+)/(\\d+)/(\\d+)\\.mvt(?:\\?month=(\\d{4}-\\d{2}))?");

  /** One tile request. */
  record Tile(TileLayer layer, int z, int x, int y, YearMonth month) {}

  /** Requests that failed (all levels). */
  private static final AtomicLong FAILED = new AtomicLong();

  private TileQueryBench() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    List<Tile> tiles = read(Path.of(args[1]));
    long seconds = Long.parseLong(args[2]);
    int[] levels = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
    int maxConc = Arrays.stream(levels).max().orElse(1);
    try (var ds = Db.dataSource(url, maxConc + 1)) {
      for (int conc : levels) {
        long failedBefore = FAILED.get();
        long[] stats = run(ds, tiles, conc, seconds);
        if (FAILED.get() > failedBefore) {
          System.err.printf(
              Locale.ROOT, "%d conns: %d requests failed%n", conc, FAILED.get() - failedBefore);
        }
        System.out.printf(
            Locale.ROOT,
            "%d %.2f %.2f %.1f %d%n",
            conc,
            stats[0] / 1e6,
            stats[1] / 1e6,
            stats[2] / 1000.0,
            stats[3]);
      }
    }
  }

  /**
   * {@code conc} threads walk disjoint stripes of the list for {@code seconds}; returns p50 ns, p99
   * ns, requests per 1000 s, request count.
   */
  static long[] run(javax.sql.DataSource ds, List<Tile> tiles, int conc, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> perThread = new ArrayList<>();
    AtomicLong total = new AtomicLong();
    CountDownLatch done = new CountDownLatch(conc);
    long t0 = System.nanoTime();
    for (int t = 0; t < conc; t++) {
      long[] lat = new long[1 << 20];
      perThread.add(lat);
      int start = t;
      Thread th =
          new Thread(
              () -> {
                int n = 0;
                int i = start;
                try {
                  while (System.nanoTime() < deadline && n < lat.length) {
                    Tile tile = tiles.get(i % tiles.size());
                    long s = System.nanoTime();
                    try {
                      TileQueries.tile(
                          ds, tile.layer(), tile.z(), tile.x(), tile.y(), tile.month(), Scope.ALL);
                      lat[n++] = System.nanoTime() - s;
                    } catch (RuntimeException e) {
                      // e.g. no pooled connection within the pool's timeout under overload:
                      // counted, like wrk's non-2xx answers, not timed
                      if (FAILED.getAndIncrement() == 0) {
                        System.err.println("tile " + tile + " failed: " + e.getMessage());
                      }
                    }
                    i += conc;
                  }
                } finally {
                  lat[lat.length - 1] = n;
                  total.addAndGet(n);
                  done.countDown();
                }
              });
      th.start();
    }
    done.await();
    long elapsed = System.nanoTime() - t0;
    long n = total.get();
    long[] all = new long[(int) n];
    int k = 0;
    for (long[] lat : perThread) {
      int m = (int) lat[lat.length - 1];
      System.arraycopy(lat, 0, all, k, m);
      k += m;
    }
    Arrays.sort(all);
    long p50 = all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, all.length * 0.50)];
    long p99 = all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, all.length * 0.99)];
    return new long[] {p50, p99, n * 1_000_000_000_000L / elapsed, n};
  }

  static List<Tile> read(Path file) throws IOException {
    List<Tile> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = PATH.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
      TileLayer layer = TileLayer.parse(m.group(1)).orElseThrow();
      out.add(
          new Tile(
              layer,
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              m.group(5) == null ? null : YearMonth.parse(m.group(5))));
    }
    return out;
  }
}
