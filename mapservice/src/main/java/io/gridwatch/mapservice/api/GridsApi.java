package io.gridwatch.mapservice.api;

import io.gridwatch.core.time.Periods;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.store.query.GridQueries;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.List;
import javax.sql.DataSource;

/** {@code GET /api/grids?month=YYYY-MM} and {@code GET /api/months}. */
public final class GridsApi {
  /** Media type of GeoJSON answers. */
  public static final String GEOJSON = "application/geo+json; charset=utf-8";

  private final DataSource dataSource;
  private final Schema schema;

  /** Grid endpoints over the given database. */
  public GridsApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** GeoJSON FeatureCollection of the grids with the month's grid_month columns as properties. */
  public void grids(Context ctx) {
    YearMonth month = month(ctx.queryParam("month"));
    schema.ensure();
    Json.writeRaw(
        ctx, 200, GEOJSON, GridQueries.gridsGeoJson(dataSource, month, AccessControl.scope(ctx)));
  }

  /** JSON array of the published months ({@code "YYYY-MM"}), oldest first. */
  public void months(Context ctx) {
    schema.ensure();
    List<String> months = GridQueries.months(dataSource).stream().map(Periods::format).toList();
    Json.write(ctx, 200, months);
  }

  private static YearMonth month(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("missing query parameter month (YYYY-MM)");
    }
    try {
      return Periods.parseMonth(text.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad month, expected YYYY-MM: "
              + (text.length() > 40 ? text.substring(0, 40) + "…" : text));
    }
  }
}
