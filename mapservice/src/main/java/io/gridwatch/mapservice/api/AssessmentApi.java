package io.gridwatch.mapservice.api;

import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.auth.Exports;
import io.gridwatch.mapservice.export.TableExport;
import io.gridwatch.store.query.AssessmentQueries;
import io.gridwatch.store.query.AssessmentQueries.Ranking;
import io.gridwatch.store.query.AssessmentQueries.Table;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code GET /api/rankings?quarter=YYYYQn[&format=json|csv|xlsx]}, {@code GET /api/quarters} and
 * {@code GET /api/workers/{id}/months?from=&to=}: the exclusive workers' quarter ranking and month
 * results with itemised deductions, narrowed to the caller's scope.
 */
public final class AssessmentApi {
  private static final Pattern QUARTER = Pattern.compile("[0-9]{4}Q[1-4]");
  private static final Pattern WORKER_ID = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,64}");
  private static final Set<String> RANKING_PARAMS = Set.of("quarter", "format");
  private static final Set<String> MONTHS_PARAMS = Set.of("from", "to");

  private final DataSource dataSource;
  private final Schema schema;
  private final Exports exports;

  /** The API over {@code dataSource}; {@code exports} audits every download (CSV/XLSX). */
  public AssessmentApi(DataSource dataSource, Schema schema, Exports exports) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.exports = exports;
  }

  /** Answers {@code /api/quarters}: the quarters with a published ranking, oldest first. */
  public void quarters(Context ctx) {
    schema.ensure();
    Json.write(ctx, 200, AssessmentQueries.quarters(dataSource));
  }

  /** Answers {@code /api/rankings}. */
  public void rankings(Context ctx) {
    rejectUnknown(ctx, RANKING_PARAMS);
    String quarter = ctx.queryParam("quarter");
    if (quarter == null || quarter.isBlank()) {
      throw ApiException.badRequest("missing query parameter quarter (YYYYQn)");
    }
    quarter = quarter.trim();
    if (!QUARTER.matcher(quarter).matches()) {
      throw ApiException.badRequest("bad quarter, expected YYYYQn: " + Params.clip(quarter));
    }
    String format = ctx.queryParam("format");
    format = format == null || format.isBlank() ? "json" : format.trim();
    if (!Set.of("json", "csv", "xlsx").contains(format)) {
      throw ApiException.badRequest("bad format (json, csv, xlsx): " + Params.clip(format));
    }
    schema.ensure();
    Ranking ranking = AssessmentQueries.ranking(dataSource, quarter, AccessControl.scope(ctx));
    String file = "rankings-" + quarter;
    switch (format) {
      case "csv" -> download(ctx, file + ".csv", TableExport.CSV, TableExport.csv(ranking.table()));
      case "xlsx" ->
          download(
              ctx,
              file + ".xlsx",
              TableExport.XLSX,
              TableExport.xlsx(ranking.table(), quarter + " 季度排名表"));
      default -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quarter", ranking.quarter());
        body.put("ranked", ranking.ranked());
        body.put("excellent_quota", ranking.excellentQuota());
        body.put("rows", objects(ranking.table()));
        Json.write(ctx, 200, body);
      }
    }
  }

  /** Answers {@code /api/workers/{id}/months}: the worker and its month results. */
  public void workerMonths(Context ctx) {
    rejectUnknown(ctx, MONTHS_PARAMS);
    String id = ctx.pathParam("id");
    if (!WORKER_ID.matcher(id).matches()) {
      throw ApiException.badRequest("bad worker id: " + Params.clip(id));
    }
    YearMonth from = Params.optionalMonth("from", ctx.queryParam("from"));
    YearMonth to = Params.optionalMonth("to", ctx.queryParam("to"));
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiException.badRequest("from is after to");
    }
    schema.ensure();
    Table worker =
        AssessmentQueries.worker(dataSource, id, AccessControl.scope(ctx))
            .orElseThrow(() -> new ApiException(404, "no such worker: " + Params.clip(id)));
    Map<String, Object> w = objects(worker).get(0);
    w.put("phone", Exports.phone(ctx, (String) w.get("phone")));
    Table months =
        AssessmentQueries.months(
            dataSource,
            id,
            from == null ? null : from.toString(),
            to == null ? null : to.toString());
    List<Map<String, Object>> rows = objects(months);
    for (Map<String, Object> r : rows) {
      Object d = r.get("deductions");
      r.put("deductions", d == null ? List.of() : Json.parse(d.toString()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("worker", w);
    body.put("months", rows);
    Json.write(ctx, 200, body);
  }

  private void download(Context ctx, String file, String type, byte[] bytes) {
    exports.record(ctx, file, bytes.length);
    ctx.status(200)
        .contentType(type)
        .header("Content-Disposition", TableExport.attachment(file))
        .result(bytes);
    ctx.attribute(Json.BODY_WRITTEN, Boolean.TRUE);
  }

  private static void rejectUnknown(Context ctx, Set<String> known) {
    for (String p : ctx.queryParamMap().keySet()) {
      if (!known.contains(p)) {
        throw ApiException.badRequest("unknown query parameter " + Params.clip(p));
      }
    }
  }

  /** Rows as column → value maps (dates as ISO text). */
  private static List<Map<String, Object>> objects(Table t) {
    List<Map<String, Object>> out = new ArrayList<>(t.rows().size());
    for (List<Object> row : t.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < t.columns().size(); i++) {
        Object v = row.get(i);
        m.put(t.columns().get(i), v instanceof java.time.temporal.Temporal ? v.toString() : v);
      }
      out.add(m);
    }
    return out;
  }
}
