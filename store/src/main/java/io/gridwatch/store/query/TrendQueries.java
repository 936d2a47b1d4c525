package io.gridwatch.store.query;

import io.gridwatch.core.time.Periods;
import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Month series of grid_month metrics per zone, town or grid. Ratios are ratios of sums (coverage =
 * Σ visited ÷ Σ enterprises, awareness = Σ known ÷ Σ sampled), never means of ratios.
 */
public final class TrendQueries {
  /** A metric of {@code /api/trends}. */
  public enum Metric {
    /** Σ visited ÷ Σ enterprises. */
    COVERAGE,
    /** Σ awareness_known ÷ Σ awareness_sampled. */
    AWARENESS_RATE,
    /** Σ patrols (check-ins inside the grids). */
    PATROLS,
    /** Σ worker_month total ÷ number of month results (exclusive workers' mean month score). */
    SCORE;

    /** The metric's name in URLs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named {@code id}, if any. */
    public static Optional<Metric> parse(String id) {
      for (Metric m : values()) {
        if (m.id().equals(id)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  /** A grouping of {@code /api/trends}. */
  public enum Group {
    /** The whole zone: one series. */
    ZONE,
    /** One series per town. */
    TOWN,
    /** One series per grid. */
    GRID;

    /** The group's name in URLs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The group named {@code id}, if any. */
    public static Optional<Group> parse(String id) {
      for (Group g : values()) {
        if (g.id().equals(id)) {
          return Optional.of(g);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One series: its key (town, grid_id or {@code zone}), and per month of the range the value (null
   * when the denominator is 0 or there are no rows), numerator and denominator (equal to value for
   * counts).
   */
  public record Series(
      String key, List<Double> values, List<Number> numerators, List<Long> denominators) {}

  /** The answer: the months of the range (inclusive) and one series per key, keys sorted. */
  public record Trend(Metric metric, Group group, List<YearMonth> months, List<Series> series) {}

  private TrendQueries() {}

  /** The series of {@code metric} grouped by {@code group} over the months from..to inclusive. */
  public static Trend trend(
      DataSource dataSource, Metric metric, Group group, YearMonth from, YearMonth to) {
    return trend(dataSource, metric, group, from, to, Scope.ALL);
  }

  /** Like {@link #trend(DataSource, Metric, Group, YearMonth, YearMonth)}, inside {@code scope}. */
  public static Trend trend(
      DataSource dataSource,
      Metric metric,
      Group group,
      YearMonth from,
      YearMonth to,
      Scope scope) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    String key =
        switch (group) {
          case ZONE -> "'zone'";
          case TOWN -> "COALESCE(town, '')";
          case GRID -> "grid_id";
        };
    String num =
        switch (metric) {
          case COVERAGE -> "sum(visited)";
          case AWARENESS_RATE -> "sum(awareness_known)";
          case PATROLS, SCORE -> "sum(patrols)";
        };
    String den =
        switch (metric) {
          case COVERAGE -> "sum(enterprises)";
          case AWARENESS_RATE -> "sum(awareness_sampled)";
          case PATROLS, SCORE -> "NULL::bigint";
        };
    String sql =
        metric == Metric.SCORE
            ? scoreSql(group)
            : "SELECT "
                + key
                + " AS k, month, "
                + num
                + " AS num, "
                + den
                + " AS den FROM gridwatch.grid_month m WHERE month >= ? AND month <= ? AND "
                + Scope.sql("m")
                + " GROUP BY 1, 2 ORDER BY 1, 2";
    Map<String, Series> byKey = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, Periods.format(from));
      ps.setString(2, Periods.format(to));
      scope.bind(ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Series s =
              byKey.computeIfAbsent(
                  rs.getString(1),
                  k ->
                      new Series(
                          k, nulls(months.size()), nulls(months.size()), nulls(months.size())));
          int i = months.indexOf(Periods.parseMonth(rs.getString(2)));
          if (metric == Metric.SCORE) {
            double sum = rs.getDouble(3);
            boolean sNull = rs.wasNull();
            long count = rs.getLong(4);
            s.numerators().set(i, sNull ? null : sum);
            s.denominators().set(i, count);
            s.values().set(i, sNull || count == 0 ? null : sum / count);
            continue;
          }
          long n = rs.getLong(3);
          boolean nNull = rs.wasNull();
          long d = rs.getLong(4);
          boolean dNull = rs.wasNull();
          if (metric == Metric.PATROLS) {
            s.numerators().set(i, nNull ? null : n);
            s.values().set(i, nNull ? null : (double) n);
          } else {
            s.numerators().set(i, nNull ? null : n);
            s.denominators().set(i, dNull ? null : d);
            s.values().set(i, nNull || dNull || d == 0 ? null : (double) n / d);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("trend of " + metric.id() + " could not be read", e);
    }
    return new Trend(metric, group, months, List.copyOf(byKey.values()));
  }

  /**
   * The score series: worker_month totals grouped through the grid_month row of the worker's grid
   * that month (its town, community and scope); totals carry one decimal, so the sum is rounded to
   * one decimal to drop floating-point noise.
   */
  private static String scoreSql(Group group) {
    String key =
        switch (group) {
          case ZONE -> "'zone'";
          case TOWN -> "COALESCE(m.town, '')";
          case GRID -> "wm.grid_id";
        };
    return "SELECT "
        + key
        + " AS k, wm.month, round(sum(wm.total)::numeric, 1)::double precision AS num,"
        + " count(wm.total) AS den FROM gridwatch.worker_month wm"
        + " JOIN gridwatch.grid_month m ON m.grid_id = wm.grid_id AND m.month = wm.month"
        + " WHERE wm.month >= ? AND wm.month <= ? AND "
        + Scope.sql("m")
        + " GROUP BY 1, 2 ORDER BY 1, 2";
  }

  private static <T> List<T> nulls(int n) {
    List<T> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(null);
    }
    return list;
  }
}
