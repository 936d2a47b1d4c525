package io.gridwatch.ingest.quality;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.index.GridIndex;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.core.time.Periods;
import io.gridwatch.ingest.lake.LakeCommit;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.LakeTables;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Geometry;

/**
 * The data-quality report of a lake (issue 3 §7): cross-table checks that single rows cannot fail
 * at ingest. {@link #run(String)} computes the findings, {@link #write(String, List)} stores them
 * atomically as {@code marts/data_quality/} (columns table, key, check, detail), {@link
 * #render(List)} prints them for people. Tables are streamed; memory holds only ids per grid and
 * worker.
 */
public final class DataQualityReport {
  /** The mart name under {@code <lake>/marts/}. */
  public static final String MART = "data_quality";

  /** The mart's columns, all strings. */
  public static final List<Column> COLUMNS =
      List.of(
          Column.of("table", ColumnType.STRING, true),
          Column.of("key", ColumnType.STRING, true),
          Column.of("check", ColumnType.STRING, true),
          Column.of("detail", ColumnType.STRING, false));

  private static final int MAX_LINES_PER_CHECK = 20;

  private final LakeFs lake;
  private final int sampleSize;
  private final List<Finding> out = new ArrayList<>();

  private DataQualityReport(LakeFs lake, int sampleSize) {
    this.lake = lake;
    this.sampleSize = sampleSize;
  }

  /** The findings of the lake with the default rules (sample size 10), sorted by check and key. */
  public static List<Finding> run(String lake) throws IOException {
    return run(lake, Rules.defaults());
  }

  /** The findings of the lake with the given rules ({@code awarenessSampleSize}). */
  public static List<Finding> run(String lake, Rules rules) throws IOException {
    LakeFs fs = LakeFs.open(lake);
    LakeCommit.recover(fs);
    return new DataQualityReport(fs, rules.awarenessSampleSize()).compute();
  }

  /**
   * Replaces {@code <lake>/marts/data_quality/} by the findings in one atomic commit (staging +
   * journal, as ingest); returns the run id used.
   */
  public static String write(String lake, List<Finding> findings) throws IOException {
    LakeFs fs = LakeFs.open(lake);
    LakeCommit.recover(fs);
    String runId = LakeCommit.newRunId(Instant.now().truncatedTo(ChronoUnit.MICROS));
    LakeCommit commit = new LakeCommit(fs, runId);
    String folder = "marts/" + MART;
    try {
      List<Object[]> rows = new ArrayList<>();
      for (Finding f : findings) {
        rows.add(new Object[] {f.table(), f.key(), f.check(), f.detail()});
      }
      ParquetRows.writeAll(fs, commit.stage(LakeTables.partFile(folder, runId)), COLUMNS, rows);
      for (String old : fs.parquetFiles(folder)) {
        commit.deleteOnCommit(old);
      }
      commit.commit();
    } catch (IOException | RuntimeException e) {
      commit.abortAfter(e);
      throw e;
    }
    return runId;
  }

  /** Runs the report and writes the mart; returns the findings (the call behind --report). */
  public static List<Finding> runAndWrite(String lake) throws IOException {
    List<Finding> f = run(lake);
    write(lake, f);
    return f;
  }

  /**
   * A text rendering (Chinese + English): one count line per check, then at most 20 findings per
   * check.
   */
  public static String render(List<Finding> findings) {
    Map<String, List<Finding>> byCheck = new TreeMap<>();
    for (Finding f : findings) {
      byCheck.computeIfAbsent(f.check(), x -> new ArrayList<>()).add(f);
    }
    StringBuilder sb = new StringBuilder("数据质量报告 / data-quality report\n");
    for (Check c : Check.values()) {
      int n = byCheck.getOrDefault(c.code(), List.of()).size();
      sb.append(String.format("  %-30s %8d  %s%n", c.code(), n, c.title()));
    }
    for (Check c : Check.values()) {
      List<Finding> list = byCheck.getOrDefault(c.code(), List.of());
      if (list.isEmpty()) {
        continue;
      }
      sb.append('\n').append(c.title()).append(" (").append(c.code()).append(")\n");
      for (Finding f : list.subList(0, Math.min(MAX_LINES_PER_CHECK, list.size()))) {
        sb.append("  ")
            .append(f.table())
            .append(' ')
            .append(f.key())
            .append(": ")
            .append(f.detail())
            .append('\n');
      }
      if (list.size() > MAX_LINES_PER_CHECK) {
        sb.append(
            String.format(
                "  … 另有 %d 条 / %d more%n",
                list.size() - MAX_LINES_PER_CHECK, list.size() - MAX_LINES_PER_CHECK));
      }
    }
    if (findings.isEmpty()) {
      sb.append("未发现问题 / no findings\n");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- checks

  /** A grid of the active layout. */
  private record Grid(String kind, String town, String community) {}

  /** A worker as the checks need it. */
  private record Worker(
      String kind,
      String gridId,
      String town,
      String community,
      LocalDate hiredOn,
      LocalDate leftOn,
      String role) {
    boolean current() {
      return leftOn == null;
    }

    boolean activeIn(YearMonth m) {
      return (hiredOn == null || !hiredOn.isAfter(Periods.lastDay(m)))
          && (leftOn == null || leftOn.isAfter(m.atDay(1)));
    }
  }

  private List<Finding> compute() throws IOException {
    Map<String, Grid> grids = new TreeMap<>();
    Map<String, Geometry> geoms = new HashMap<>();
    readGrids(grids, geoms);
    Map<String, Worker> workers = new TreeMap<>();
    TableDef wt = LakeSchema.WORKERS;
    stream(
        wt,
        r ->
            workers.put(
                (String) r[col(wt, "worker_id")],
                new Worker(
                    (String) r[col(wt, "kind")],
                    (String) r[col(wt, "grid_id")],
                    (String) r[col(wt, "town")],
                    (String) r[col(wt, "community")],
                    (LocalDate) r[col(wt, "hired_on")],
                    (LocalDate) r[col(wt, "left_on")],
                    (String) r[col(wt, "role")])));
    Map<String, List<LocalDate[]>> entsByGrid = enterprisesByGrid(grids, geoms);
    gridsWithoutWorker(grids, workers);
    workerGrids(grids, workers);
    exclusiveAssignments(grids, workers);
    spotChecks(grids, entsByGrid);
    panelScores(workers);
    roleCounts(grids, workers);
    out.sort(
        (a, b) -> {
          int c = Integer.compare(order(a.check()), order(b.check()));
          return c != 0 ? c : a.key().compareTo(b.key());
        });
    return List.copyOf(out);
  }

  private static int order(String code) {
    for (Check c : Check.values()) {
      if (c.code().equals(code)) {
        return c.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }

  private void add(Check c, String table, String key, String detail) {
    out.add(new Finding(table, key, c.code(), detail));
  }

  private void readGrids(Map<String, Grid> grids, Map<String, Geometry> geoms) throws IOException {
    TableDef g = LakeSchema.GRIDS;
    List<Object[]> rows = ParquetRows.readFolder(lake, g.name(), g.columns());
    int lv = col(g, "layout_version");
    int active = 0;
    TableDef lt = LakeSchema.LAYOUTS;
    for (Object[] l : ParquetRows.readFolder(lake, lt.name(), lt.columns())) {
      if ("active".equals(l[col(lt, "status")]) && l[col(lt, "layout_version")] != null) {
        active = Math.max(active, (Integer) l[col(lt, "layout_version")]);
      }
    }
    if (active == 0) {
      for (Object[] r : rows) {
        if (r[lv] != null) {
          active = Math.max(active, (Integer) r[lv]);
        }
      }
    }
    for (Object[] r : rows) {
      if (r[lv] == null || (Integer) r[lv] != active) {
        continue;
      }
      String id = (String) r[col(g, "grid_id")];
      grids.put(
          id,
          new Grid(
              (String) r[col(g, "kind")],
              (String) r[col(g, "town")],
              (String) r[col(g, "community")]));
      geoms.put(id, Geometries.fromWkb((byte[]) r[col(g, "geometry")]));
    }
  }

  /** Locates every enterprise; reports those outside every grid; returns (registered, closed). */
  private Map<String, List<LocalDate[]>> enterprisesByGrid(
      Map<String, Grid> grids, Map<String, Geometry> geoms) throws IOException {
    Map<String, List<LocalDate[]>> byGrid = new HashMap<>();
    if (grids.isEmpty()) {
      return byGrid;
    }
    GridIndex index = GridIndex.of(geoms);
    TableDef e = LakeSchema.ENTERPRISES;
    stream(
        e,
        r -> {
          Double lon = (Double) r[col(e, "lon")];
          Double lat = (Double) r[col(e, "lat")];
          String id = (String) r[col(e, "enterprise_id")];
          String grid = lon == null || lat == null ? null : index.locate(lon, lat);
          if (grid == null) {
            add(
                Check.ENTERPRISE_OUTSIDE_GRIDS,
                e.name(),
                id,
                String.format("(%s, %s) 不在任何网格内 / in no grid of the active layout", lon, lat));
          } else {
            byGrid
                .computeIfAbsent(grid, x -> new ArrayList<>())
                .add(
                    new LocalDate[] {
                      (LocalDate) r[col(e, "registered_on")], (LocalDate) r[col(e, "closed_on")]
                    });
          }
        });
    return byGrid;
  }

  private void gridsWithoutWorker(Map<String, Grid> grids, Map<String, Worker> workers)
      throws IOException {
    Set<String> staffed = new HashSet<>();
    workers.values().stream().filter(Worker::current).forEach(w -> staffed.add(w.gridId()));
    TableDef a = LakeSchema.ASSIGNMENTS;
    stream(
        a,
        r -> {
          Worker w = workers.get((String) r[col(a, "worker_id")]);
          if (r[col(a, "to")] == null && w != null && w.current()) {
            staffed.add((String) r[col(a, "grid_id")]);
          }
        });
    for (Map.Entry<String, Grid> g : grids.entrySet()) {
      if (!staffed.contains(g.getKey())) {
        add(
            Check.GRID_WITHOUT_WORKER,
            "grids",
            g.getKey(),
            g.getValue().kind() + " 网格没有在岗网格员 / no current worker");
      }
    }
  }

  private void exclusiveAssignments(Map<String, Grid> grids, Map<String, Worker> workers)
      throws IOException {
    TableDef a = LakeSchema.ASSIGNMENTS;
    stream(
        a,
        r -> {
          String workerId = (String) r[col(a, "worker_id")];
          Worker w = workers.get(workerId);
          Grid g = grids.get((String) r[col(a, "grid_id")]);
          if (w != null
              && "exclusive".equals(w.kind())
              && g != null
              && !"enterprise".equals(g.kind())) {
            add(
                Check.EXCLUSIVE_NOT_ENTERPRISE_GRID,
                a.name(),
                workerId + "|" + r[col(a, "from")],
                "专属网格员被分配到 "
                    + g.kind()
                    + " 网格 "
                    + r[col(a, "grid_id")]
                    + " / exclusive worker assigned to a "
                    + g.kind()
                    + " grid");
          }
        });
  }

  private void workerGrids(Map<String, Grid> grids, Map<String, Worker> workers) {
    for (Map.Entry<String, Worker> e : workers.entrySet()) {
      Worker w = e.getValue();
      Grid g = grids.get(w.gridId());
      if (g == null) {
        add(
            Check.WORKER_GRID_MISSING,
            "workers",
            e.getKey(),
            "网格 " + w.gridId() + " 不在现行布局中 / grid not in the active layout");
      } else if ("exclusive".equals(w.kind()) && !"enterprise".equals(g.kind())) {
        add(
            Check.EXCLUSIVE_NOT_ENTERPRISE_GRID,
            "workers",
            e.getKey(),
            "专属网格员在 "
                + g.kind()
                + " 网格 "
                + w.gridId()
                + " / exclusive worker on a "
                + g.kind()
                + " grid");
      }
    }
  }

  private void spotChecks(Map<String, Grid> grids, Map<String, List<LocalDate[]>> entsByGrid)
      throws IOException {
    TableDef s = LakeSchema.SPOT_CHECKS;
    Map<String, Map<String, Set<String>>> byMonth = new TreeMap<>();
    stream(
        s,
        r ->
            byMonth
                .computeIfAbsent((String) r[col(s, "month")], x -> new HashMap<>())
                .computeIfAbsent((String) r[col(s, "grid_id")], x -> new HashSet<>())
                .add((String) r[col(s, "enterprise_id")]));
    for (Map.Entry<String, Map<String, Set<String>>> m : byMonth.entrySet()) {
      YearMonth ym;
      try {
        ym = Periods.parseMonth(m.getKey());
      } catch (RuntimeException e) {
        continue;
      }
      Set<String> gridIds = new TreeSet<>(m.getValue().keySet());
      grids.forEach(
          (id, g) -> {
            if ("enterprise".equals(g.kind())) {
              gridIds.add(id);
            }
          });
      for (String gridId : gridIds) {
        int n = m.getValue().getOrDefault(gridId, Set.of()).size();
        long ents =
            entsByGrid.getOrDefault(gridId, List.of()).stream()
                .filter(d -> activeIn(d, ym))
                .count();
        long expected = Math.min(sampleSize, ents);
        if (n != expected) {
          add(
              Check.SPOT_CHECK_SAMPLE_SIZE,
              s.name(),
              gridId + "|" + m.getKey(),
              String.format(
                  "抽查 %d 家，应为 %d 家（min(%d, 企业 %d)）/ %d checked, expected %d",
                  n, expected, sampleSize, ents, n, expected));
        }
      }
    }
  }

  private static boolean activeIn(LocalDate[] regClosed, YearMonth m) {
    return (regClosed[0] == null || !regClosed[0].isAfter(Periods.lastDay(m)))
        && (regClosed[1] == null || regClosed[1].isAfter(m.atDay(1)));
  }

  private void panelScores(Map<String, Worker> workers) throws IOException {
    Set<String> months = new TreeSet<>();
    Set<String> info = new HashSet<>();
    Set<String> assist = new HashSet<>();
    TableDef is = LakeSchema.INFO_SCORES;
    stream(
        is,
        r -> {
          months.add((String) r[col(is, "month")]);
          info.add(r[col(is, "worker_id")] + "|" + r[col(is, "month")]);
        });
    TableDef as = LakeSchema.ASSIST_SCORES;
    stream(
        as,
        r -> {
          months.add((String) r[col(as, "month")]);
          assist.add(r[col(as, "worker_id")] + "|" + r[col(as, "month")]);
        });
    String prefix = "patrols/month=";
    for (String f : lake.folders("patrols")) {
      months.add(f.substring(prefix.length()));
    }
    for (String month : months) {
      YearMonth ym;
      try {
        ym = Periods.parseMonth(month);
      } catch (RuntimeException e) {
        continue;
      }
      for (Map.Entry<String, Worker> e : workers.entrySet()) {
        Worker w = e.getValue();
        if (!"exclusive".equals(w.kind()) || !w.activeIn(ym)) {
          continue;
        }
        String key = e.getKey() + "|" + month;
        if (!info.contains(key)) {
          add(Check.MISSING_INFO_SCORE, is.name(), key, "无信息报送评分 / no info score");
        }
        if (!assist.contains(key)) {
          add(Check.MISSING_ASSIST_SCORE, as.name(), key, "无协助工作评分 / no assist score");
        }
      }
    }
  }

  private void roleCounts(Map<String, Grid> grids, Map<String, Worker> workers) {
    Map<String, Integer> heads = new TreeMap<>();
    Map<String, Integer> managers = new TreeMap<>();
    for (Grid g : grids.values()) {
      // sub-centres are per town (第十一条(二)); the park's enterprise grids belong to no town
      if (g.town() != null && !"enterprise".equals(g.kind())) {
        heads.putIfAbsent(g.town(), 0);
      }
      if (g.town() != null && g.community() != null && !"enterprise".equals(g.kind())) {
        managers.putIfAbsent(g.town() + "/" + g.community(), 0);
      }
    }
    for (Worker w : workers.values()) {
      if (!w.current()) {
        continue;
      }
      if ("subcenter_head".equals(w.role()) && w.town() != null) {
        heads.merge(w.town(), 1, Integer::sum);
      }
      if ("station_manager".equals(w.role()) && w.community() != null) {
        managers.merge(w.town() + "/" + w.community(), 1, Integer::sum);
      }
    }
    heads.forEach(
        (town, n) -> {
          if (n != 1) {
            add(
                Check.TOWN_SUBCENTER_HEADS,
                "workers",
                town,
                "分中心负责人 " + n + " 人，应为 1 人 / " + n + " subcenter heads, expected 1");
          }
        });
    managers.forEach(
        (c, n) -> {
          if (n != 1) {
            add(
                Check.COMMUNITY_STATION_MANAGERS,
                "workers",
                c,
                "管理站管理员 " + n + " 人，应为 1 人 / " + n + " station managers, expected 1");
          }
        });
  }

  // ---------------------------------------------------------------- reading

  private void stream(TableDef t, Consumer<Object[]> sink) throws IOException {
    for (String f : lake.parquetFiles(t.name())) {
      ParquetRows.read(lake, f, t.columns(), sink);
    }
  }

  private static int col(TableDef t, String name) {
    int i = t.columnNames().indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(t.name() + " has no column " + name);
    }
    return i;
  }

  /** Per-check counts of findings, in check order (for summaries). */
  public static Map<Check, Integer> counts(List<Finding> findings) {
    Map<Check, Integer> m = new EnumMap<>(Check.class);
    for (Check c : Check.values()) {
      m.put(c, 0);
    }
    for (Finding f : findings) {
      for (Check c : Check.values()) {
        if (c.code().equals(f.check())) {
          m.merge(c, 1, Integer::sum);
        }
      }
    }
    return m;
  }
}
