package io.gridwatch.ingest;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import io.gridwatch.ingest.merge.Keys;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * What validation looks up during a run: key sets of referenced tables (grids of the active layout,
 * workers, enterprises, ...) and the grids' extent. Tables merged in this run replace what the lake
 * holds; other tables are loaded lazily from the lake.
 */
final class ReferenceData {
  private final LakeFs lake;
  private final double marginM;
  private final Map<String, Set<String>> keyCache = new HashMap<>();
  private Envelope extent;
  private boolean extentKnown;

  ReferenceData(LakeFs lake, double marginM) {
    this.lake = lake;
    this.marginM = marginM;
  }

  /** Pseudo-table of the ids of exclusive workers (panel scores may only name them). */
  static final String EXCLUSIVE_WORKERS = "workers:exclusive";

  /** Records the merged rows of a table as its key set for later tables. */
  synchronized void putKeys(TableDef t, List<Object[]> rows) {
    keyCache.put(t.name(), keySet(t, rows));
    if (t.name().equals(LakeSchema.WORKERS.name())) {
      keyCache.put(EXCLUSIVE_WORKERS, exclusive(rows));
    }
  }

  private static Set<String> exclusive(List<Object[]> workerRows) {
    int id = LakeSchema.WORKERS.columnNames().indexOf("worker_id");
    int kind = LakeSchema.WORKERS.columnNames().indexOf("kind");
    Set<String> out = new HashSet<>();
    for (Object[] r : workerRows) {
      if ("exclusive".equals(r[kind]) && r[id] != null) {
        out.add(r[id].toString());
      }
    }
    return out;
  }

  /** Records the grids of the active layout after this run (keys and extent). */
  void putGrids(List<Object[]> activeGrids) {
    TableDef g = LakeSchema.GRIDS;
    putKeys(g, activeGrids);
    extent = envelope(activeGrids, g.columnNames().indexOf("geometry"));
    extentKnown = true;
  }

  /** The active layout version: newest active {@code layouts} row, else newest in grids, else 0. */
  static int activeLayout(LakeFs lake, List<Object[]> storedGrids, int lv) throws IOException {
    TableDef lt = LakeSchema.LAYOUTS;
    int active = 0;
    for (Object[] l : ParquetRows.readFolder(lake, lt.name(), lt.columns())) {
      if ("active".equals(l[2]) && l[0] != null) {
        active = Math.max(active, (Integer) l[0]);
      }
    }
    if (active == 0) {
      for (Object[] g : storedGrids) {
        if (g[lv] != null) {
          active = Math.max(active, (Integer) g[lv]);
        }
      }
    }
    return active;
  }

  /** The key set of a referenced table: this run's merged rows, else the lake's. */
  synchronized Set<String> keys(String table) {
    Set<String> k = keyCache.get(table);
    if (k != null) {
      return k;
    }
    if (table.equals(EXCLUSIVE_WORKERS)) {
      keys(LakeSchema.WORKERS.name());
      return keyCache.get(EXCLUSIVE_WORKERS);
    }
    TableDef t = LakeSchema.table(table).orElseThrow();
    try {
      List<Object[]> rows = ParquetRows.readFolder(lake, t.name(), t.columns());
      if (table.equals("grids")) {
        int lv = t.columnNames().indexOf("layout_version");
        int active = activeLayout(lake, rows, lv);
        rows = rows.stream().filter(r -> r[lv] != null && (Integer) r[lv] == active).toList();
      }
      k = keySet(t, rows);
      if (table.equals(LakeSchema.WORKERS.name())) {
        keyCache.put(EXCLUSIVE_WORKERS, exclusive(rows));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    keyCache.put(table, k);
    return k;
  }

  private static Set<String> keySet(TableDef t, List<Object[]> rows) {
    int[] ki = Keys.keyIndexes(t);
    Set<String> out = new HashSet<>();
    for (Object[] r : rows) {
      out.add(Keys.key(r, ki));
    }
    return out;
  }

  /** The grids' WGS84 envelope widened by the margin, or null when there are no grids. */
  Envelope extent() throws IOException {
    if (!extentKnown) {
      TableDef g = LakeSchema.GRIDS;
      List<Object[]> rows = ParquetRows.readFolder(lake, g.name(), g.columns());
      int lv = g.columnNames().indexOf("layout_version");
      int active = activeLayout(lake, rows, lv);
      rows = rows.stream().filter(r -> r[lv] != null && (Integer) r[lv] == active).toList();
      extent = envelope(rows, g.columnNames().indexOf("geometry"));
      extentKnown = true;
    }
    if (extent == null) {
      return null;
    }
    double m = marginM;
    double dLat = m / 111_320.0;
    double maxLat =
        Math.min(89, Math.max(Math.abs(extent.getMinY()), Math.abs(extent.getMaxY())) + dLat);
    double dLon = m / (111_320.0 * Math.cos(Math.toRadians(maxLat)));
    Envelope e = new Envelope(extent);
    e.expandBy(dLon, dLat);
    return e;
  }

  private static Envelope envelope(List<Object[]> grids, int geomIdx) {
    Envelope e = new Envelope();
    for (Object[] r : grids) {
      if (r[geomIdx] != null) {
        e.expandToInclude(Geometries.fromWkb((byte[]) r[geomIdx]).getEnvelopeInternal());
      }
    }
    return e.isNull() ? null : e;
  }
}
