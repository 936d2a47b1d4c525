package io.gridwatch.mapservice.tiles;

import io.gridwatch.core.time.Periods;
import io.gridwatch.mapservice.api.ApiException;
import io.gridwatch.mapservice.api.Json;
import io.gridwatch.mapservice.api.Params;
import io.gridwatch.mapservice.api.Schema;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.store.query.Scope;
import io.gridwatch.store.tiles.TileLayer;
import io.gridwatch.store.tiles.TileQueries;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;

/**
 * {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt[?month=YYYY-MM]}: Mapbox Vector Tiles from PostGIS,
 * gzipped ({@code Content-Encoding: gzip} when the client accepts it), cached per publish. An empty
 * tile is answered {@code 204 No Content}. Bad layer, tile number or month → 400 JSON.
 */
public final class TilesApi {
  /** Media type of vector tiles. */
  public static final String MVT = "application/vnd.mapbox-vector-tile";

  /** Highest zoom served. */
  public static final int MAX_ZOOM = 22;

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,8}");
  private static final Pattern FILE = Pattern.compile("([0-9]{1,8})\\.mvt");
  private static final String LAYERS =
      Arrays.stream(TileLayer.values()).map(TileLayer::id).collect(Collectors.joining(", "));

  private final DataSource dataSource;
  private final Schema schema;
  private final TileCache cache;

  /** Tiles over the database with the given cache. */
  public TilesApi(DataSource dataSource, Schema schema, TileCache cache) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.cache = cache;
  }

  /** Answers one tile request (route {@code /tiles/{layer}/{z}/{x}/{file}}). */
  public void tile(Context ctx) {
    String layerId = ctx.pathParam("layer");
    TileLayer layer =
        TileLayer.parse(layerId)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "unknown tile layer " + clip(layerId) + " (layers: " + LAYERS + ")"));
    int z = number(ctx.pathParam("z"), "zoom");
    if (z > MAX_ZOOM) {
      throw ApiException.badRequest("zoom must be 0.." + MAX_ZOOM + ", got " + z);
    }
    int x = number(ctx.pathParam("x"), "x");
    Matcher file = FILE.matcher(ctx.pathParam("file"));
    if (!file.matches()) {
      throw ApiException.badRequest(
          "tile must be {y}.mvt with a number y, got " + clip(ctx.pathParam("file")));
    }
    int y = Integer.parseInt(file.group(1));
    long size = 1L << z;
    if (x >= size || y >= size) {
      throw ApiException.badRequest(
          "tile " + z + "/" + x + "/" + y + " does not exist: x and y must be 0.." + (size - 1));
    }
    YearMonth month = Params.optionalMonth("month", ctx.queryParam("month"));
    if (month == null && layer.monthRequired()) {
      throw ApiException.badRequest(
          "layer " + layer.id() + " needs query parameter month (YYYY-MM)");
    }
    schema.ensure();
    String m = month == null ? null : Periods.format(month);
    Scope scope = AccessControl.scope(ctx);
    TileCache.Key key = new TileCache.Key(cache.currentPublish(), scope, layer, m, z, x, y);
    TileCache.Entry entry =
        cache.get(key, () -> gzip(TileQueries.tile(dataSource, layer, z, x, y, month, scope)));
    ctx.header("X-Tile-Cache", entry.hit() ? "hit" : "miss");
    ctx.header("Vary", "Accept-Encoding");
    ctx.header("Cache-Control", "no-cache");
    ctx.attribute(Json.BODY_WRITTEN, Boolean.TRUE);
    if (entry.gzipped().length == 0) {
      ctx.status(204);
      return;
    }
    ctx.status(200).contentType(MVT);
    if (acceptsGzip(ctx.header("Accept-Encoding"))) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(entry.gzipped());
    } else {
      ctx.result(gunzip(entry.gzipped()));
    }
  }

  /** True when an Accept-Encoding header value allows gzip (a {@code q=0} refuses it). */
  static boolean acceptsGzip(String header) {
    if (header == null) {
      return false;
    }
    for (String part : header.split(",")) {
      String[] p = part.trim().split(";");
      String coding = p[0].trim();
      if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
        boolean refused = false;
        for (int i = 1; i < p.length; i++) {
          String param = p[i].trim().replace(" ", "");
          if (param.matches("q=0(\\.0{0,3})?")) {
            refused = true;
          }
        }
        if (!refused) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Gzips an MVT at the fastest level (a 1.3 MB z10 patrol tile: ≈ 9 ms instead of ≈ 33 ms at the
   * default level, 12 % larger); an empty tile stays empty.
   */
  static byte[] gzip(byte[] raw) {
    if (raw.length == 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out, 8192) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int number(String text, String what) {
    if (text == null || !NUMBER.matcher(text).matches()) {
      throw ApiException.badRequest(what + " must be a non-negative integer, got " + clip(text));
    }
    return Integer.parseInt(text);
  }

  private static String clip(String text) {
    return Params.clip(text);
  }
}
