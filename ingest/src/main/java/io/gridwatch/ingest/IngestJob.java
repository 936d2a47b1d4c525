package io.gridwatch.ingest;

import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.lake.LakeCommit;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.LakeTables;
import io.gridwatch.ingest.lake.ParquetRows;
import io.gridwatch.ingest.merge.Incoming;
import io.gridwatch.ingest.merge.KeyedMerge;
import io.gridwatch.ingest.merge.PartitionBuckets;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * {@code gridwatch ingest}: source drop → lake (data-contract.md §1–3). Tables are processed in
 * {@link LakeSchema#SOURCE_TABLES} order so that foreign keys see the merged referenced tables.
 * Dimension tables are merged in memory; partitioned tables (patrols) are spilled per month and
 * merged one month partition at a time, a large month in key-hash buckets ({@link
 * PartitionBuckets}) so that memory stays bounded. Progress goes to stderr on a terminal ({@link
 * ProgressReporter}). Everything is staged and committed atomically with {@link LakeCommit}; a
 * table with nothing new is not rewritten.
 */
public final class IngestJob {
  private static final String LAYOUT_HINT =
      "grid file differs from the active layout v%d; use `gridwatch layout check/diff/activate`";
  private static final String LAYOUT_HINT_ZH = "网格文件与现行网格布局 v%d 不一致，请使用 `gridwatch layout` 命令变更布局";

  /** Spill writers are open for every month at once: keep their buffers small. */
  private static final long SPILL_ROW_GROUP_BYTES = 2L * 1024 * 1024;

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
    } catch (IOException | RuntimeException e) {
      commit.abort();
      throw e;
    }
    return report(committed);
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

  private void read(TableDef t, List<SourceFile> files, Counts counts, Consumer<Incoming> good)
      throws IOException {
    long total = 0;
    for (SourceFile f : files) {
      total += java.nio.file.Files.size(f.path());
    }
    progress.start(t.name(), total);
    for (SourceFile f : files) {
      try (RowSource src = open(t, f)) {
        Crs crs = crsFor(t, src);
        RowParser parser =
            new RowParser(
                t, new RowContext(crs, refs.extent(), cfg.coordinateMarginM(), refs::keys));
        for (SourceRow row = src.next(); row != null; row = src.next()) {
          counts.read++;
          progress.row();
          RowParser.Parsed p = parser.parse(row);
          if (p.ok()) {
            good.accept(new Incoming(p.row(), row.file(), row.line(), row.raw()));
          } else {
            counts.rejected++;
            for (Problem pr : p.problems()) {
              reject(
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
      }
      progress.fileDone(java.nio.file.Files.size(f.path()));
    }
    progress.finish();
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
    read(t, files, c, incoming::add);
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
        in -> {
          in.row()[lv] = version;
          incoming.add(in);
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

  private Counts ingestPartitioned(TableDef t, List<SourceFile> files) throws IOException {
    List<Column> cols = t.columns();
    int partIdx = t.columnNames().indexOf(t.partitionColumn());
    List<Column> spillCols = spillColumns(cols);
    Map<String, ParquetWriter<Object[]>> spill = new TreeMap<>();
    Map<String, String> spillFiles = new TreeMap<>();
    Map<String, long[]> spillCounts = new TreeMap<>();
    Counts c = new Counts();
    try {
      read(
          t,
          files,
          c,
          in -> {
            String part = (String) in.row()[partIdx];
            try {
              ParquetWriter<Object[]> w = spill.get(part);
              if (w == null) {
                String f = commit.scratch(t.name() + "/" + part + ".parquet");
                spillFiles.put(part, f);
                spillCounts.put(part, new long[1]);
                w = ParquetRows.writer(lake, f, spillCols, SPILL_ROW_GROUP_BYTES);
                spill.put(part, w);
              }
              w.write(toSpill(in, cols.size()));
              spillCounts.get(part)[0]++;
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    } finally {
      for (ParquetWriter<Object[]> w : spill.values()) {
        w.close();
      }
    }
    try (HistoryWriter history = new HistoryWriter(t)) {
      for (Map.Entry<String, String> e : spillFiles.entrySet()) {
        String part = e.getKey();
        int buckets = PartitionBuckets.bucketsFor(spillCounts.get(part)[0]);
        mergePartition(t, part, e.getValue(), buckets, c, history);
      }
    }
    return c;
  }

  /**
   * Merges one partition. Large partitions are merged in {@code buckets} key-hash buckets, one at a
   * time, so that memory stays bounded by one bucket (never a heap set of every id of the month).
   */
  private void mergePartition(
      TableDef t, String part, String spillFile, int buckets, Counts c, HistoryWriter history)
      throws IOException {
    List<Column> cols = t.columns();
    List<Column> fileCols = LakeTables.fileColumns(t);
    int[] filePos = LakeTables.positions(cols, fileCols);
    int partIdx = t.columnNames().indexOf(t.partitionColumn());
    int[] keyIdx = io.gridwatch.ingest.merge.Keys.keyIndexes(t);
    List<Column> spillCols = spillColumns(cols);
    String folder = t.name() + "/" + t.partitionColumn() + "=" + part;
    List<String> storedFiles = lake.parquetFiles(folder);
    List<String> bucketSpills =
        PartitionBuckets.split(lake, commit, t, part, spillFile, spillCols, buckets, keyIdx);
    // When every stored file belongs to one bucket of this scheme, a bucket is replaced on its own
    // and unchanged buckets keep their files; otherwise the whole partition is rewritten.
    boolean perBucket =
        buckets == 1 || storedFiles.stream().allMatch(f -> PartitionBuckets.inScheme(f, buckets));
    List<String> staged = new ArrayList<>();
    boolean changed = false;
    for (int b = 0; b < buckets; b++) {
      List<Incoming> incoming = new ArrayList<>();
      ParquetRows.read(
          lake, bucketSpills.get(b), spillCols, r -> incoming.add(fromSpill(r, cols.size())));
      List<Object[]> stored = new ArrayList<>();
      List<String> bucketFiles = PartitionBuckets.filesFor(storedFiles, b, buckets);
      for (String f : bucketFiles) {
        boolean exact = buckets == 1 || PartitionBuckets.isBucketFile(f, b, buckets);
        final int bucket = b;
        ParquetRows.read(
            lake,
            f,
            cols,
            r -> {
              r[partIdx] = part;
              if (exact || PartitionBuckets.bucketOf(r, keyIdx, buckets) == bucket) {
                stored.add(r);
              }
            });
      }
      KeyedMerge.Result r = KeyedMerge.merge(t, stored, incoming);
      c.add(r);
      r.conflicts().forEach(this::reject);
      changed |= r.changed();
      history.write(r.replaced());
      boolean write = perBucket ? r.changed() : !r.rows().isEmpty();
      if (write && !r.rows().isEmpty()) {
        String target =
            buckets == 1
                ? LakeTables.partFile(folder, runId)
                : PartitionBuckets.bucketFile(folder, b, buckets, runId);
        List<Object[]> rows = r.rows().stream().map(x -> LakeTables.project(x, filePos)).toList();
        ParquetRows.writeAll(lake, commit.stage(target), fileCols, rows);
        staged.add(target);
      }
      if (perBucket && r.changed()) {
        bucketFiles.forEach(commit::deleteOnCommit);
      }
    }
    if (!perBucket) {
      if (changed) {
        storedFiles.forEach(commit::deleteOnCommit);
      } else {
        for (String target : staged) {
          commit.unstage(target);
        }
      }
    }
  }

  private static List<Column> spillColumns(List<Column> cols) {
    List<Column> spillCols = new ArrayList<>(cols);
    spillCols.add(Column.of("_file", ColumnType.STRING, false));
    spillCols.add(Column.of("_line", ColumnType.LONG, false));
    spillCols.add(Column.of("_raw", ColumnType.STRING, false));
    return spillCols;
  }

  private static Object[] toSpill(Incoming in, int n) {
    Object[] row = java.util.Arrays.copyOf(in.row(), n + 3);
    row[n] = in.file();
    row[n + 1] = in.line();
    row[n + 2] = in.raw();
    return row;
  }

  private static Incoming fromSpill(Object[] r, int n) {
    return new Incoming(
        java.util.Arrays.copyOf(r, n), (String) r[n], (Long) r[n + 1], (String) r[n + 2]);
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
