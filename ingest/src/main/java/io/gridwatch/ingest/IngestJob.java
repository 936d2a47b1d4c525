package io.gridwatch.ingest;

import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.lake.LakeCommit;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.LakeTables;
import io.gridwatch.ingest.lake.ParquetRows;
import io.gridwatch.ingest.merge.Incoming;
import io.gridwatch.ingest.merge.KeyedMerge;
import io.gridwatch.ingest.merge.PartitionBuckets;
import io.gridwatch.ingest.merge.SpillFile;
import io.gridwatch.ingest.reader.CsvRowSource;
import io.gridwatch.ingest.reader.GeoJsonRowSource;
import io.gridwatch.ingest.reader.RowSource;
import io.gridwatch.ingest.reader.SourceDrop;
import io.gridwatch.ingest.reader.SourceDrop.SourceFile;
import io.gridwatch.ingest.reader.SourceRow;
import io.gridwatch.ingest.reader.XlsxRowSource;
import io.gridwatch.ingest.validate.AssignmentOverlaps;
import io.gridwatch.ingest.validate.Problem;
import io.gridwatch.ingest.validate.RowContext;
import io.gridwatch.ingest.validate.RowParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.ParquetWriter;
import org.locationtech.jts.geom.Envelope;

/**
 * {@code gridwatch ingest}: source drop → lake (data-contract.md §1–3). Tables are processed in
 * {@link LakeSchema#SOURCE_TABLES} order so that foreign keys see the merged referenced tables.
 * Source files are parsed and validated on a pool of {@link IngestConfig#threads()} workers and
 * their outcomes taken in file order; dimension tables are merged in memory; partitioned tables
 * (patrols) are spilled per file and month into fine key-hash segments ({@link SpillFile}) and
 * merged one key-hash bucket of a month at a time on the pool ({@link PartitionBuckets}), taken in
 * bucket order, so that memory stays bounded and nothing depends on the thread count. Progress goes
 * to stderr on a terminal ({@link ProgressReporter}). Everything is staged and committed atomically
 * with {@link LakeCommit}; a table with nothing new is not rewritten.
 */
public final class IngestJob {
  private static final String LAYOUT_HINT =
      "grid file differs from the active layout v%d; use `gridwatch layout check/diff/activate`";
  private static final String LAYOUT_HINT_ZH = "网格文件与现行网格布局 v%d 不一致，请使用 `gridwatch layout` 命令变更布局";

  /** How long {@link #stopPool} waits for the workers. */
  private static final long STOP_TIMEOUT_S = 120;

  private final IngestConfig cfg;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private final String runId = LakeCommit.newRunId(started);
  private final List<IngestReport.TableResult> results = new ArrayList<>();
  private final Map<String, List<Reject>> rejects = new LinkedHashMap<>();
  private final List<Object[]> runRows = new ArrayList<>();
  private final ProgressReporter progress = ProgressReporter.forConsole();
  private LakeFs lake;
  private SourceDrop drop;
  private LakeCommit commit;
  private ReferenceData refs;
  private ExecutorService pool;

  /**
   * Bucket merges in flight (running, or done with their outcome not yet taken): each holds a
   * bucket's rows and its outcome the replaced rows, so their number is capped by the heap ({@link
   * IngestConfig#heapSlots()}) even when {@code --threads} asks for more; more threads then only
   * speed up parsing. Taken and released on the ingest thread only, in task order.
   */
  private final Semaphore mergeSlots = new Semaphore(IngestConfig.heapSlots());

  private IngestJob(IngestConfig cfg) {
    this.cfg = cfg;
  }

  /**
   * Runs one ingest: recovers the lake, reads, validates and merges every table of the drop,
   * commits atomically (unless strict and something was rejected) and returns the counts.
   */
  public static IngestReport run(IngestConfig cfg) throws IOException {
    return new IngestJob(cfg).execute();
  }

  private IngestReport execute() throws IOException {
    lake = LakeFs.open(cfg.lake());
    LakeCommit.recover(lake);
    drop = SourceDrop.open(cfg.source());
    commit = new LakeCommit(lake, runId);
    refs = new ReferenceData(lake, cfg.coordinateMarginM());
    pool = Executors.newFixedThreadPool(cfg.threads(), IngestJob::worker);
    boolean committed = false;
    try {
      for (TableDef t : LakeSchema.SOURCE_TABLES) {
        List<SourceFile> files = drop.files(t);
        if (files.isEmpty()) {
          continue;
        }
        Instant tableStart = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Counts c;
        if (t.name().equals("grids")) {
          c = ingestGrids(t, files);
        } else if (t.partitionColumn() != null) {
          c = ingestPartitioned(t, files);
        } else {
          c = ingestDimension(t, files);
        }
        String source = files.stream().map(SourceFile::relative).collect(Collectors.joining(";"));
        results.add(
            new IngestReport.TableResult(
                t.name(), source, c.read, c.inserted, c.updated, c.unchanged, c.rejected));
        runRows.add(
            new Object[] {
              runId,
              t.name(),
              source,
              tableStart,
              Instant.now().truncatedTo(ChronoUnit.MICROS),
              c.read,
              c.inserted,
              c.updated,
              c.unchanged,
              c.rejected
            });
      }
      IngestReport probe = report(false);
      if (probe.failed()) {
        commit.abort();
      } else {
        stageRejects();
        if (!runRows.isEmpty()) {
          String target = LakeTables.partFile(LakeSchema.INGEST_RUNS.name(), runId);
          ParquetRows.writeAll(
              lake, commit.stage(target), LakeSchema.INGEST_RUNS.columns(), runRows);
        }
        commit.commit();
        committed = true;
      }
    } catch (IOException | RuntimeException | Error e) {
      // the original failure is what the user must see; clean-up failures ride along
      try {
        stopPool();
      } catch (IOException | RuntimeException s) {
        e.addSuppressed(s);
      }
      commit.abortAfter(e);
      throw e;
    }
    stopPool();
    return report(committed);
  }

  private static Thread worker(Runnable r) {
    Thread t = new Thread(r, "gridwatch-ingest");
    t.setDaemon(true);
    return t;
  }

  /**
   * Stops the workers and waits for them (a worker blocked in I/O finishes its current write), so
   * nothing writes to staging after an abort; throws when they have not stopped within {@link
   * #STOP_TIMEOUT_S} seconds rather than hanging the run.
   */
  private void stopPool() throws IOException {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
        throw new IOException(
            "ingest workers did not stop within " + STOP_TIMEOUT_S + " s / 导入工作线程未能按时停止");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while stopping ingest workers");
    }
  }

  private IngestReport report(boolean committed) {
    List<Reject> samples = new ArrayList<>();
    for (List<Reject> list : rejects.values()) {
      for (Reject r : list) {
        if (samples.size() < IngestReport.MAX_SAMPLES) {
          samples.add(r);
        }
      }
    }
    return new IngestReport(runId, results, samples, cfg.strict(), committed);
  }

  /** Mutable per-table counters. */
  private static final class Counts {
    long read;
    long inserted;
    long updated;
    long unchanged;
    long rejected;

    void add(KeyedMerge.Result r) {
      inserted += r.inserted();
      updated += r.updated();
      unchanged += r.unchanged();
      rejected += r.conflictRows();
    }
  }

  // ---------------------------------------------------------------- reading

  /** Receives the good rows of one source file, in file order, on one worker thread. */
  private interface RowSink extends java.io.Closeable {
    void accept(Incoming in) throws IOException;
  }

  /** A sink keeping the rows in memory (dimension tables). */
  private static final class ListSink implements RowSink {
    final List<Incoming> rows = new ArrayList<>();

    @Override
    public void accept(Incoming in) {
      rows.add(in);
    }

    @Override
    public void close() {}
  }

  /** What parsing one source file produced. */
  private static final class FileOutcome<S> {
    final S sink;
    final List<Reject> rejects = new ArrayList<>();
    long read;
    long rejectedRows;

    FileOutcome(S sink) {
      this.sink = sink;
    }
  }

  /** An I/O step run on the ingest thread. */
  private interface IoConsumer<T> {
    void accept(T value) throws IOException;
  }

  /**
   * Reads and validates the files of a table: each file is parsed on a worker thread into its own
   * sink ({@code sinks.apply(fileIndex)}); outcomes (counts, rejects, sinks) are taken in file
   * order on this thread, so the result does not depend on the thread count.
   */
  private <S extends RowSink> void read(
      TableDef t,
      List<SourceFile> files,
      Counts counts,
      java.util.function.IntFunction<S> sinks,
      IoConsumer<S> done)
      throws IOException {
    long total = 0;
    for (SourceFile f : files) {
      total += java.nio.file.Files.size(f.path());
    }
    progress.start(t.name(), total);
    Envelope extent = refs.extent();
    preloadKeys(t);
    List<Callable<FileOutcome<S>>> tasks = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      SourceFile f = files.get(i);
      int index = i;
      tasks.add(() -> parseFile(t, f, extent, sinks.apply(index)));
    }
    inOrder(
        tasks,
        null,
        o -> {
          counts.read += o.read;
          counts.rejected += o.rejectedRows;
          o.rejects.forEach(this::reject);
          done.accept(o.sink);
        });
    for (SourceFile f : files) {
      progress.fileDone(java.nio.file.Files.size(f.path()));
    }
    progress.finish();
  }

  private <S extends RowSink> FileOutcome<S> parseFile(
      TableDef t, SourceFile f, Envelope extent, S sink) throws IOException {
    FileOutcome<S> o = new FileOutcome<>(sink);
    try (RowSource src = open(t, f);
        S s = sink) {
      Crs crs = crsFor(t, src);
      RowParser parser =
          new RowParser(t, new RowContext(crs, extent, cfg.coordinateMarginM(), refs::keys));
      int pending = 0;
      for (SourceRow row = src.next(); row != null; row = src.next()) {
        o.read++;
        if (++pending == 4096) {
          progress.rows(pending);
          pending = 0;
        }
        RowParser.Parsed p = parser.parse(row);
        if (p.ok()) {
          s.accept(new Incoming(p.row(), row.file(), row.line(), row.raw()));
        } else {
          o.rejectedRows++;
          for (Problem pr : p.problems()) {
            o.rejects.add(
                new Reject(
                    t.name(),
                    row.file(),
                    row.line(),
                    pr.column(),
                    pr.reason(),
                    pr.reasonZh(),
                    row.raw()));
          }
        }
      }
      progress.rows(pending);
    }
    return o;
  }

  /** Loads the key sets a table's rows are checked against, before worker threads need them. */
  private void preloadKeys(TableDef t) {
    for (io.gridwatch.ingest.validate.ForeignKeys.Ref ref :
        io.gridwatch.ingest.validate.ForeignKeys.of(t.name())) {
      refs.keys(ref.table());
    }
    if (t.name().equals("info_scores") || t.name().equals("assist_scores")) {
      refs.keys(LakeSchema.WORKERS.name());
      refs.keys(ReferenceData.EXCLUSIVE_WORKERS);
    }
  }

  /**
   * Runs tasks on the worker pool (at most twice the thread count submitted ahead, and when {@code
   * slots} is given at most as many as it has permits) and hands their results to {@code consume}
   * in task order on this thread; the first failure is rethrown.
   */
  private <T> void inOrder(List<Callable<T>> tasks, Semaphore slots, IoConsumer<T> consume)
      throws IOException {
    java.util.ArrayDeque<Future<T>> ahead = new java.util.ArrayDeque<>();
    int next = 0;
    int window = 2 * cfg.threads();
    try {
      while (next < tasks.size() || !ahead.isEmpty()) {
        // only this thread takes permits, so with nothing ahead every permit is free
        while (next < tasks.size()
            && ahead.size() < window
            && (slots == null || slots.tryAcquire())) {
          ahead.add(pool.submit(tasks.get(next++)));
        }
        Future<T> head = ahead.poll();
        try {
          consume.accept(await(head));
        } finally {
          if (slots != null) {
            slots.release();
          }
        }
      }
    } finally {
      ahead.forEach(f -> f.cancel(true));
      if (slots != null) {
        slots.release(ahead.size());
      }
    }
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("ingest interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    }
  }

  private RowSource open(TableDef t, SourceFile f) throws IOException {
    return switch (f.format()) {
      case CSV -> new CsvRowSource(f.path(), f.relative(), t, encodingFor(t));
      case XLSX -> new XlsxRowSource(f.path(), f.relative(), t);
      case GEOJSON -> new GeoJsonRowSource(f.path(), f.relative(), t);
    };
  }

  private Crs crsFor(TableDef t, RowSource src) {
    Crs forced = cfg.crsFor(t.name());
    if (forced != null) {
      return forced;
    }
    if (src instanceof GeoJsonRowSource g && g.crsName() != null) {
      return Crs.parse(g.crsName());
    }
    String m = drop.manifestCrs(t.name());
    return m == null ? Crs.WGS84 : Crs.parse(m);
  }

  private Charset encodingFor(TableDef t) {
    Charset forced = cfg.encodingFor(t.name());
    if (forced != null) {
      return forced;
    }
    String m = drop.manifestEncoding(t.name());
    return m == null ? null : Charset.forName(m);
  }

  private void reject(Reject r) {
    rejects.computeIfAbsent(r.table(), x -> new ArrayList<>()).add(r);
  }

  // ---------------------------------------------------------------- tables

  private Counts ingestDimension(TableDef t, List<SourceFile> files) throws IOException {
    List<Column> cols = t.columns();
    List<String> storedFiles = lake.parquetFiles(t.name());
    List<Object[]> stored = ParquetRows.readFolder(lake, t.name(), cols);
    List<Incoming> incoming = new ArrayList<>();
    Counts c = new Counts();
    read(t, files, c, i -> new ListSink(), sink -> incoming.addAll(sink.rows));
    KeyedMerge.Result r = KeyedMerge.merge(t, stored, incoming);
    if (t.name().equals("assignments")) {
      Map<Incoming, String> overlaps = AssignmentOverlaps.find(t, r.rows(), incoming);
      if (!overlaps.isEmpty()) {
        for (Map.Entry<Incoming, String> e : overlaps.entrySet()) {
          Incoming in = e.getKey();
          c.rejected++;
          reject(
              new Reject(
                  t.name(),
                  in.file(),
                  in.line(),
                  "from,to",
                  "period overlaps another assignment of the worker (" + e.getValue() + ")",
                  "与该网格员的另一段分配期（" + e.getValue() + "）重叠",
                  in.raw()));
        }
        incoming.removeIf(overlaps::containsKey);
        r = KeyedMerge.merge(t, stored, incoming);
      }
    }
    c.add(r);
    r.conflicts().forEach(this::reject);
    if (r.changed()) {
      replaceFolder(t.name(), cols, r.rows(), storedFiles);
    }
    writeHistory(t, r.replaced());
    refs.putKeys(t, r.rows());
    return c;
  }

  private Counts ingestGrids(TableDef t, List<SourceFile> files) throws IOException {
    List<Column> cols = t.columns();
    int lv = t.columnNames().indexOf("layout_version");
    List<String> storedFiles = lake.parquetFiles(t.name());
    List<Object[]> stored = ParquetRows.readFolder(lake, t.name(), cols);
    int active = ReferenceData.activeLayout(lake, stored, lv);
    int version = active == 0 ? 1 : active;
    List<Object[]> activeRows =
        stored.stream().filter(r -> r[lv] != null && (Integer) r[lv] == version).toList();
    List<Incoming> incoming = new ArrayList<>();
    Counts c = new Counts();
    read(
        t,
        files,
        c,
        i -> new ListSink(),
        sink -> {
          for (Incoming in : sink.rows) {
            in.row()[lv] = version;
            incoming.add(in);
          }
        });
    KeyedMerge.Result r = KeyedMerge.merge(t, activeRows, incoming);
    r.conflicts().forEach(this::reject);
    c.rejected += r.conflictRows();
    List<Object[]> current;
    if (active == 0) {
      c.inserted += r.inserted();
      c.unchanged += r.unchanged();
      current = r.rows();
      if (r.changed()) {
        List<Object[]> all = new ArrayList<>(stored);
        all.addAll(r.rows());
        replaceFolder(t.name(), cols, all, storedFiles);
        writeFirstLayout(files);
      }
    } else {
      boolean same =
          r.inserted() == 0 && r.updated() == 0 && r.candidateKeys() == activeRows.size();
      current = activeRows;
      if (same) {
        c.unchanged += r.unchanged();
      } else {
        Set<String> conflicted = new HashSet<>();
        r.conflicts().forEach(x -> conflicted.add(x.file() + ":" + x.line()));
        for (Incoming in : incoming) {
          if (conflicted.contains(in.file() + ":" + in.line())) {
            continue;
          }
          c.rejected++;
          reject(
              new Reject(
                  t.name(),
                  in.file(),
                  in.line(),
                  null,
                  String.format(LAYOUT_HINT, active),
                  String.format(LAYOUT_HINT_ZH, active),
                  in.raw()));
        }
      }
    }
    refs.putGrids(current);
    return c;
  }

  private void writeFirstLayout(List<SourceFile> files) throws IOException {
    TableDef lt = LakeSchema.LAYOUTS;
    List<String> storedFiles = lake.parquetFiles(lt.name());
    List<Object[]> stored = ParquetRows.readFolder(lake, lt.name(), lt.columns());
    if (stored.stream().anyMatch(l -> Integer.valueOf(1).equals(l[0]))) {
      return;
    }
    String name = "initial (" + files.get(0).relative() + ")";
    try (GeoJsonRowSource g =
        new GeoJsonRowSource(files.get(0).path(), files.get(0).relative(), LakeSchema.GRIDS)) {
      if (g.name() != null) {
        name = g.name();
      }
    }
    List<Object[]> all = new ArrayList<>(stored);
    all.add(new Object[] {1, name, "active", LocalDate.of(1970, 1, 1), started});
    replaceFolder(lt.name(), lt.columns(), all, storedFiles);
  }

  /**
   * System property: how many partitions' spill writers one source file keeps open at once (default
   * {@link #OPEN_PARTS}; package-private for tests).
   */
  static final String OPEN_PARTS_PROPERTY = "gridwatch.ingest.openParts";

  /**
   * Default cap on the partitions (months) with open spill writers per source file: each holds up
   * to {@link PartitionBuckets#FINE} open files, so a long backfill file must not keep all of its
   * months open.
   */
  private static final int OPEN_PARTS = 8;

  /**
   * The good rows of one source file of a partitioned table, spilled per partition and per fine
   * key-hash bucket ({@link PartitionBuckets#FINE}) into scratch files, so that a partition can
   * later be merged bucket by bucket without another pass over its rows. At most {@link
   * #OPEN_PARTS} partitions have open writers (least recently used closed first); a partition that
   * comes back after its writers were closed starts a new segment ({@code -k1}, {@code -k2}, …), so
   * a partition's rows are its segments in order, each in line order.
   */
  private final class SpillSink implements RowSink {
    final int fileIndex;
    final String file;
    final TableDef table;
    final int partIdx;
    final int[] keyIdx;
    final int openCap = Math.max(1, Integer.getInteger(OPEN_PARTS_PROPERTY, OPEN_PARTS));
    final LinkedHashMap<String, SpillFile.Writer[]> writers = new LinkedHashMap<>(16, 0.75f, true);
    final Map<String, List<String[]>> segments = new TreeMap<>();
    final Map<String, long[]> rows = new TreeMap<>();

    SpillSink(TableDef table, int fileIndex, String file) {
      this.table = table;
      this.fileIndex = fileIndex;
      this.file = file;
      this.partIdx = table.columnNames().indexOf(table.partitionColumn());
      this.keyIdx = io.gridwatch.ingest.merge.Keys.keyIndexes(table);
    }

    @Override
    public void accept(Incoming in) throws IOException {
      String part = (String) in.row()[partIdx];
      int fine = PartitionBuckets.bucketOf(in.row(), keyIdx, PartitionBuckets.FINE);
      SpillFile.Writer[] ws = writers.get(part);
      if (ws == null) {
        if (writers.size() >= openCap) {
          Map.Entry<String, SpillFile.Writer[]> eldest = writers.entrySet().iterator().next();
          writers.remove(eldest.getKey());
          closeAll(eldest.getValue());
        }
        ws = new SpillFile.Writer[PartitionBuckets.FINE];
        writers.put(part, ws);
        segments
            .computeIfAbsent(part, x -> new ArrayList<>())
            .add(new String[PartitionBuckets.FINE]);
        rows.computeIfAbsent(part, x -> new long[1]);
      }
      if (ws[fine] == null) {
        List<String[]> segs = segments.get(part);
        int k = segs.size() - 1;
        String name =
            k == 0
                ? String.format(java.util.Locale.ROOT, "s%05d-%02d.bin", fileIndex, fine)
                : String.format(java.util.Locale.ROOT, "s%05d-k%d-%02d.bin", fileIndex, k, fine);
        String f = commit.scratch(table.name() + "/" + part + "/" + name);
        ws[fine] = new SpillFile.Writer(lake, f, table.columns());
        segs.get(k)[fine] = f;
      }
      ws[fine].write(in.row(), in.line(), in.raw());
      rows.get(part)[0]++;
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (SpillFile.Writer[] ws : writers.values()) {
        try {
          closeAll(ws);
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      writers.clear();
      if (first != null) {
        throw first;
      }
    }

    /** Closes every writer of one partition segment; the first failure, others suppressed. */
    private static void closeAll(SpillFile.Writer[] ws) throws IOException {
      IOException first = null;
      for (SpillFile.Writer w : ws) {
        try {
          if (w != null) {
            w.close();
          }
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  /**
   * One partition's spilled rows: per source file (in file order) and per segment of that file (in
   * segment order, see {@link SpillSink}), its fine-bucket segments; a file with several segments
   * appears once per segment, so reading the entries in order keeps line order.
   */
  private static final class PartitionSpill {
    final List<String> files = new ArrayList<>();
    final List<String[]> segments = new ArrayList<>();
    long rows;
  }

  private Counts ingestPartitioned(TableDef t, List<SourceFile> files) throws IOException {
    Map<String, PartitionSpill> parts = new TreeMap<>();
    Counts c = new Counts();
    read(
        t,
        files,
        c,
        i -> new SpillSink(t, i, files.get(i).relative()),
        sink -> {
          for (Map.Entry<String, List<String[]>> e : sink.segments.entrySet()) {
            PartitionSpill p = parts.computeIfAbsent(e.getKey(), k -> new PartitionSpill());
            for (String[] segment : e.getValue()) {
              p.files.add(sink.file);
              p.segments.add(segment);
            }
            p.rows += sink.rows.get(e.getKey())[0];
          }
        });
    List<Callable<BucketOutcome>> tasks = new ArrayList<>();
    List<PartitionMerge> merges = new ArrayList<>();
    for (Map.Entry<String, PartitionSpill> e : parts.entrySet()) {
      PartitionMerge m = new PartitionMerge(t, e.getKey(), e.getValue());
      merges.add(m);
      for (int b = 0; b < m.buckets; b++) {
        int bucket = b;
        tasks.add(() -> mergeBucket(m, bucket));
      }
    }
    try (HistoryWriter history = new HistoryWriter(t)) {
      inOrder(tasks, mergeSlots, o -> finishBucket(o, c, history));
    }
    return c;
  }

  /**
   * The merge of one partition: its spill, stored files and bucket count. Large partitions are
   * merged in key-hash buckets, one task per bucket, so that memory stays bounded by the buckets in
   * flight (never a heap set of every id of the month).
   */
  private final class PartitionMerge {
    final TableDef table;
    final String part;
    final PartitionSpill spill;
    final int buckets;
    final String folder;
    final List<String> storedFiles;
    final boolean perBucket;
    final List<String> staged = new ArrayList<>();
    boolean changed;

    PartitionMerge(TableDef t, String part, PartitionSpill spill) throws IOException {
      this.table = t;
      this.part = part;
      this.spill = spill;
      this.buckets = PartitionBuckets.bucketsFor(spill.rows);
      this.folder = t.name() + "/" + t.partitionColumn() + "=" + part;
      this.storedFiles = lake.parquetFiles(folder);
      // When every stored file belongs to one bucket of this scheme, a bucket is replaced on its
      // own and unchanged buckets keep their files; otherwise the whole partition is rewritten.
      this.perBucket =
          buckets == 1 || storedFiles.stream().allMatch(f -> PartitionBuckets.inScheme(f, buckets));
    }
  }

  /** What merging one bucket produced (the merged rows are already written to staging). */
  private record BucketOutcome(
      PartitionMerge merge,
      int bucket,
      KeyedMerge.Result result,
      String target,
      List<String> bucketFiles) {}

  /** Merges bucket {@code b} of a partition on a worker thread and writes its staged file. */
  private BucketOutcome mergeBucket(PartitionMerge m, int b) throws IOException {
    TableDef t = m.table;
    List<Column> cols = t.columns();
    List<Column> fileCols = LakeTables.fileColumns(t);
    int[] filePos = LakeTables.positions(cols, fileCols);
    int partIdx = t.columnNames().indexOf(t.partitionColumn());
    int[] keyIdx = io.gridwatch.ingest.merge.Keys.keyIndexes(t);
    List<Incoming> incoming = readBucket(m, b, keyIdx);
    List<Object[]> stored = new ArrayList<>();
    List<String> bucketFiles = PartitionBuckets.filesFor(m.storedFiles, b, m.buckets);
    for (String f : bucketFiles) {
      boolean exact = m.buckets == 1 || PartitionBuckets.isBucketFile(f, b, m.buckets);
      ParquetRows.read(
          lake,
          f,
          cols,
          r -> {
            r[partIdx] = m.part;
            if (exact || PartitionBuckets.bucketOf(r, keyIdx, m.buckets) == b) {
              stored.add(r);
            }
          });
    }
    KeyedMerge.Result r = KeyedMerge.merge(t, stored, incoming);
    boolean write = m.perBucket ? r.changed() : !r.rows().isEmpty();
    String target = null;
    if (write && !r.rows().isEmpty()) {
      target =
          m.buckets == 1
              ? LakeTables.partFile(m.folder, runId)
              : PartitionBuckets.bucketFile(m.folder, b, m.buckets, runId);
      List<Object[]> rows = new ArrayList<>(r.rows().size());
      for (Object[] x : r.rows()) {
        rows.add(LakeTables.project(x, filePos));
      }
      ParquetRows.writeAll(lake, commit.stagingPath(target), fileCols, rows, plainColumns(t));
    }
    KeyedMerge.Result small =
        new KeyedMerge.Result(
            List.of(),
            r.inserted(),
            r.updated(),
            r.unchanged(),
            r.replaced(),
            r.conflicts(),
            r.conflictRows(),
            r.candidateKeys());
    return new BucketOutcome(m, b, small, target, bucketFiles);
  }

  /**
   * Columns of partition files written without a dictionary: a single key column (unique in the
   * file) and instants and doubles (check-in times and coordinates, nearly unique: a dictionary of
   * them is as large as the values and costs a hash lookup per value).
   */
  private static java.util.Set<String> plainColumns(TableDef t) {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (t.key().size() == 1) {
      out.add(t.key().get(0));
    }
    for (Column c : t.columns()) {
      if (c.type() == io.gridwatch.core.lake.ColumnType.TIMESTAMP
          || c.type() == io.gridwatch.core.lake.ColumnType.DOUBLE) {
        out.add(c.name());
      }
    }
    return out;
  }

  /**
   * The incoming rows of bucket {@code b}: per source file in file order, the rows of the fine
   * segments that make up the bucket, in line order (the same order for any thread count).
   */
  private List<Incoming> readBucket(PartitionMerge m, int b, int[] keyIdx) throws IOException {
    List<Column> cols = m.table.columns();
    int fine = PartitionBuckets.FINE;
    boolean filter = m.buckets > fine;
    List<Incoming> out = new ArrayList<>();
    for (int i = 0; i < m.spill.files.size(); i++) {
      String file = m.spill.files.get(i);
      String[] segs = m.spill.segments.get(i);
      int from = out.size();
      int used = 0;
      for (int f = 0; f < fine; f++) {
        boolean member = filter ? f == b % fine : f % m.buckets == b;
        if (!member || segs[f] == null) {
          continue;
        }
        used++;
        try (SpillFile.Reader in = new SpillFile.Reader(lake, segs[f], cols)) {
          for (SpillFile.Row r = in.next(); r != null; r = in.next()) {
            if (!filter || PartitionBuckets.bucketOf(r.values(), keyIdx, m.buckets) == b) {
              out.add(new Incoming(r.values(), file, r.line(), r.raw()));
            }
          }
        }
      }
      if (used > 1) {
        out.subList(from, out.size()).sort(java.util.Comparator.comparingLong(Incoming::line));
      }
    }
    return out;
  }

  /** Takes one bucket's outcome on the ingest thread, in bucket order. */
  private void finishBucket(BucketOutcome o, Counts c, HistoryWriter history) throws IOException {
    PartitionMerge m = o.merge();
    KeyedMerge.Result r = o.result();
    c.add(r);
    r.conflicts().forEach(this::reject);
    m.changed |= r.changed();
    history.write(r.replaced());
    if (o.target() != null) {
      commit.stage(o.target());
      m.staged.add(o.target());
    }
    if (m.perBucket && r.changed()) {
      o.bucketFiles().forEach(commit::deleteOnCommit);
    }
    if (o.bucket() == m.buckets - 1) {
      if (!m.perBucket) {
        if (m.changed) {
          m.storedFiles.forEach(commit::deleteOnCommit);
        } else {
          for (String target : m.staged) {
            commit.unstage(target);
          }
        }
      }
      lake.delete(commit.scratch(m.table.name() + "/" + m.part));
    }
  }

  /** Streams replaced rows of one table to {@code history/<table>/} (opened on first row). */
  private final class HistoryWriter implements java.io.Closeable {
    private final TableDef table;
    private ParquetWriter<Object[]> writer;

    HistoryWriter(TableDef table) {
      this.table = table;
    }

    void write(List<Object[]> replaced) throws IOException {
      for (Object[] r : replaced) {
        if (writer == null) {
          String target = LakeTables.partFile("history/" + table.name(), runId);
          writer = ParquetRows.writer(lake, commit.stage(target), LakeTables.historyColumns(table));
        }
        Object[] h = java.util.Arrays.copyOf(r, r.length + 1);
        h[r.length] = runId;
        writer.write(h);
      }
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }

  // ---------------------------------------------------------------- writing

  private void replaceFolder(
      String folder, List<Column> cols, List<Object[]> rows, List<String> old) throws IOException {
    String target = LakeTables.partFile(folder, runId);
    ParquetRows.writeAll(lake, commit.stage(target), cols, rows);
    old.forEach(commit::deleteOnCommit);
  }

  private void writeHistory(TableDef t, List<Object[]> replaced) throws IOException {
    try (HistoryWriter h = new HistoryWriter(t)) {
      h.write(replaced);
    }
  }

  /** Stages the run's rejects, skipping rejects already stored by an earlier run. */
  private void stageRejects() throws IOException {
    List<Column> cols = LakeSchema.REJECTS.columns();
    for (Map.Entry<String, List<Reject>> e : rejects.entrySet()) {
      String folder = "rejects/" + e.getKey();
      Set<String> seen = new HashSet<>();
      for (Object[] r : ParquetRows.readFolder(lake, folder, cols)) {
        seen.add(
            signature((String) r[2], (Long) r[3], (String) r[4], (String) r[5], (String) r[7]));
      }
      List<Object[]> rows = new ArrayList<>();
      for (Reject r : e.getValue()) {
        if (seen.add(signature(r.file(), r.line(), r.column(), r.reason(), r.raw()))) {
          rows.add(
              new Object[] {
                runId, r.table(), r.file(), r.line(), r.column(), r.reason(), r.reasonZh(), r.raw()
              });
        }
      }
      if (!rows.isEmpty()) {
        ParquetRows.writeAll(lake, commit.stage(LakeTables.partFile(folder, runId)), cols, rows);
      }
    }
  }

  private static String signature(
      String file, Long line, String column, String reason, String raw) {
    return file + '\u0001' + line + '\u0001' + column + '\u0001' + reason + '\u0001' + raw;
  }
}
