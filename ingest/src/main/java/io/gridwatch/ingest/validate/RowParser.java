package io.gridwatch.ingest.validate;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.core.time.Periods;
import io.gridwatch.ingest.reader.ColumnValues;
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
  private final List<String> names;
  private final boolean[] derived;
  private final int lon;
  private final int lat;
  private final List<ForeignKeys.Ref> refs;
  private final int[] refIndex;
  private final Set<?>[] refKeys;

  /** A parser for one table in one context. */
  public RowParser(TableDef table, RowContext ctx) {
    this.table = table;
    this.ctx = ctx;
    this.columns = table.columns();
    this.names = table.columnNames();
    this.derived = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      derived[i] = isDerived(columns.get(i));
    }
    this.lon = index("lon");
    this.lat = index("lat");
    this.refs = ForeignKeys.of(table.name());
    this.refIndex = new int[refs.size()];
    this.refKeys = new Set<?>[refs.size()];
    for (int r = 0; r < refs.size(); r++) {
      refIndex[r] = index(refs.get(r).column());
    }
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
    List<Problem> problems = new ArrayList<>(2);
    ColumnValues byIndex = src.values() instanceof ColumnValues v ? v : null;
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (derived[i]) {
        continue;
      }
      Object cell = byIndex != null ? byIndex.at(i) : src.values().get(c.name());
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
      TableRules.check(table, names, row, problems);
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
    for (int r = 0; r < refs.size(); r++) {
      ForeignKeys.Ref ref = refs.get(r);
      int i = refIndex[r];
      if (i < 0 || row[i] == null) {
        continue;
      }
      if (refKeys[r] == null) {
        refKeys[r] = ctx.keys().apply(ref.table());
      }
      Set<?> keys = refKeys[r];
      String[] values =
          ref.list() ? row[i].toString().split("[;；]") : new String[] {row[i].toString()};
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
      check(t, t.columnNames(), row, problems);
    }

    /** {@link #check(TableDef, Object[], List)} with the table's column names given. */
    static void check(TableDef t, List<String> names, Object[] row, List<Problem> problems) {
      switch (t.name()) {
        case "grids" -> {
          Object kind = get(names, row, "kind");
          if (("community".equals(kind) || "village".equals(kind))
              && get(names, row, "community") == null) {
            problems.add(
                new Problem(
                    "community",
                    "community is required for community and village grids",
                    "社区网格和村网格必须填写社区"));
          }
        }
        case "workers" -> {
          LocalDate hired = (LocalDate) get(names, row, "hired_on");
          LocalDate left = (LocalDate) get(names, row, "left_on");
          if (hired != null && left != null && left.isBefore(hired)) {
            problems.add(new Problem("left_on", "left_on is before hired_on", "离职日期早于入职日期"));
          }
        }
        case "enterprises" -> {
          LocalDate registered = (LocalDate) get(names, row, "registered_on");
          LocalDate closed = (LocalDate) get(names, row, "closed_on");
          if (registered != null && closed != null && closed.isBefore(registered)) {
            problems.add(
                new Problem("closed_on", "closed_on is before registered_on", "注销日期早于登记日期"));
          }
        }
        case "assignments" -> {
          LocalDate from = (LocalDate) get(names, row, "from");
          LocalDate to = (LocalDate) get(names, row, "to");
          if (from != null && to != null && !to.isAfter(from)) {
            problems.add(new Problem("to", "to must be after from", "截止日期必须晚于起始日期"));
          }
        }
        case "patrols" -> {
          Instant at = (Instant) get(names, row, "visited_at");
          row[names.indexOf("month")] = monthText(at);
          nonNegative(names, row, "photos", problems);
        }
        case "spot_checks" -> {
          YearMonth m = month(names, row, "month", problems);
          LocalDate on = (LocalDate) get(names, row, "checked_on");
          if (m != null && on != null && !YearMonth.from(on).equals(m)) {
            problems.add(
                new Problem(
                    "checked_on", "checked_on is outside month " + m, "抽查日期不在所属月份 " + m + " 内"));
          }
        }
        case "incidents" -> {
          if (get(names, row, "grid_id") == null && get(names, row, "lon") == null) {
            problems.add(
                new Problem("grid_id,lon,lat", "grid_id or lon/lat is required", "网格编号或经纬度至少填写一项"));
          }
          Instant notified = (Instant) get(names, row, "notified_at");
          Instant arrived = (Instant) get(names, row, "arrived_at");
          if (notified != null && arrived != null && arrived.isBefore(notified)) {
            problems.add(
                new Problem("arrived_at", "arrived_at is before notified_at", "到场时间早于接报时间"));
          }
        }
        case "info_scores" -> {
          month(names, row, "month", problems);
          score(names, row, 30, true, problems);
        }
        case "assist_scores" -> {
          month(names, row, "month", problems);
          score(names, row, 20, true, problems);
          nonNegative(names, row, "task_count", problems);
        }
        case "info_uploads" -> {
          nonNegative(names, row, "items", problems);
          nonNegative(names, row, "photos", problems);
        }
        case "town_scores" -> {
          Object p = get(names, row, "period");
          if (p != null && !p.toString().matches("\\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?")) {
            problems.add(
                new Problem(
                    "period",
                    "not a period (YYYY-MM, YYYYQn or YYYY): '" + p + "'",
                    "考核期无效（应为 YYYY-MM、YYYYQn 或 YYYY）：“" + p + "”"));
          }
          score(names, row, 100, false, problems);
        }
        default -> {}
      }
    }

    /** The {@code YYYY-MM} Asia/Shanghai month of an instant (cached per JVM for 4-digit years). */
    private static String monthText(Instant at) {
      YearMonth m = Periods.monthOf(at);
      int y = m.getYear();
      if (y < 1000 || y > 9999) {
        return Periods.format(m);
      }
      int k = (y - 1000) * 12 + m.getMonthValue() - 1;
      String s = MONTHS[k];
      if (s == null) {
        s = Periods.format(m);
        MONTHS[k] = s;
      }
      return s;
    }

    private static final String[] MONTHS = new String[9000 * 12];

    /**
     * {@code YYYY-MM} with a year 1000–9999 and a month 01–12, else null (the slow path decides).
     */
    private static YearMonth plainMonth(String s) {
      if (s.length() != 7 || s.charAt(4) != '-') {
        return null;
      }
      int y = 0;
      for (int i = 0; i < 4; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        y = y * 10 + (c - '0');
      }
      char m1 = s.charAt(5);
      char m2 = s.charAt(6);
      if (m1 < '0' || m1 > '1' || m2 < '0' || m2 > '9') {
        return null;
      }
      int m = (m1 - '0') * 10 + (m2 - '0');
      return y >= 1000 && m >= 1 && m <= 12 ? YearMonth.of(y, m) : null;
    }

    private static Object get(List<String> names, Object[] row, String col) {
      int i = names.indexOf(col);
      return i < 0 ? null : row[i];
    }

    private static YearMonth month(
        List<String> names, Object[] row, String col, List<Problem> problems) {
      Object v = get(names, row, col);
      if (v == null) {
        return null;
      }
      try {
        YearMonth fast = plainMonth(v.toString());
        return fast != null ? fast : Periods.parseMonth(v.toString());
      } catch (IllegalArgumentException e) {
        problems.add(
            new Problem(col, "not a month (YYYY-MM): '" + v + "'", "月份无效（应为 YYYY-MM）：“" + v + "”"));
        return null;
      }
    }

    private static void score(
        List<String> names, Object[] row, double max, boolean oneDecimal, List<Problem> problems) {
      Double s = (Double) get(names, row, "score");
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

    private static void nonNegative(
        List<String> names, Object[] row, String col, List<Problem> problems) {
      Object v = get(names, row, col);
      if (v instanceof Integer n && n < 0) {
        problems.add(new Problem(col, col + " must not be negative", "不能为负数"));
      }
    }
  }
}
