package io.gridwatch.mapservice.api;

import io.gridwatch.core.time.Periods;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.store.query.GridQueries;
import io.gridwatch.store.query.TrendQueries;
import io.gridwatch.store.query.TrendQueries.Group;
import io.gridwatch.store.query.TrendQueries.Metric;
import io.gridwatch.store.query.TrendQueries.Series;
import io.gridwatch.store.query.TrendQueries.Trend;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code GET
 * /api/trends?metric=coverage|awareness_rate|patrols|score&group=zone|town|grid&from=&to=&window=}:
 * month series from grid_month (score: worker_month totals), ratios of sums per group, and with
 * {@code window=N} a trailing N-month moving average. {@code group} defaults to zone, {@code
 * from}/{@code to} to the first/last published month.
 */
public final class TrendsApi {
  /** Longest range served, in months. */
  public static final int MAX_MONTHS = 240;

  private static final Set<String> PARAMS = Set.of("metric", "group", "from", "to", "window");

  /** Longest moving-average window, in months. */
  public static final int MAX_WINDOW = 12;

  private final DataSource dataSource;
  private final Schema schema;

  /** Trends over the given database. */
  public TrendsApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** Answers the trend request as JSON. */
  public void trends(Context ctx) {
    for (String p : ctx.queryParamMap().keySet()) {
      if (!PARAMS.contains(p)) {
        throw ApiException.badRequest("unknown query parameter " + Params.clip(p));
      }
    }
    String metricText = ctx.queryParam("metric");
    if (metricText == null || metricText.isBlank()) {
      throw ApiException.badRequest(
          "missing query parameter metric (" + names(Metric.values()) + ")");
    }
    Metric metric =
        Metric.parse(metricText.trim())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "unknown metric "
                            + Params.clip(metricText)
                            + " ("
                            + names(Metric.values())
                            + ")"));
    String groupText = ctx.queryParam("group");
    Group group =
        groupText == null || groupText.isBlank()
            ? Group.ZONE
            : Group.parse(groupText.trim())
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "unknown group "
                                + Params.clip(groupText)
                                + " ("
                                + names(Group.values())
                                + ")"));
    int window = window(ctx.queryParam("window"));
    YearMonth from = Params.optionalMonth("from", ctx.queryParam("from"));
    YearMonth to = Params.optionalMonth("to", ctx.queryParam("to"));
    schema.ensure();
    if (from == null || to == null) {
      List<YearMonth> published = GridQueries.months(dataSource);
      YearMonth first = published.isEmpty() ? null : published.get(0);
      YearMonth last = published.isEmpty() ? null : published.get(published.size() - 1);
      if (from == null) {
        from = to != null && (first == null || to.isBefore(first)) ? to : first;
      }
      if (to == null) {
        to = from != null && (last == null || from.isAfter(last)) ? from : last;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metric", metric.id());
    body.put("group", group.id());
    if (from == null) {
      body.put("from", null);
      body.put("to", null);
      body.put("months", List.of());
      body.put("series", List.of());
      Json.write(ctx, 200, body);
      return;
    }
    if (from.isAfter(to)) {
      throw ApiException.badRequest(
          "from " + Periods.format(from) + " is after to " + Periods.format(to));
    }
    if (ChronoUnit.MONTHS.between(from, to) >= MAX_MONTHS) {
      throw ApiException.badRequest("at most " + MAX_MONTHS + " months per request");
    }
    Trend trend = TrendQueries.trend(dataSource, metric, group, from, to, AccessControl.scope(ctx));
    body.put("from", Periods.format(from));
    body.put("to", Periods.format(to));
    body.put("months", trend.months().stream().map(Periods::format).toList());
    List<Map<String, Object>> series = new ArrayList<>();
    for (Series s : trend.series()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("key", s.key());
      one.put("values", s.values());
      one.put("numerators", s.numerators());
      if (metric != Metric.PATROLS) {
        one.put("denominators", s.denominators());
      }
      if (window > 0) {
        one.put("moving_average", movingAverage(s, metric, window));
      }
      series.add(one);
    }
    body.put("series", series);
    if (window > 0) {
      body.put("window", window);
    }
    Json.write(ctx, 200, body);
  }

  /**
   * The trailing moving average over {@code window} months ending at each month: a ratio of sums (Σ
   * numerators ÷ Σ denominators of the months present) for ratios and scores, the mean of the
   * months present for counts; null until a month of the window has data.
   */
  static List<Double> movingAverage(Series s, Metric metric, int window) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < s.values().size(); i++) {
      double num = 0;
      double den = 0;
      int present = 0;
      for (int k = Math.max(0, i - window + 1); k <= i; k++) {
        Number n = s.numerators().get(k);
        if (n == null) {
          continue;
        }
        if (metric == Metric.PATROLS) {
          num += n.doubleValue();
          den += 1;
          present++;
        } else if (s.denominators().get(k) != null) {
          num += n.doubleValue();
          den += s.denominators().get(k);
          present++;
        }
      }
      out.add(present == 0 || den == 0 ? null : num / den);
    }
    return out;
  }

  private static int window(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int w = Integer.parseInt(text.trim());
      if (w >= 1 && w <= MAX_WINDOW) {
        return w;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "bad window, expected 1.." + MAX_WINDOW + " months: " + Params.clip(text));
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
