package io.gridwatch.ingest.validate;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.core.time.Periods;
import io.gridwatch.ingest.reader.SourceRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns a {@link SourceRow} into a lake row ({@code Object[]} in {@link TableDef#columns()} order)
 * and lists every contract violation: types, required values, enums, coordinates (converted to
 * WGS84 and checked against the extent), table rules and foreign keys.
 */
public final class RowParser {
  private final TableDef table;
  private final RowContext ctx;
  private final List<Column> columns;
  private final int lon;
  private final int lat;

  /** A parser for one table in one context. */
  public RowParser(TableDef table, RowContext ctx) {
    this.table = table;
    this.ctx = ctx;
    this.columns = table.columns();
    this.lon = index("lon");
    this.lat = index("lat");
  }

  /**
   * A parsed row and its problems.
   *
   * @param row lake values in column order (meaningful only when {@code problems} is empty)
   * @param problems contract violations, empty for a good row
   */
  public record Parsed(Object[] row, List<Problem> problems) {
    /** True when the row has no problem. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Parses and validates one source row. */
  public Parsed parse(SourceRow src) {
    Object[] row = new Object[columns.size()];
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (isDerived(c)) {
        continue;
      }
      Object cell = src.values().get(c.name());
      boolean blank = cell == null || cell.toString().isBlank();
      if (blank) {
        if (c.required()) {
          problems.add(new Problem(c.name(), "missing required value", "缺少必填值"));
        }
        continue;
      }
      try {
        row[i] =
            c.type() == ColumnType.GEOMETRY
                ? geometry(cell.toString())
                : ValueParser.parse(c, cell);
      } catch (BadValueException e) {
        problems.add(new Problem(c.name(), e.getMessage(), e.reasonZh()));
      }
    }
    if (problems.isEmpty()) {
      coordinates(row, problems);
      TableRules.check(table, row, problems);
      foreignKeys(row, problems);
    }
    return new Parsed(row, problems);
  }

  private boolean isDerived(Column c) {
    return c.name().equals(table.partitionColumn())
        || (table.name().equals("grids") && c.name().equals("layout_version"));
  }

  private byte[] geometry(String json) throws BadValueException {
    Geometry g;
    try {
      g = Geometries.readGeoJsonGeometry(json);
    } catch (IllegalArgumentException e) {
      throw new BadValueException(
          "invalid GeoJSON geometry: " + e.getMessage(), "GeoJSON 几何无效：" + e.getMessage());
    }
    if (g.isEmpty() || !(g instanceof Polygon || g instanceof MultiPolygon)) {
      throw new BadValueException(
          "geometry must be a non-empty Polygon or MultiPolygon, got " + g.getGeometryType(),
          "几何必须是非空的 Polygon 或 MultiPolygon，实际为 " + g.getGeometryType());
    }
    Geometry w = Geometries.toWgs84(g, ctx.crs());
    if (w instanceof Polygon p) {
      w = Geometries.FACTORY.createMultiPolygon(new Polygon[] {p});
    }
    return Geometries.toWkb(w);
  }

  private void coordinates(Object[] row, List<Problem> problems) {
    if (lon < 0 || lat < 0) {
      return;
    }
    if (row[lon] == null && row[lat] == null) {
      return;
    }
    if (row[lon] == null || row[lat] == null) {
      problems.add(new Problem("lon,lat", "lon and lat must be given together", "经度和纬度必须同时填写"));
      return;
    }
    double x = (Double) row[lon];
    double y = (Double) row[lat];
    if (x < -180 || x > 180 || y < -90 || y > 90) {
      problems.add(
          new Problem(
              "lon,lat", "not a lon/lat pair: " + x + ", " + y, "经纬度超出取值范围：" + x + ", " + y));
      return;
    }
    double[] w = ctx.crs().toWgs84(x, y);
    row[lon] = w[0];
    row[lat] = w[1];
    if (ctx.extent() != null && !ctx.extent().contains(w[0], w[1])) {
      long m = Math.round(ctx.marginM());
      problems.add(
          new Problem(
              "lon,lat",
              "coordinate outside the grids' extent plus " + m + " m: " + x + ", " + y,
              "坐标超出网格范围（含 " + m + " 米缓冲）：" + x + ", " + y));
    }
  }

  private void foreignKeys(Object[] row, List<Problem> problems) {
    for (ForeignKeys.Ref ref : ForeignKeys.of(table.name())) {
      int i = index(ref.column());
      if (i < 0 || row[i] == null) {
        continue;
      }
      Set<String> keys = ctx.keys().apply(ref.table());
      List<String> values =
          ref.list() ? List.of(row[i].toString().split("[;；]")) : List.of(row[i].toString());
      for (String v : values) {
        String id = v.strip();
        if (!id.isEmpty() && !keys.contains(id)) {
          problems.add(
              new Problem(
                  ref.column(),
                  "unknown " + ref.column() + " '" + id + "' (not in " + ref.table() + ")",
                  "“" + id + "”在 " + ref.table() + " 中不存在"));
        }
      }
    }
    exclusiveWorker(row, problems);
  }

  /** Panel scores (第十八条) are given to exclusive workers only. */
  private void exclusiveWorker(Object[] row, List<Problem> problems) {
    if (!table.name().equals("info_scores") && !table.name().equals("assist_scores")) {
      return;
    }
    int i = index("worker_id");
    Object id = i < 0 ? null : row[i];
    if (id != null
        && ctx.keys().apply("workers").contains(id.toString())
        && !ctx.keys().apply("workers:exclusive").contains(id.toString())) {
      problems.add(
          new Problem(
              "worker_id",
              "worker_id '" + id + "' is not an exclusive worker (panel scores are for 专属网格员)",
              "“" + id + "”不是专属网格员，面板评分只适用于专属网格员"));
    }
  }

  private int index(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Table-specific rules of data-contract.md §1–2, applied after the type checks. */
  static final class TableRules {
    private TableRules() {}

    static void check(TableDef t, Object[] row, List<Problem> problems) {
      switch (t.name()) {
        case "grids" -> {
          Object kind = get(t, row, "kind");
          if (("community".equals(kind) || "village".equals(kind))
              && get(t, row, "community") == null) {
            problems.add(
                new Problem(
                    "community",
                    "community is required for community and village grids",
                    "社区网格和村网格必须填写社区"));
          }
        }
        case "workers" -> {
          LocalDate hired = (LocalDate) get(t, row, "hired_on");
          LocalDate left = (LocalDate) get(t, row, "left_on");
          if (hired != null && left != null && left.isBefore(hired)) {
            problems.add(new Problem("left_on", "left_on is before hired_on", "离职日期早于入职日期"));
          }
        }
        case "enterprises" -> {
          LocalDate registered = (LocalDate) get(t, row, "registered_on");
          LocalDate closed = (LocalDate) get(t, row, "closed_on");
          if (registered != null && closed != null && closed.isBefore(registered)) {
            problems.add(
                new Problem("closed_on", "closed_on is before registered_on", "注销日期早于登记日期"));
          }
        }
        case "assignments" -> {
          LocalDate from = (LocalDate) get(t, row, "from");
          LocalDate to = (LocalDate) get(t, row, "to");
          if (from != null && to != null && !to.isAfter(from)) {
            problems.add(new Problem("to", "to must be after from", "截止日期必须晚于起始日期"));
          }
        }
        case "patrols" -> {
          Instant at = (Instant) get(t, row, "visited_at");
          row[t.columnNames().indexOf("month")] = Periods.format(Periods.monthOf(at));
          nonNegative(t, row, "photos", problems);
        }
        case "spot_checks" -> {
          YearMonth m = month(t, row, "month", problems);
          LocalDate on = (LocalDate) get(t, row, "checked_on");
          if (m != null && on != null && !YearMonth.from(on).equals(m)) {
            problems.add(
                new Problem(
                    "checked_on", "checked_on is outside month " + m, "抽查日期不在所属月份 " + m + " 内"));
          }
        }
        case "incidents" -> {
          if (get(t, row, "grid_id") == null && get(t, row, "lon") == null) {
            problems.add(
                new Problem("grid_id,lon,lat", "grid_id or lon/lat is required", "网格编号或经纬度至少填写一项"));
          }
          Instant notified = (Instant) get(t, row, "notified_at");
          Instant arrived = (Instant) get(t, row, "arrived_at");
          if (notified != null && arrived != null && arrived.isBefore(notified)) {
            problems.add(
                new Problem("arrived_at", "arrived_at is before notified_at", "到场时间早于接报时间"));
          }
        }
        case "info_scores" -> {
          month(t, row, "month", problems);
          score(t, row, 30, true, problems);
        }
        case "assist_scores" -> {
          month(t, row, "month", problems);
          score(t, row, 20, true, problems);
          nonNegative(t, row, "task_count", problems);
        }
        case "info_uploads" -> {
          nonNegative(t, row, "items", problems);
          nonNegative(t, row, "photos", problems);
        }
        case "town_scores" -> {
          Object p = get(t, row, "period");
          if (p != null && !p.toString().matches("\\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?")) {
            problems.add(
                new Problem(
                    "period",
                    "not a period (YYYY-MM, YYYYQn or YYYY): '" + p + "'",
                    "考核期无效（应为 YYYY-MM、YYYYQn 或 YYYY）：“" + p + "”"));
          }
          score(t, row, 100, false, problems);
        }
        default -> {}
      }
    }

    private static Object get(TableDef t, Object[] row, String col) {
      int i = t.columnNames().indexOf(col);
      return i < 0 ? null : row[i];
    }

    private static YearMonth month(TableDef t, Object[] row, String col, List<Problem> problems) {
      Object v = get(t, row, col);
      if (v == null) {
        return null;
      }
      try {
        return Periods.parseMonth(v.toString());
      } catch (IllegalArgumentException e) {
        problems.add(
            new Problem(col, "not a month (YYYY-MM): '" + v + "'", "月份无效（应为 YYYY-MM）：“" + v + "”"));
        return null;
      }
    }

    private static void score(
        TableDef t, Object[] row, double max, boolean oneDecimal, List<Problem> problems) {
      Double s = (Double) get(t, row, "score");
      if (s == null) {
        return;
      }
      if (s < 0 || s > max) {
        problems.add(
            new Problem(
                "score",
                "score " + s + " outside 0–" + (int) max,
                "得分 " + s + " 超出 0–" + (int) max + " 范围"));
      } else if (oneDecimal && Math.abs(s * 10 - Math.rint(s * 10)) > 1e-9) {
        problems.add(
            new Problem(
                "score", "score " + s + " has more than 1 decimal", "得分 " + s + " 超过 1 位小数"));
      }
    }

    private static void nonNegative(TableDef t, Object[] row, String col, List<Problem> problems) {
      Object v = get(t, row, col);
      if (v instanceof Integer n && n < 0) {
        problems.add(new Problem(col, col + " must not be negative", "不能为负数"));
      }
    }
  }
}
