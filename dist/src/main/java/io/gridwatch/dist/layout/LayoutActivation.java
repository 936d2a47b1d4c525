package io.gridwatch.dist.layout;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.ingest.lake.LakeCommit;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.LakeTables;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code gridwatch layout activate}, lake side: a checked draft becomes layout version N+1, in
 * force from its effective date (the 1st of a month after every month already computed, so no
 * published month changes); the layout that was active is retired (it stays in force for the months
 * before). Grids of every version stay in {@code grids}; {@code layouts} records the versions. Both
 * tables are replaced in one staged commit ({@link LakeCommit}): a crash leaves the lake as before
 * or as after. Worker assignments carry over by grid id.
 */
public final class LayoutActivation {
  private LayoutActivation() {}

  /**
   * What an activation did.
   *
   * @param version the new layout_version
   * @param effectiveFrom first day in force
   * @param grids grids of the new layout
   * @param retired the version retired (0 when none was active)
   * @param needWorker grid ids of the new layout that nobody holds on the effective date
   */
  public record Result(
      int version, LocalDate effectiveFrom, int grids, int retired, List<String> needWorker) {}

  /**
   * The earliest effective date allowed for {@code lake}: the 1st of the month after the last month
   * in the {@code grid_month} mart, or null when nothing was computed yet.
   */
  public static LocalDate earliestEffective(LakeFs fs) throws IOException {
    String last = null;
    for (Object[] r :
        ParquetRows.readFolder(
            fs,
            "marts/grid_month",
            List.of(
                io.gridwatch.core.lake.Column.of(
                    "month", io.gridwatch.core.lake.ColumnType.STRING, false)))) {
      String m = (String) r[0];
      if (m != null && (last == null || m.compareTo(last) > 0)) {
        last = m;
      }
    }
    return last == null ? null : YearMonth.parse(last).plusMonths(1).atDay(1);
  }

  /**
   * Writes {@code draft} as the new active layout of {@code lake} from {@code effective} under
   * {@code name}; {@code held} are the grid ids some worker holds on that day. Throws
   * IllegalArgumentException for a date that is not allowed and IllegalStateException when the lake
   * has no layout yet.
   */
  public static Result activate(
      String lake, List<LayoutGrid> draft, LocalDate effective, String name, Set<String> held)
      throws IOException {
    if (effective.getDayOfMonth() != 1) {
      throw new IllegalArgumentException(
          "生效日期必须是某月1日 / the effective date must be the 1st of a month: " + effective);
    }
    LakeFs fs = LakeFs.open(lake);
    LakeCommit.recover(fs);
    TableDef lt = LakeSchema.LAYOUTS;
    TableDef gt = LakeSchema.GRIDS;
    List<String> layoutFiles = fs.parquetFiles(lt.name());
    List<Object[]> layouts = ParquetRows.readFolder(fs, lt.name(), lt.columns());
    if (layouts.isEmpty()) {
      throw new IllegalStateException(
          "数据湖中还没有网格布局，请先导入 grids.geojson / the lake has no layout yet: ingest a"
              + " grids.geojson first");
    }
    LocalDate earliest = earliestEffective(fs);
    int top = 0;
    LocalDate lastEffective = null;
    for (Object[] l : layouts) {
      top = Math.max(top, (Integer) l[0]);
      LocalDate from = (LocalDate) l[3];
      if (!"draft".equals(l[2]) && (lastEffective == null || from.isAfter(lastEffective))) {
        lastEffective = from;
      }
    }
    if (earliest != null && effective.isBefore(earliest)) {
      throw new IllegalArgumentException(
          "已计算到 "
              + earliest.minusMonths(1).toString().substring(0, 7)
              + "，生效日期不得早于 "
              + earliest
              + " / months up to "
              + earliest.minusMonths(1).toString().substring(0, 7)
              + " are already computed: the effective date must be "
              + earliest
              + " or later");
    }
    if (lastEffective != null && !effective.isAfter(lastEffective)) {
      throw new IllegalArgumentException(
          "生效日期须晚于现行布局的生效日期 "
              + lastEffective
              + " / the effective date must be after "
              + lastEffective);
    }
    int version = top + 1;
    int retired = 0;
    List<Object[]> newLayouts = new ArrayList<>();
    for (Object[] l : layouts) {
      Object[] copy = l.clone();
      if ("active".equals(copy[2])) {
        copy[2] = "retired";
        retired = (Integer) copy[0];
      }
      newLayouts.add(copy);
    }
    newLayouts.add(new Object[] {version, name, "active", effective, Instant.now()});

    List<String> gridFiles = fs.parquetFiles(gt.name());
    List<Object[]> grids = new ArrayList<>(ParquetRows.readFolder(fs, gt.name(), gt.columns()));
    List<String> names = gt.columnNames();
    Set<String> needWorker = new TreeSet<>();
    for (LayoutGrid g : draft) {
      Object[] row = new Object[names.size()];
      row[names.indexOf("grid_id")] = g.gridId();
      row[names.indexOf("name")] = g.name();
      row[names.indexOf("kind")] = g.kind();
      row[names.indexOf("town")] = g.town();
      row[names.indexOf("community")] = g.community();
      row[names.indexOf("layout_version")] = version;
      row[names.indexOf("geometry")] = Geometries.toWkb(g.geometry());
      grids.add(row);
      if (held != null && !held.contains(g.gridId())) {
        needWorker.add(g.gridId());
      }
    }

    String runId = LakeCommit.newRunId(Instant.now());
    LakeCommit commit = new LakeCommit(fs, runId);
    try {
      ParquetRows.writeAll(
          fs, commit.stage(LakeTables.partFile(gt.name(), runId)), gt.columns(), grids);
      gridFiles.forEach(commit::deleteOnCommit);
      ParquetRows.writeAll(
          fs, commit.stage(LakeTables.partFile(lt.name(), runId)), lt.columns(), newLayouts);
      layoutFiles.forEach(commit::deleteOnCommit);
      commit.commit();
    } catch (IOException | RuntimeException e) {
      commit.abortAfter(e);
      throw e;
    }
    return new Result(version, effective, draft.size(), retired, List.copyOf(needWorker));
  }
}
