package io.gridwatch.store.query;

import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read-side queries over the published assessment marts ({@code worker_quarter}, {@code
 * worker_month}) joined to {@code workers}. Every query takes a {@link Scope}: a worker is inside a
 * scope when its town (and community, for a community scope) matches.
 */
public final class AssessmentQueries {
  /** A small result table: column names and rows of JDBC values (in column order). */
  public record Table(List<String> columns, List<List<Object>> rows) {}

  /** A quarter's ranking: how many workers were ranked, the excellent quota Q, and the rows. */
  public record Ranking(String quarter, int ranked, int excellentQuota, Table table) {}

  /** Scope predicate over the workers alias {@code w}. */
  private static final String SCOPE_SQL = Scope.sql("w");

  private static final String RANKING =
      """
      SELECT q.rank, q.worker_id, w.name, g.grid_id, w.town, q.months, q.score, q.base_grade,
             q.grade, q.quota_exceeded, q.pay_multiplier, q.performance_pay, q.status,
             q.ranked, q.excellent_quota
      FROM gridwatch.worker_quarter q
      LEFT JOIN gridwatch.workers w ON w.worker_id = q.worker_id
      LEFT JOIN LATERAL (
        SELECT m.grid_id FROM gridwatch.worker_month m
        WHERE m.worker_id = q.worker_id AND m.month BETWEEN ? AND ?
        ORDER BY m.month DESC LIMIT 1) g ON true
      WHERE q.quarter = ? AND %s
      ORDER BY q.rank, q.worker_id
      """
          .formatted(SCOPE_SQL);

  private static final String WORKER =
      """
      SELECT w.worker_id, w.name, w.kind, w.grid_id, w.town, w.community, w.phone, w.hired_on,
             w.left_on, w.certified_on, w.role
      FROM gridwatch.workers w WHERE w.worker_id = ? AND %s
      """
          .formatted(SCOPE_SQL);

  private static final String MONTHS =
      """
      SELECT m.month, m.grid_id, m.enterprises, m.visited, m.coverage, m.full_coverage,
             m.new_enterprise_misses, m.incident_failures, m.patrol_score, m.info_score,
             m.assist_score, m.awareness_rate, m.awareness_score, m.upload_compliance, m.total,
             m.grade, m.forced_reason, m.status, m.flags, m.deductions::text AS deductions
      FROM gridwatch.worker_month m
      WHERE m.worker_id = ? AND (?::text IS NULL OR m.month >= ?::text)
        AND (?::text IS NULL OR m.month <= ?::text)
      ORDER BY m.month
      """;

  private AssessmentQueries() {}

  /** The quarters with published worker_quarter rows, oldest first. */
  public static List<String> quarters(DataSource dataSource) {
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT quarter FROM gridwatch.worker_quarter ORDER BY quarter");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("quarters could not be read", e);
    }
  }

  /**
   * The ranking of {@code quarter} (YYYYQn) restricted to {@code scope}, by rank; ranked/quota are
   * those of the whole ranking (the quota is a zone-wide cut), 0 when the quarter has no rows.
   */
  public static Ranking ranking(DataSource dataSource, String quarter, Scope scope) {
    int year = Integer.parseInt(quarter.substring(0, 4));
    int q = quarter.charAt(5) - '0';
    String first = String.format("%04d-%02d", year, 3 * q - 2);
    String last = String.format("%04d-%02d", year, 3 * q);
    try (Connection c = dataSource.getConnection()) {
      Table t;
      try (PreparedStatement ps = c.prepareStatement(RANKING)) {
        ps.setString(1, first);
        ps.setString(2, last);
        ps.setString(3, quarter);
        scope.bind(ps, 4);
        t = read(ps);
      }
      int ranked = 0;
      int quota = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT max(ranked), max(excellent_quota) FROM gridwatch.worker_quarter"
                  + " WHERE quarter = ?")) {
        ps.setString(1, quarter);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            ranked = rs.getInt(1);
            quota = rs.getInt(2);
          }
        }
      }
      return new Ranking(quarter, ranked, quota, t);
    } catch (SQLException e) {
      throw new StoreException("ranking of " + quarter + " could not be read", e);
    }
  }

  /**
   * The worker (one row: id, name, kind, grid, town, community, phone, dates, role) when it exists
   * inside {@code scope}; empty otherwise (an out-of-scope worker is indistinguishable from none).
   */
  public static Optional<Table> worker(DataSource dataSource, String workerId, Scope scope) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(WORKER)) {
      ps.setString(1, workerId);
      scope.bind(ps, 2);
      Table t = read(ps);
      return t.rows().isEmpty() ? Optional.empty() : Optional.of(t);
    } catch (SQLException e) {
      throw new StoreException("worker could not be read", e);
    }
  }

  /**
   * The worker's worker_month rows from {@code from} to {@code to} (YYYY-MM, inclusive; null =
   * open), by month; {@code deductions} is the itemised JSON text.
   */
  public static Table months(DataSource dataSource, String workerId, String from, String to) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(MONTHS)) {
      ps.setString(1, workerId);
      ps.setString(2, from);
      ps.setString(3, from);
      ps.setString(4, to);
      ps.setString(5, to);
      return read(ps);
    } catch (SQLException e) {
      throw new StoreException("months could not be read", e);
    }
  }

  private static Table read(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> cols = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        cols.add(md.getColumnLabel(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(cols.size());
        for (int i = 1; i <= cols.size(); i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof java.sql.Date d ? d.toLocalDate() : v);
        }
        rows.add(row);
      }
      return new Table(List.copyOf(cols), rows);
    }
  }
}
