package io.gridwatch.mapservice.layout;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.Holders;
import io.gridwatch.core.layout.LayoutDiff;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.time.Periods;
import io.gridwatch.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The published inputs of the planners' check and diff, read from PostGIS (the service's
 * counterpart of the CLI's lake reader): the newest published layout, the workers (their {@code
 * grid_id}: no assignments table is published), the enterprises in force on a day and the last
 * quarter's {@code grid_month} rows. All dimension-sized.
 */
public final class LayoutQueries {
  private LayoutQueries() {}

  /**
   * The newest published layout.
   *
   * @param version its layout_version
   * @param grids its grids ordered by grid_id
   */
  public record Published(int version, List<LayoutGrid> grids) {}

  /** The newest published layout, or null when no grid is published. */
  public static Published newestLayout(DataSource ds) {
    String sql =
        """
        SELECT grid_id, name, kind, town, community, layout_version,
               public.ST_AsBinary(geometry)
        FROM gridwatch.grids
        WHERE layout_version = (SELECT max(layout_version) FROM gridwatch.grids)
        ORDER BY grid_id
        """;
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<LayoutGrid> grids = new ArrayList<>();
      int version = 0;
      while (rs.next()) {
        version = rs.getInt(6);
        byte[] wkb = rs.getBytes(7);
        grids.add(
            new LayoutGrid(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                wkb == null ? null : Geometries.fromWkb(wkb),
                grids.size()));
      }
      return grids.isEmpty() ? null : new Published(version, grids);
    } catch (SQLException e) {
      throw new StoreException("published grids could not be read", e);
    }
  }

  /** Every published worker (for {@link Holders}, which applies hired_on/left_on). */
  public static List<Holders.Worker> workers(DataSource ds) {
    String sql = "SELECT worker_id, grid_id, hired_on, left_on FROM gridwatch.workers";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<Holders.Worker> out = new ArrayList<>();
      while (rs.next()) {
        out.add(
            new Holders.Worker(
                rs.getString(1), rs.getString(2), day(rs.getDate(3)), day(rs.getDate(4))));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("published workers could not be read", e);
    }
  }

  /**
   * Enterprises in force on {@code day} (registered on or before it, not closed by then) at their
   * published point, ordered by id.
   */
  public static List<LayoutDiff.Enterprise> enterprises(DataSource ds, LocalDate day) {
    String sql =
        """
        SELECT enterprise_id, name, public.ST_X(geometry), public.ST_Y(geometry)
        FROM gridwatch.enterprises
        WHERE geometry IS NOT NULL
          AND (registered_on IS NULL OR registered_on <= ?)
          AND (closed_on IS NULL OR closed_on > ?)
        ORDER BY enterprise_id
        """;
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setDate(1, Date.valueOf(day));
      ps.setDate(2, Date.valueOf(day));
      List<LayoutDiff.Enterprise> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new LayoutDiff.Enterprise(
                  rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("published enterprises could not be read", e);
    }
  }

  /**
   * The {@code grid_month} rows of the quarter of the newest published month (empty when none):
   * what {@link LayoutDiff#lastQuarter} needs.
   */
  public static List<LayoutDiff.GridMonth> lastQuarterRows(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String latest;
      try (PreparedStatement ps =
              c.prepareStatement("SELECT max(month) FROM gridwatch.grid_month");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        latest = rs.getString(1);
      }
      if (latest == null) {
        return List.of();
      }
      List<YearMonth> months =
          Periods.monthsOfQuarter(Periods.quarterOf(Periods.parseMonth(latest)));
      String sql =
          "SELECT grid_id, month, patrols, visited, enterprises FROM gridwatch.grid_month"
              + " WHERE month = ANY(?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Array arr = c.createArrayOf("text", months.stream().map(Periods::format).toArray());
        ps.setArray(1, arr);
        List<LayoutDiff.GridMonth> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new LayoutDiff.GridMonth(
                    rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("published grid_month could not be read", e);
    }
  }

  /** The newest month of the published {@code grid_month}, or null when none is published. */
  public static YearMonth lastPublishedMonth(DataSource ds) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT max(month) FROM gridwatch.grid_month");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      String m = rs.getString(1);
      return m == null ? null : Periods.parseMonth(m);
    } catch (SQLException e) {
      throw new StoreException("published grid_month could not be read", e);
    }
  }

  private static LocalDate day(Date d) {
    return d == null ? null : d.toLocalDate();
  }
}
