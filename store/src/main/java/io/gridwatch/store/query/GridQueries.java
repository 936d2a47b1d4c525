package io.gridwatch.store.query;

import io.gridwatch.core.time.Periods;
import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Read-side queries over the published grids and grid_month tables. */
public final class GridQueries {
  /*
   * One feature per grid of the layout in force that month (the layout version of the month's
   * grid_month rows, else the newest published layout). Properties: every grid_month column (all
   * null when the grid has no row that month) over the grid's own attributes.
   */
  private static final String GRIDS_GEOJSON =
      """
      WITH lv AS (
        SELECT COALESCE(
          (SELECT max(layout_version) FROM gridwatch.grid_month WHERE month = ?),
          (SELECT max(layout_version) FROM gridwatch.grids)) AS v
      ), nulls AS (
        SELECT to_jsonb(jsonb_populate_record(NULL::gridwatch.grid_month, '{}'::jsonb)) AS j
      )
      SELECT jsonb_build_object(
        'type', 'FeatureCollection',
        'month', ?::text,
        'features', COALESCE(jsonb_agg(jsonb_build_object(
          'type', 'Feature',
          'id', g.grid_id,
          'geometry', public.ST_AsGeoJSON(g.geometry, 7)::jsonb,
          'properties', nulls.j
            || (to_jsonb(g) - 'geometry')
            || COALESCE(jsonb_strip_nulls(to_jsonb(m)), '{}'::jsonb)
            || jsonb_build_object('month', ?::text)
        ) ORDER BY g.grid_id), '[]'::jsonb)
      )::text
      FROM gridwatch.grids g
      CROSS JOIN lv
      CROSS JOIN nulls
      LEFT JOIN gridwatch.grid_month m ON m.grid_id = g.grid_id AND m.month = ?
      WHERE g.layout_version = lv.v AND %s
      """
          .formatted(Scope.sql("g"));

  private GridQueries() {}

  /**
   * A GeoJSON FeatureCollection (built in SQL) of the grids with that month's grid_month columns as
   * properties; grids without a row that month appear with null metrics.
   */
  public static String gridsGeoJson(DataSource dataSource, YearMonth month) {
    return gridsGeoJson(dataSource, month, Scope.ALL);
  }

  /** Like {@link #gridsGeoJson(DataSource, YearMonth)}, only the grids inside {@code scope}. */
  public static String gridsGeoJson(DataSource dataSource, YearMonth month, Scope scope) {
    String m = Periods.format(month);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(GRIDS_GEOJSON)) {
      ps.setString(1, m);
      ps.setString(2, m);
      ps.setString(3, m);
      ps.setString(4, m);
      scope.bind(ps, 5);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new StoreException("grids of " + m + " could not be read", e);
    }
  }

  /** The months that have published grid_month rows, oldest first. */
  public static List<YearMonth> months(DataSource dataSource) {
    List<YearMonth> months = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT DISTINCT month FROM gridwatch.grid_month ORDER BY month");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        months.add(Periods.parseMonth(rs.getString(1)));
      }
    } catch (SQLException e) {
      throw new StoreException("published months could not be read", e);
    }
    return months;
  }
}
