package io.gridwatch.store.tiles;

import io.gridwatch.core.time.Periods;
import io.gridwatch.store.StoreException;
import io.gridwatch.store.query.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import javax.sql.DataSource;

/**
 * Mapbox Vector Tiles built in PostGIS ({@code ST_AsMVT}/{@code ST_AsMVTGeom}/{@code
 * ST_TileEnvelope}, Web Mercator tiles, extent 4096, buffer 64). Every layer filters its rows with
 * the GiST index ({@code geometry && ST_Transform(ST_TileEnvelope(z, x, y), 4326)}) before
 * transforming to EPSG:3857.
 */
public final class TileQueries {
  /** Web Mercator world width in metres (2 × 20037508.342789244). */
  private static final double WORLD_M = 40075016.685578488;

  /** Hexagons per tile width in the density layer, at every zoom. */
  public static final int HEXAGONS_ACROSS = 16;

  /** At most this many points per tile (patrols, enterprises); more are left out. */
  public static final int MAX_POINTS = 50_000;

  /**
   * Patrols are in a scope when the worker who made them is (workers.town / community); five
   * parameters (town, then {@link Scope#sql}'s four).
   */
  private static final String WORKER_SCOPE =
      "(?::text IS NULL OR EXISTS (SELECT 1 FROM gridwatch.workers sw"
          + " WHERE sw.worker_id = p.worker_id AND "
          + Scope.sql("sw")
          + "))";

  private static final String ENV =
      "bounds AS (SELECT public.ST_TileEnvelope(?, ?, ?) AS env),"
          + " b AS (SELECT env, public.ST_Transform(env, 4326) AS env4326 FROM bounds)";

  private static final String GRIDS =
      "WITH "
          + ENV
          + """
          , lv AS (
            SELECT COALESCE(
              (SELECT max(layout_version) FROM gridwatch.grid_month WHERE month = ?::text),
              (SELECT max(layout_version) FROM gridwatch.grids)) AS v
          ), t AS (
            SELECT public.ST_AsMVTGeom(public.ST_Transform(g.geometry, 3857), b.env, 4096, 64, true)
                     AS geom,
              g.grid_id, g.layout_version, g.name, g.kind, g.town, g.community,
              ?::text AS month, m.worker_id, m.enterprises, m.visited, m.coverage, m.full_coverage,
              m.patrols, m.issues_environment, m.issues_safety, m.issues_social_order,
              m.awareness_sampled, m.awareness_known, m.awareness_rate, m.suspicious_visits
            FROM gridwatch.grids g
            CROSS JOIN b CROSS JOIN lv
            LEFT JOIN gridwatch.grid_month m ON m.grid_id = g.grid_id AND m.month = ?::text
            WHERE g.layout_version = lv.v AND g.geometry && b.env4326 AND %s
          )
          SELECT public.ST_AsMVT(t.*, 'grids', 4096, 'geom') FROM t WHERE geom IS NOT NULL
          """
              .formatted(Scope.sql("g"));

  private static final String ENTERPRISES =
      "WITH "
          + ENV
          + """
          , t AS (
            SELECT public.ST_AsMVTGeom(public.ST_Transform(e.geometry, 3857), b.env, 4096, 64, true)
                     AS geom,
              e.enterprise_id, e.name, e.industry, e.address, e.grid_id,
              e.registered_on::text AS registered_on, e.closed_on::text AS closed_on,
              CASE WHEN ?::text IS NULL THEN NULL ELSE
                e.registered_on <= (to_date(?::text, 'YYYY-MM') + interval '1 month - 1 day')::date
                AND (e.closed_on IS NULL OR e.closed_on >= to_date(?::text, 'YYYY-MM')) END AS open,
              CASE WHEN ?::text IS NULL THEN NULL ELSE EXISTS (
                SELECT 1 FROM gridwatch.patrols p
                WHERE p.month = ?::text AND p.enterprise_id = e.enterprise_id
                  AND NOT EXISTS (SELECT 1 FROM gridwatch.patrol_flags f
                                  WHERE f.patrol_id = p.patrol_id AND f.reason = 'too_far')) END
                AS visited
            FROM gridwatch.enterprises e CROSS JOIN b
            WHERE e.geometry && b.env4326 AND (?::text IS NULL OR EXISTS (
              SELECT 1 FROM gridwatch.grids sg
              WHERE sg.grid_id = e.grid_id AND sg.layout_version = e.layout_version AND %s))
            LIMIT ?
          )
          SELECT public.ST_AsMVT(t.*, 'enterprises', 4096, 'geom') FROM t WHERE geom IS NOT NULL
          """
              .formatted(Scope.sql("sg"));

  private static final String PATROLS =
      "WITH "
          + ENV
          + """
          , t AS (
            SELECT public.ST_AsMVTGeom(public.ST_Transform(p.geometry, 3857), b.env, 4096, 64, true)
                     AS geom,
              p.patrol_id, p.worker_id, p.enterprise_id, p.month, p.category, p.issue_found,
              to_char(p.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS')
                AS visited_at,
              EXISTS (SELECT 1 FROM gridwatch.patrol_flags f WHERE f.patrol_id = p.patrol_id)
                AS flagged
            FROM gridwatch.patrols p CROSS JOIN b
            WHERE p.month = ?::text AND p.geometry && b.env4326
              AND %s
            LIMIT ?
          )
          SELECT public.ST_AsMVT(t.*, 'patrols', 4096, 'geom') FROM t WHERE geom IS NOT NULL
          """
              .formatted(WORKER_SCOPE);

  // Hexagons cover the tile (aligned to a global origin, so neighbours agree); each counts the
  // patrols inside the whole hexagon, also the part beyond the tile edge: candidates through the
  // GiST index (bbox of the hexagon in 4326; a convex hexagon's extremes are its vertices), then
  // the exact test in EPSG:3857.
  // The month test is written `p.month || '' = ?` so that it cannot use the month index: with a
  // month-specific plan PostgreSQL otherwise ANDs a bitmap of the whole month (1.7 M patrols on the
  // province) into every hexagon's GiST lookup — 29 s instead of 68 ms for a z16 tile.
  private static final String DENSITY =
      "WITH "
          + ENV
          + """
          , hex AS (
            SELECT h.geom, h.i, h.j FROM b, public.ST_HexagonGrid(?, b.env) h
          ), counts AS (
            SELECT hex.i, hex.j, hex.geom, c.patrols, c.issues
            FROM hex CROSS JOIN LATERAL (
              SELECT count(*) AS patrols, count(*) FILTER (WHERE p.issue_found) AS issues
              FROM gridwatch.patrols p
              WHERE p.geometry && public.ST_Transform(hex.geom, 4326)
                AND (?::text IS NULL OR p.month || '' = ?::text)
                AND public.ST_Intersects(hex.geom, public.ST_Transform(p.geometry, 3857))
                AND %s
            ) c
            WHERE c.patrols > 0
          ), t AS (
            SELECT public.ST_AsMVTGeom(counts.geom, b.env, 4096, 64, true) AS geom,
              counts.i, counts.j, counts.patrols, counts.issues, ?::text AS month,
              round((counts.patrols / (public.ST_Area(public.ST_Transform(counts.geom, 4326)::public.geography)
                / 1e6))::numeric, 3)::double precision AS per_km2
            FROM counts CROSS JOIN b
          )
          SELECT public.ST_AsMVT(t.*, 'density', 4096, 'geom') FROM t WHERE geom IS NOT NULL
          """
              .formatted(WORKER_SCOPE);

  private TileQueries() {}

  /** The hexagon side length (EPSG:3857 metres) of the density layer at zoom {@code z}. */
  public static double hexagonSize(int z) {
    return WORLD_M / (1L << z) / HEXAGONS_ACROSS;
  }

  /**
   * The uncompressed MVT of one tile (may be empty: zero bytes). {@code month} may be null unless
   * the layer requires it. z/x/y must be a valid tile address (0 ≤ x, y < 2^z, z ≤ 30).
   */
  public static byte[] tile(
      DataSource dataSource, TileLayer layer, int z, int x, int y, YearMonth month) {
    return tile(dataSource, layer, z, x, y, month, Scope.ALL);
  }

  /**
   * Like {@link #tile(DataSource, TileLayer, int, int, int, YearMonth)}, with only the features
   * inside {@code scope}: grids by their town/community, enterprises by their grid's, patrols and
   * density by the worker's.
   */
  public static byte[] tile(
      DataSource dataSource, TileLayer layer, int z, int x, int y, YearMonth month, Scope scope) {
    if (z < 0 || z > 30 || x < 0 || y < 0 || x >= (1L << z) || y >= (1L << z)) {
      throw new IllegalArgumentException("not a tile: " + z + "/" + x + "/" + y);
    }
    if (layer.monthRequired() && month == null) {
      throw new IllegalArgumentException("layer " + layer.id() + " needs a month");
    }
    String m = month == null ? null : Periods.format(month);
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sql(layer))) {
        int i = 1;
        ps.setInt(i++, z);
        ps.setInt(i++, x);
        ps.setInt(i++, y);
        switch (layer) {
          case GRIDS -> {
            ps.setString(i++, m);
            ps.setString(i++, m);
            ps.setString(i++, m);
            i = scope.bind(ps, i);
          }
          case ENTERPRISES -> {
            for (int k = 0; k < 5; k++) {
              ps.setString(i++, m);
            }
            ps.setString(i++, scope.town());
            i = scope.bind(ps, i);
            ps.setInt(i++, MAX_POINTS);
          }
          case PATROLS -> {
            ps.setString(i++, m);
            ps.setString(i++, scope.town());
            i = scope.bind(ps, i);
            ps.setInt(i++, MAX_POINTS);
          }
          case DENSITY -> {
            double size = hexagonSize(z);
            ps.setDouble(i++, size);
            ps.setString(i++, m);
            ps.setString(i++, m);
            ps.setString(i++, scope.town());
            i = scope.bind(ps, i);
            ps.setString(i++, m);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return new byte[0];
          }
          byte[] bytes = rs.getBytes(1);
          return bytes == null ? new byte[0] : bytes;
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          "tile " + layer.id() + "/" + z + "/" + x + "/" + y + " could not be built", e);
    }
  }

  private static String sql(TileLayer layer) {
    return switch (layer) {
      case GRIDS -> GRIDS;
      case ENTERPRISES -> ENTERPRISES;
      case PATROLS -> PATROLS;
      case DENSITY -> DENSITY;
    };
  }
}
