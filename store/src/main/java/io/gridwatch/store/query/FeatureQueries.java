package io.gridwatch.store.query;

import static io.gridwatch.store.publish.PublishedTables.quote;

import io.gridwatch.core.lake.MartColumns;
import io.gridwatch.core.time.Periods;
import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * One-feature-per-row reads of the published layers as GeoJSON (built in PostGIS with {@code
 * ST_AsGeoJSON}, 7 decimals, WGS84 = CRS84 axis order): pages in a stable order (by id), single
 * features, extents. Spatial filters go through the GiST index ({@code geometry && envelope})
 * before the exact {@code ST_Intersects}; every value is a bound parameter. Every read takes a
 * {@link Scope}.
 */
public final class FeatureQueries {
  /** Most features one page may hold. */
  public static final int MAX_LIMIT = 10_000;

  /**
   * A lon/lat bounding box (CRS84). {@code minLon > maxLon} is a box across the antimeridian.
   * Throws IllegalArgumentException for non-finite values, latitudes outside [-90, 90] or
   * longitudes outside [-180, 180], or minLat > maxLat.
   */
  public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {
    /** Validates the box. */
    public Bbox {
      for (double v : new double[] {minLon, minLat, maxLon, maxLat}) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("bbox values must be finite numbers");
        }
      }
      if (Math.abs(minLat) > 90 || Math.abs(maxLat) > 90) {
        throw new IllegalArgumentException("bbox latitudes must lie in [-90, 90]");
      }
      if (Math.abs(minLon) > 180 || Math.abs(maxLon) > 180) {
        throw new IllegalArgumentException("bbox longitudes must lie in [-180, 180]");
      }
      if (minLat > maxLat) {
        throw new IllegalArgumentException("bbox minimum latitude is above the maximum");
      }
    }

    /** True when the box crosses the antimeridian (west edge east of the east edge). */
    public boolean crossesAntimeridian() {
      return minLon > maxLon;
    }
  }

  /**
   * A closed time interval; a null end is open. {@code start == end} is an instant. Throws
   * IllegalArgumentException when both ends are open or start is after end.
   */
  public record TimeRange(Instant start, Instant end) {
    /** Validates the interval. */
    public TimeRange {
      if (start == null && end == null) {
        throw new IllegalArgumentException("a time range needs at least one end");
      }
      if (start != null && end != null && start.isAfter(end)) {
        throw new IllegalArgumentException("time range start is after its end");
      }
    }
  }

  /** Filters of an items request; null members filter nothing. */
  public record Filter(Bbox bbox, TimeRange time) {
    /** No filter. */
    public static final Filter NONE = new Filter(null, null);
  }

  /** One page: the number of features matching the filter and the page's Feature JSON texts. */
  public record Page(long numberMatched, List<String> features) {}

  /**
   * The extent of a layer: {@code bbox} is {minLon, minLat, maxLon, maxLat} (null without
   * geometries); start/end bound the features' times (null for a layer without time or without
   * rows).
   */
  public record Extent(double[] bbox, Instant start, Instant end) {}

  /** SQL pieces of one layer; constants only, never client input. */
  private record LayerSql(
      String from, String where, String id, String order, String geometry, String properties) {}

  private static final String NEWEST_LAYOUT = "(SELECT max(layout_version) FROM gridwatch.grids)";

  private static final LayerSql GRIDS =
      new LayerSql(
          "gridwatch.grids g",
          "g.layout_version = " + NEWEST_LAYOUT,
          "g.grid_id",
          "g.grid_id",
          "g.geometry",
          "json_build_object('grid_id', g.grid_id, 'layout_version', g.layout_version,"
              + " 'name', g.name, 'kind', g.kind, 'town', g.town, 'community', g.community)");

  private static final LayerSql ENTERPRISES =
      new LayerSql(
          "gridwatch.enterprises e",
          "TRUE",
          "e.enterprise_id",
          "e.enterprise_id",
          "e.geometry",
          "json_build_object('enterprise_id', e.enterprise_id, 'name', e.name,"
              + " 'industry', e.industry, 'address', e.address,"
              + " 'registered_on', e.registered_on::text, 'closed_on', e.closed_on::text,"
              + " 'layout_version', e.layout_version, 'grid_id', e.grid_id)");

  private static final LayerSql PATROLS =
      new LayerSql(
          "gridwatch.patrols p",
          "TRUE",
          "p.patrol_id",
          "p.patrol_id",
          "p.geometry",
          "json_build_object('patrol_id', p.patrol_id, 'worker_id', p.worker_id,"
              + " 'enterprise_id', p.enterprise_id,"
              + " 'visited_at', (to_json(p.visited_at AT TIME ZONE 'UTC') #>> '{}') || 'Z',"
              + " 'month', p.month, 'category', p.category, 'issue_found', p.issue_found)");

  private static final LayerSql GRID_MONTH =
      new LayerSql(
          "gridwatch.grid_month m LEFT JOIN gridwatch.grids g ON g.grid_id = m.grid_id"
              + " AND g.layout_version = COALESCE(m.layout_version, "
              + NEWEST_LAYOUT
              + ")",
          "TRUE",
          "m.grid_id || '_' || m.month",
          "m.grid_id, m.month",
          "g.geometry",
          "json_build_object('grid_id', m.grid_id, 'name', g.name, "
              + MartColumns.GRID_MONTH.stream()
                  .filter(c -> !c.equals("grid_id"))
                  .map(c -> "'" + c + "', m." + quote(c))
                  .collect(Collectors.joining(", "))
              + ")");

  private FeatureQueries() {}

  /**
   * The features of a layer matching scope and filter, ordered by id, skipping {@code offset} and
   * at most {@code limit} (1..{@link #MAX_LIMIT}); count and page come from one snapshot.
   */
  public static Page items(
      DataSource dataSource,
      FeatureLayer layer,
      Scope scope,
      Filter filter,
      long offset,
      int limit) {
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new IllegalArgumentException("bad page: offset " + offset + ", limit " + limit);
    }
    LayerSql sql = sql(layer);
    Conditions where = conditions(layer, sql, scope, filter == null ? Filter.NONE : filter);
    String count = "SELECT count(*) FROM " + sql.from() + " WHERE " + where.sql();
    String page =
        "SELECT "
            + featureJson(sql)
            + " FROM "
            + sql.from()
            + " WHERE "
            + where.sql()
            + " ORDER BY "
            + sql.order()
            + " LIMIT ? OFFSET ?";
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      // on failure the pool rolls the open read-only transaction back when c is closed
      long matched;
      try (PreparedStatement ps = c.prepareStatement(count)) {
        bind(ps, where.params());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          matched = rs.getLong(1);
        }
      }
      List<String> features = new ArrayList<>();
      if (offset < matched) {
        try (PreparedStatement ps = c.prepareStatement(page)) {
          int next = bind(ps, where.params());
          ps.setInt(next, limit);
          ps.setLong(next + 1, offset);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              features.add(rs.getString(1));
            }
          }
        }
      }
      c.commit();
      return new Page(matched, features);
    } catch (SQLException e) {
      throw new StoreException("features of " + layer.id() + " could not be read", e);
    }
  }

  /** The Feature JSON of one feature by id within the scope, if it exists. */
  public static Optional<String> feature(
      DataSource dataSource, FeatureLayer layer, Scope scope, String id) {
    LayerSql sql = sql(layer);
    Conditions where = conditions(layer, sql, scope, Filter.NONE);
    if (layer == FeatureLayer.GRID_MONTH) {
      int cut = id.lastIndexOf('_');
      if (cut < 0 || !validMonth(id.substring(cut + 1))) {
        return Optional.empty();
      }
      where.and("m.grid_id = ?", id.substring(0, cut));
      where.and("m.month = ?", id.substring(cut + 1));
    } else {
      where.and(sql.id() + " = ?", id);
    }
    String select =
        "SELECT "
            + featureJson(sql)
            + " FROM "
            + sql.from()
            + " WHERE "
            + where.sql()
            + " ORDER BY "
            + sql.order()
            + " LIMIT 1";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(select)) {
      bind(ps, where.params());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("feature of " + layer.id() + " could not be read", e);
    }
  }

  /** The spatial (and, for temporal layers, time) extent of the layer's features in scope. */
  public static Extent extent(DataSource dataSource, FeatureLayer layer, Scope scope) {
    LayerSql sql = sql(layer);
    Conditions where = conditions(layer, sql, scope, Filter.NONE);
    String time =
        switch (layer) {
          case PATROLS -> ", min(p.visited_at) AS t0, max(p.visited_at) AS t1";
          case GRID_MONTH -> ", min(m.month) AS t0, max(m.month) AS t1";
          default -> "";
        };
    String select =
        "SELECT public.ST_XMin(x.b), public.ST_YMin(x.b), public.ST_XMax(x.b), public.ST_YMax(x.b)"
            + (time.isEmpty() ? "" : ", x.t0, x.t1")
            + " FROM (SELECT public.ST_Extent("
            + sql.geometry()
            + ") AS b"
            + time
            + " FROM "
            + sql.from()
            + " WHERE "
            + where.sql()
            + ") x";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(select)) {
      bind(ps, where.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        double[] bbox = null;
        if (rs.getObject(1) != null) {
          bbox = new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
        Instant start = null;
        Instant end = null;
        if (layer == FeatureLayer.PATROLS) {
          OffsetDateTime t0 = rs.getObject(5, OffsetDateTime.class);
          OffsetDateTime t1 = rs.getObject(6, OffsetDateTime.class);
          start = t0 == null ? null : t0.toInstant();
          end = t1 == null ? null : t1.toInstant();
        } else if (layer == FeatureLayer.GRID_MONTH && rs.getString(5) != null) {
          start = monthStart(Periods.parseMonth(rs.getString(5)));
          end = monthStart(Periods.parseMonth(rs.getString(6)).plusMonths(1));
        }
        return new Extent(bbox, start, end);
      }
    } catch (SQLException e) {
      throw new StoreException("extent of " + layer.id() + " could not be read", e);
    }
  }

  /** The first instant of a month in Asia/Shanghai. */
  private static Instant monthStart(YearMonth month) {
    return month.atDay(1).atStartOfDay(Periods.ZONE).toInstant();
  }

  private static boolean validMonth(String text) {
    if (!text.matches("[0-9]{4}-[0-9]{2}")) {
      return false;
    }
    try {
      Periods.parseMonth(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String featureJson(LayerSql sql) {
    return "json_build_object('type', 'Feature', 'id', "
        + sql.id()
        + ", 'geometry', public.ST_AsGeoJSON("
        + sql.geometry()
        + ", 7)::json, 'properties', "
        + sql.properties()
        + ")::text";
  }

  private static LayerSql sql(FeatureLayer layer) {
    return switch (layer) {
      case GRIDS -> GRIDS;
      case ENTERPRISES -> ENTERPRISES;
      case PATROLS -> PATROLS;
      case GRID_MONTH -> GRID_MONTH;
    };
  }

  /** WHERE conditions (constant SQL) and their parameters, in order. */
  private static final class Conditions {
    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    Conditions(String base) {
      this.sql = new StringBuilder(base);
    }

    void and(String condition, Object... values) {
      sql.append(" AND ").append(condition);
      params.addAll(Arrays.asList(values));
    }

    String sql() {
      return sql.toString();
    }

    List<Object> params() {
      return params;
    }
  }

  private static Conditions conditions(
      FeatureLayer layer, LayerSql sql, Scope scope, Filter filter) {
    Conditions where = new Conditions(sql.where());
    scope(layer, scope == null ? Scope.ALL : scope, where);
    Bbox b = filter.bbox();
    if (b != null) {
      String g = sql.geometry();
      String box =
          "("
              + g
              + " && public.ST_MakeEnvelope(?, ?, ?, ?, 4326)"
              + " AND public.ST_Intersects("
              + g
              + ", public.ST_MakeEnvelope(?, ?, ?, ?, 4326)))";
      if (b.crossesAntimeridian()) {
        List<Object> values = new ArrayList<>(envelopeTwice(b.minLon(), 180.0, b));
        values.addAll(envelopeTwice(-180.0, b.maxLon(), b));
        where.and("(" + box + " OR " + box + ")", values.toArray());
      } else {
        where.and(box, envelopeTwice(b.minLon(), b.maxLon(), b).toArray());
      }
    }
    TimeRange t = filter.time();
    if (t != null && layer.temporal()) {
      if (layer == FeatureLayer.PATROLS) {
        if (t.start() != null) {
          where.and("p.visited_at >= ?", t.start().atOffset(ZoneOffset.UTC));
        }
        if (t.end() != null) {
          where.and("p.visited_at <= ?", t.end().atOffset(ZoneOffset.UTC));
        }
      } else {
        // a month [first instant, next month's first instant) meets [start, end] exactly when
        // month(start) <= month <= month(end), months taken in Asia/Shanghai
        if (t.start() != null) {
          where.and("m.month >= ?", Periods.format(Periods.monthOf(t.start())));
        }
        if (t.end() != null) {
          where.and("m.month <= ?", Periods.format(Periods.monthOf(t.end())));
        }
      }
    }
    return where;
  }

  /** One envelope (west, south, east, north) twice: for {@code &&}, then for the exact test. */
  private static List<Object> envelopeTwice(double west, double east, Bbox b) {
    return List.of(west, b.minLat(), east, b.maxLat(), west, b.minLat(), east, b.maxLat());
  }

  /**
   * Narrows to the scope, by the service's rule (as TileQueries): grids and grid_month rows by
   * their town/community, enterprises by their grid, patrols by the worker who made them.
   */
  private static void scope(FeatureLayer layer, Scope scope, Conditions where) {
    if (scope.isAll()) {
      return;
    }
    // the four parameters of Scope.sql, in its order
    Object[] values = {scope.town(), scope.town(), scope.community(), scope.community()};
    switch (layer) {
      case GRIDS -> where.and("(" + Scope.sql("g") + ")", values);
      case GRID_MONTH -> where.and("(" + Scope.sql("m") + ")", values);
      case ENTERPRISES ->
          where.and(
              "EXISTS (SELECT 1 FROM gridwatch.grids sg WHERE sg.grid_id = e.grid_id"
                  + " AND sg.layout_version = e.layout_version AND "
                  + Scope.sql("sg")
                  + ")",
              values);
      case PATROLS ->
          where.and(
              "EXISTS (SELECT 1 FROM gridwatch.workers sw WHERE sw.worker_id = p.worker_id AND "
                  + Scope.sql("sw")
                  + ")",
              values);
    }
  }

  /** Binds values from index 1; returns the next free index. */
  private static int bind(PreparedStatement ps, List<Object> values) throws SQLException {
    int i = 1;
    for (Object v : values) {
      if (v == null) {
        ps.setNull(i++, Types.VARCHAR);
      } else if (v instanceof Double d) {
        ps.setDouble(i++, d);
      } else if (v instanceof String s) {
        ps.setString(i++, s);
      } else if (v instanceof OffsetDateTime t) {
        ps.setObject(i++, t);
      } else {
        throw new IllegalStateException("unexpected parameter type " + v);
      }
    }
    return i;
  }
}
