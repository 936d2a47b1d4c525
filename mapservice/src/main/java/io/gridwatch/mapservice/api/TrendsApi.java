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
 * {@code GET /api/trends?metric=coverage|awareness_rate|patrols&group=zone|town|grid&from=&to=}:
 * month series from grid_month, ratios of sums per group. {@code group} defaults to zone, {@code
 * from}/{@code to} to the first/last published month.
 */
public final class TrendsApi {
  /** Longest range served, in months. */
  public static final int MAX_MONTHS = 240;

  private static final Set<String> PARAMS = Set.of("metric", "group", "from", "to");

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
      series.add(one);
    }
    body.put("series", series);
    Json.write(ctx, 200, body);
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
