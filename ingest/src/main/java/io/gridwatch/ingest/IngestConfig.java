package io.gridwatch.ingest;

import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one {@code gridwatch ingest} run (validated on construction).
 *
 * @param source the source drop folder
 * @param lake lake root: a path or a Hadoop URI
 * @param crsByTable source CRS per table name; key {@code "*"} = every table; overrides the drop's
 *     manifest and a GeoJSON {@code crs_name}
 * @param encodingByTable CSV encoding per table; key {@code "*"} = every table; overrides the
 *     manifest; otherwise detected (UTF-8, else GB18030)
 * @param strict when true any reject fails the run and nothing is written to the lake
 * @param coordinateMarginM {@code ingest.coordinate_margin_m}: points may lie this far outside the
 *     grids' WGS84 envelope (default 5000)
 * @param threads worker threads for parsing source files and merging partition buckets (≥ 1;
 *     default: available processors, capped by the heap, see {@link #defaultThreads()}); merges in
 *     flight are capped by the heap even when more threads are given; the lake content and rejects
 *     do not depend on it
 */
public record IngestConfig(
    Path source,
    String lake,
    Map<String, Crs> crsByTable,
    Map<String, Charset> encodingByTable,
    boolean strict,
    double coordinateMarginM,
    int threads) {

  /** The default {@code ingest.coordinate_margin_m}. */
  public static final double DEFAULT_COORDINATE_MARGIN_M = 5000;

  /**
   * Validates: non-null paths, table keys are {@code "*"} or source table names, margin ≥ 0,
   * threads between 1 and 256.
   */
  public IngestConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(lake, "lake");
    if (lake.isBlank()) {
      throw new IllegalArgumentException("lake must not be blank / 数据湖路径不能为空");
    }
    crsByTable = Map.copyOf(crsByTable == null ? Map.of() : crsByTable);
    encodingByTable = Map.copyOf(encodingByTable == null ? Map.of() : encodingByTable);
    crsByTable.keySet().forEach(IngestConfig::checkTable);
    encodingByTable.keySet().forEach(IngestConfig::checkTable);
    if (!(coordinateMarginM >= 0) || Double.isInfinite(coordinateMarginM)) {
      throw new IllegalArgumentException(
          "coordinate margin must be a finite number ≥ 0 / 坐标缓冲距离必须 ≥ 0: " + coordinateMarginM);
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be 1–256 / 线程数必须在 1–256 之间: " + threads);
    }
  }

  /** A config with the default thread count ({@link #defaultThreads()}). */
  public IngestConfig(
      Path source,
      String lake,
      Map<String, Crs> crsByTable,
      Map<String, Charset> encodingByTable,
      boolean strict,
      double coordinateMarginM) {
    this(source, lake, crsByTable, encodingByTable, strict, coordinateMarginM, defaultThreads());
  }

  /** A config with the default coordinate margin (5000 m). */
  public IngestConfig(
      Path source,
      String lake,
      Map<String, Crs> crsByTable,
      Map<String, Charset> encodingByTable,
      boolean strict) {
    this(source, lake, crsByTable, encodingByTable, strict, DEFAULT_COORDINATE_MARGIN_M);
  }

  /**
   * Heap (bytes) one worker may need at once: a merging bucket holds up to {@code
   * PartitionBuckets.BUCKET_ROWS} incoming plus as many stored rows, their merged copy and the
   * replaced rows of its outcome until it is taken.
   */
  static final long HEAP_PER_WORKER = 768L << 20;

  /**
   * How many workers the heap can hold at once (at least 1, at most 256): the heap is fixed while
   * processors vary, so concurrency is capped by {@code Runtime.maxMemory() / HEAP_PER_WORKER}.
   */
  public static int heapSlots() {
    return (int) Math.max(1, Math.min(256, Runtime.getRuntime().maxMemory() / HEAP_PER_WORKER));
  }

  /**
   * The default thread count: the available processors, but no more than the heap holds ({@link
   * #heapSlots()}); at least 1, at most 256.
   */
  public static int defaultThreads() {
    int cpus = Math.max(1, Math.min(256, Runtime.getRuntime().availableProcessors()));
    return Math.min(cpus, heapSlots());
  }

  /** This config with another thread count. */
  public IngestConfig withThreads(int n) {
    return new IngestConfig(
        source, lake, crsByTable, encodingByTable, strict, coordinateMarginM, n);
  }

  /** The CRS forced for a table by this config (table entry, else {@code "*"}), or null. */
  public Crs crsFor(String table) {
    return crsByTable.getOrDefault(table, crsByTable.get("*"));
  }

  /** The encoding forced for a table by this config (table entry, else {@code "*"}), or null. */
  public Charset encodingFor(String table) {
    return encodingByTable.getOrDefault(table, encodingByTable.get("*"));
  }

  private static void checkTable(String table) {
    if (!table.equals("*")
        && LakeSchema.SOURCE_TABLES.stream().map(TableDef::name).noneMatch(table::equals)) {
      throw new IllegalArgumentException("unknown table '" + table + "' / 未知的表：" + table);
    }
  }
}
