package io.gridwatch.dist.layout;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.layout.Holders;
import io.gridwatch.core.layout.LayoutDiff;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.layout.LayoutVersions;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The lake's small tables a planner's command needs — grids, layouts, enterprises, workers,
 * assignments and the {@code grid_month} mart — read with parquet-hadoop ({@link ParquetRows}), no
 * Spark: they are dimension-sized. Patrols are never read.
 */
public final class LakeLayout {
  private final LakeFs fs;

  private LakeLayout(LakeFs fs) {
    this.fs = fs;
  }

  /** Opens the lake at a path or Hadoop URI (it need not exist). */
  public static LakeLayout open(String lake) throws IOException {
    return new LakeLayout(LakeFs.open(lake));
  }

  /**
   * The layout in force on a day.
   *
   * @param version its layout_version
   * @param grids its grids
   */
  public record Active(int version, List<LayoutGrid> grids) {}

  /**
   * The layout in force on {@code day} ({@link LayoutVersions}), or null when the lake has none.
   */
  public Active active(LocalDate day) throws IOException {
    List<Object[]> rows =
        read(
            "grids",
            col("grid_id", ColumnType.STRING),
            col("name", ColumnType.STRING),
            col("kind", ColumnType.STRING),
            col("town", ColumnType.STRING),
            col("community", ColumnType.STRING),
            col("layout_version", ColumnType.INT),
            col("geometry", ColumnType.GEOMETRY));
    TreeSet<Integer> versions = new TreeSet<>();
    for (Object[] r : rows) {
      versions.add(version(r[5]));
    }
    List<LayoutVersions.Version> layouts = new ArrayList<>();
    for (Object[] r :
        read(
            LakeSchema.LAYOUTS.name(),
            col("layout_version", ColumnType.INT),
            col("status", ColumnType.STRING),
            col("effective_from", ColumnType.DATE))) {
      if (r[0] != null) {
        layouts.add(new LayoutVersions.Version((Integer) r[0], (String) r[1], (LocalDate) r[2]));
      }
    }
    Integer v = LayoutVersions.inForce(day, layouts, new ArrayList<>(versions));
    if (v == null) {
      return null;
    }
    List<LayoutGrid> grids = new ArrayList<>();
    int i = 0;
    for (Object[] r : rows) {
      if (version(r[5]) == v && r[6] != null) {
        grids.add(
            new LayoutGrid(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                Geometries.fromWkb((byte[]) r[6]),
                i++));
      }
    }
    return new Active(v, grids);
  }

  /** Every worker row (for {@link Holders}). */
  public List<Holders.Worker> workers() throws IOException {
    List<Holders.Worker> out = new ArrayList<>();
    for (Object[] r :
        read(
            "workers",
            col("worker_id", ColumnType.STRING),
            col("grid_id", ColumnType.STRING),
            col("hired_on", ColumnType.DATE),
            col("left_on", ColumnType.DATE))) {
      out.add(new Holders.Worker((String) r[0], (String) r[1], (LocalDate) r[2], (LocalDate) r[3]));
    }
    return out;
  }

  /** Every assignment row (for {@link Holders}). */
  public List<Holders.Assignment> assignments() throws IOException {
    List<Holders.Assignment> out = new ArrayList<>();
    for (Object[] r :
        read(
            "assignments",
            col("worker_id", ColumnType.STRING),
            col("grid_id", ColumnType.STRING),
            col("from", ColumnType.DATE),
            col("to", ColumnType.DATE))) {
      out.add(
          new Holders.Assignment((String) r[0], (String) r[1], (LocalDate) r[2], (LocalDate) r[3]));
    }
    return out;
  }

  /** Enterprises in force on {@code day}: registered on or before it, not closed by then. */
  public List<LayoutDiff.Enterprise> enterprises(LocalDate day) throws IOException {
    List<LayoutDiff.Enterprise> out = new ArrayList<>();
    for (Object[] r :
        read(
            "enterprises",
            col("enterprise_id", ColumnType.STRING),
            col("name", ColumnType.STRING),
            col("lon", ColumnType.DOUBLE),
            col("lat", ColumnType.DOUBLE),
            col("registered_on", ColumnType.DATE),
            col("closed_on", ColumnType.DATE))) {
      LocalDate reg = (LocalDate) r[4];
      LocalDate closed = (LocalDate) r[5];
      if (r[0] == null
          || r[2] == null
          || r[3] == null
          || (reg != null && reg.isAfter(day))
          || (closed != null && !closed.isAfter(day))) {
        continue;
      }
      out.add(
          new LayoutDiff.Enterprise((String) r[0], (String) r[1], (Double) r[2], (Double) r[3]));
    }
    return out;
  }

  /** The {@code grid_month} mart rows (empty when the lake was never analysed). */
  public List<LayoutDiff.GridMonth> gridMonth() throws IOException {
    List<LayoutDiff.GridMonth> out = new ArrayList<>();
    for (Object[] r :
        read(
            "marts/grid_month",
            col("grid_id", ColumnType.STRING),
            col("month", ColumnType.STRING),
            col("patrols", ColumnType.INT),
            col("visited", ColumnType.INT),
            col("enterprises", ColumnType.INT))) {
      if (r[0] != null && r[1] != null) {
        out.add(new LayoutDiff.GridMonth((String) r[0], (String) r[1], n(r[2]), n(r[3]), n(r[4])));
      }
    }
    return out;
  }

  private List<Object[]> read(String folder, Column... columns) throws IOException {
    return ParquetRows.readFolder(fs, folder, List.of(columns));
  }

  private static Column col(String name, ColumnType type) {
    return Column.of(name, type, false);
  }

  private static int version(Object v) {
    return v == null ? 1 : (Integer) v;
  }

  private static long n(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }
}
