package io.gridwatch.mapservice.ogc;

import static io.gridwatch.mapservice.ogc.OgcLinks.GEOJSON;
import static io.gridwatch.mapservice.ogc.OgcLinks.JSON;
import static io.gridwatch.mapservice.ogc.OgcLinks.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.mapservice.api.ApiException;
import io.gridwatch.mapservice.api.Json;
import io.gridwatch.mapservice.api.Params;
import io.gridwatch.mapservice.api.Schema;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.ogc.OgcParams.Format;
import io.gridwatch.store.query.FeatureLayer;
import io.gridwatch.store.query.FeatureQueries;
import io.gridwatch.store.query.FeatureQueries.Bbox;
import io.gridwatch.store.query.FeatureQueries.Extent;
import io.gridwatch.store.query.FeatureQueries.Filter;
import io.gridwatch.store.query.FeatureQueries.Page;
import io.gridwatch.store.query.FeatureQueries.TimeRange;
import io.gridwatch.store.query.PublishLog;
import io.gridwatch.store.query.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * OGC API – Features – Part 1: Core under {@code /ogc} (conformance classes core, geojson, oas30):
 * landing page, conformance, OpenAPI 3.0 document, collections ({@link FeatureLayer}), items with
 * bbox/datetime/limit/offset paging, single features. JSON and GeoJSON only; errors are the
 * service's JSON errors (400 for bad or unknown parameters, 404 for unknown collections/features).
 */
public final class OgcApi {
  /** Longitude/latitude WGS 84, the only CRS served. */
  public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

  /** The Gregorian calendar (temporal extents). */
  public static final String GREGORIAN = "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian";

  /** The conformance classes implemented. */
  public static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record ExtentKey(long publishId, FeatureLayer layer, Scope scope) {}

  private final DataSource dataSource;
  private final Schema schema;
  private final Map<ExtentKey, Extent> extents = new ConcurrentHashMap<>();

  /** The OGC API over the given database. */
  public OgcApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** Registers every {@code /ogc} route. */
  public void routes(RoutesConfig routes) {
    routes.get("/ogc", this::landing);
    routes.get("/ogc/conformance", this::conformance);
    routes.get("/ogc/api", this::api);
    routes.get("/ogc/collections", this::collections);
    routes.get("/ogc/collections/{collectionId}", this::collection);
    routes.get("/ogc/collections/{collectionId}/items", this::items);
    routes.get("/ogc/collections/{collectionId}/items/{featureId}", this::item);
  }

  /** {@code GET /ogc}: title and the links self, service-desc, conformance, data. */
  public void landing(Context ctx) {
    plainFormat(ctx);
    String root = OgcLinks.root(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "gridwatch 网格巡查 OGC API – Features");
    body.put(
        "description",
        "网格、企业、巡查打卡与网格月度指标（WGS84）。"
            + " / Grids, enterprises, patrol check-ins and grid month metrics (WGS84).");
    body.put(
        "links",
        List.of(
            link(root, "self", JSON, "本页 / this document"),
            link(
                root + "/api",
                "service-desc",
                OgcLinks.OPENAPI,
                "API 定义 (OpenAPI 3.0) / API definition"),
            link(root + "/conformance", "conformance", JSON, "符合性类 / conformance classes"),
            link(root + "/collections", "data", JSON, "要素集合 / feature collections")));
    Json.write(ctx, 200, body);
  }

  /** {@code GET /ogc/conformance}: the implemented conformance classes. */
  public void conformance(Context ctx) {
    plainFormat(ctx);
    Json.write(ctx, 200, Map.of("conformsTo", CONFORMANCE));
  }

  /** {@code GET /ogc/api}: the OpenAPI 3.0 document of the OGC API. */
  public void api(Context ctx) {
    plainFormat(ctx);
    Json.writeRaw(ctx, 200, OgcLinks.OPENAPI, serialize(OpenApiDocument.build(OgcLinks.root(ctx))));
  }

  /** {@code GET /ogc/collections}: every collection with its extent and links. */
  public void collections(Context ctx) {
    plainFormat(ctx);
    String root = OgcLinks.root(ctx);
    schema.ensure();
    Scope scope = scope(ctx);
    List<Map<String, Object>> all = new ArrayList<>();
    for (FeatureLayer layer : FeatureLayer.values()) {
      all.add(describe(root, layer, scope));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("links", List.of(link(root + "/collections", "self", JSON, null)));
    body.put("collections", all);
    Json.write(ctx, 200, body);
  }

  /** {@code GET /ogc/collections/{collectionId}}: one collection. */
  public void collection(Context ctx) {
    FeatureLayer layer = layer(ctx);
    plainFormat(ctx);
    schema.ensure();
    Json.write(ctx, 200, describe(OgcLinks.root(ctx), layer, scope(ctx)));
  }

  /**
   * {@code GET /ogc/collections/{collectionId}/items?bbox=&datetime=&limit=&offset=&f=}: one page
   * of features ordered by id, with numberMatched/numberReturned/timeStamp and the links self,
   * alternate, collection and (when there are) next and prev.
   */
  public void items(Context ctx) {
    FeatureLayer layer = layer(ctx);
    Map<String, List<String>> q = ctx.queryParamMap();
    OgcParams.requireKnown(q, OgcParams.ITEMS);
    String f = OgcParams.single(q, "f");
    Format format = OgcParams.format(f, true);
    String bboxText = OgcParams.single(q, "bbox");
    Bbox bbox = OgcParams.bbox(bboxText);
    String datetimeText = OgcParams.single(q, "datetime");
    TimeRange time = OgcParams.datetime(datetimeText);
    int limit = OgcParams.limit(OgcParams.single(q, "limit"));
    long offset = OgcParams.offset(OgcParams.single(q, "offset"));
    schema.ensure();
    Page page =
        FeatureQueries.items(dataSource, layer, scope(ctx), new Filter(bbox, time), offset, limit);

    String collection = OgcLinks.root(ctx) + "/collections/" + layer.id();
    String items = collection + "/items";
    Format other = format == Format.JSON ? Format.GEOJSON : Format.JSON;
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(
        link(
            pageUrl(items, bboxText, datetimeText, limit, offset, f),
            "self",
            mediaType(format),
            "本页 / this page"));
    links.add(
        link(
            pageUrl(items, bboxText, datetimeText, limit, offset, other.id()),
            "alternate",
            mediaType(other),
            "本页 (" + other.id() + ") / this page as " + other.id()));
    if (offset + limit < page.numberMatched()) {
      links.add(
          link(
              pageUrl(items, bboxText, datetimeText, limit, offset + limit, f),
              "next",
              mediaType(format),
              "下一页 / next page"));
    }
    if (offset > 0) {
      links.add(
          link(
              pageUrl(items, bboxText, datetimeText, limit, Math.max(0, offset - limit), f),
              "prev",
              mediaType(format),
              "上一页 / previous page"));
    }
    links.add(link(collection, "collection", JSON, title(layer)));

    Map<String, Object> head = new LinkedHashMap<>();
    head.put("type", "FeatureCollection");
    head.put("numberMatched", page.numberMatched());
    head.put("numberReturned", page.features().size());
    head.put("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    head.put("links", links);
    String json = serialize(head);
    String body =
        json.substring(0, json.length() - 1)
            + ",\"features\":["
            + String.join(",", page.features())
            + "]}";
    Json.writeRaw(ctx, 200, contentType(format), body);
  }

  /** {@code GET /ogc/collections/{collectionId}/items/{featureId}}: one Feature, or a 404. */
  public void item(Context ctx) {
    FeatureLayer layer = layer(ctx);
    Map<String, List<String>> q = ctx.queryParamMap();
    OgcParams.requireKnown(q, OgcParams.PLAIN);
    String f = OgcParams.single(q, "f");
    Format format = OgcParams.format(f, true);
    String id = ctx.pathParam("featureId");
    schema.ensure();
    String feature =
        FeatureQueries.feature(dataSource, layer, scope(ctx), id)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "feature " + Params.clip(id) + " not found in collection " + layer.id()));
    String collection = OgcLinks.root(ctx) + "/collections/" + layer.id();
    String self = collection + "/items/" + OgcLinks.encode(id, true);
    Format other = format == Format.JSON ? Format.GEOJSON : Format.JSON;
    List<Map<String, Object>> links =
        List.of(
            link(f == null ? self : self + "?f=" + f, "self", mediaType(format), null),
            link(self + "?f=" + other.id(), "alternate", mediaType(other), null),
            link(collection, "collection", JSON, title(layer)));
    String body =
        feature.substring(0, feature.length() - 1) + ",\"links\":" + serialize(links) + "}";
    Json.writeRaw(ctx, 200, contentType(format), body);
  }

  /** The reader's scope (from its role, see AccessControl); every query below takes it. */
  private static Scope scope(Context ctx) {
    return AccessControl.scope(ctx);
  }

  private Map<String, Object> describe(String root, FeatureLayer layer, Scope scope) {
    String self = root + "/collections/" + layer.id();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", layer.id());
    c.put("title", title(layer));
    c.put("description", description(layer));
    c.put(
        "links",
        List.of(
            link(self, "self", JSON, title(layer)),
            link(self + "/items", "items", GEOJSON, "要素 / features"),
            link(self + "/items?f=json", "items", JSON, "要素 (json) / features as json")));
    Extent e = extent(layer, scope);
    Map<String, Object> extent = new LinkedHashMap<>();
    if (e.bbox() != null) {
      Map<String, Object> spatial = new LinkedHashMap<>();
      spatial.put("bbox", List.of(Arrays.stream(e.bbox()).boxed().toList()));
      spatial.put("crs", CRS84);
      extent.put("spatial", spatial);
    }
    if (layer.temporal() && (e.start() != null || e.end() != null)) {
      Map<String, Object> temporal = new LinkedHashMap<>();
      List<String> interval = new ArrayList<>();
      interval.add(e.start() == null ? null : e.start().toString());
      interval.add(e.end() == null ? null : e.end().toString());
      temporal.put("interval", List.of(interval));
      temporal.put("trs", GREGORIAN);
      extent.put("temporal", temporal);
    }
    if (!extent.isEmpty()) {
      c.put("extent", extent);
    }
    c.put("itemType", "feature");
    c.put("crs", List.of(CRS84));
    return c;
  }

  /** The layer's extent, cached until the next publish. */
  private Extent extent(FeatureLayer layer, Scope scope) {
    long publishId = PublishLog.latestId(dataSource);
    extents.keySet().removeIf(k -> k.publishId() != publishId);
    return extents.computeIfAbsent(
        new ExtentKey(publishId, layer, scope),
        k -> FeatureQueries.extent(dataSource, layer, scope));
  }

  /** The collection named by the path, or a 404. */
  private static FeatureLayer layer(Context ctx) {
    String id = ctx.pathParam("collectionId");
    return FeatureLayer.parse(id)
        .orElseThrow(() -> new ApiException(404, "collection " + Params.clip(id) + " not found"));
  }

  private static void plainFormat(Context ctx) {
    Map<String, List<String>> q = ctx.queryParamMap();
    OgcParams.requireKnown(q, OgcParams.PLAIN);
    OgcParams.format(OgcParams.single(q, "f"), false);
  }

  private static String pageUrl(
      String items, String bbox, String datetime, int limit, long offset, String f) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("bbox", bbox);
    query.put("datetime", datetime);
    query.put("limit", Integer.toString(limit));
    query.put("offset", offset > 0 ? Long.toString(offset) : null);
    query.put("f", f);
    return OgcLinks.withQuery(items, query);
  }

  private static String mediaType(Format format) {
    return format == Format.JSON ? JSON : GEOJSON;
  }

  private static String contentType(Format format) {
    return mediaType(format) + "; charset=utf-8";
  }

  /** The collection's title, Chinese first. */
  static String title(FeatureLayer layer) {
    return switch (layer) {
      case GRIDS -> "网格 / Grids";
      case ENTERPRISES -> "企业 / Enterprises";
      case PATROLS -> "巡查打卡 / Patrol check-ins";
      case GRID_MONTH -> "网格月度指标 / Grid month metrics";
    };
  }

  /** The collection's description, Chinese first. */
  static String description(FeatureLayer layer) {
    return switch (layer) {
      case GRIDS ->
          "最新布局的网格面及其属性（月度指标见 grid_month）。"
              + " / Grid polygons of the newest layout with their attributes"
              + " (monthly metrics: grid_month).";
      case ENTERPRISES -> "企业位置点。 / Enterprise locations.";
      case PATROLS ->
          "巡查打卡位置点；datetime 按打卡时间 visited_at 过滤。"
              + " / Patrol check-in points; datetime filters visited_at.";
      case GRID_MONTH ->
          "每个网格每月一个面（覆盖率、知晓率等）；datetime 按月份（北京时间）过滤，"
              + "要素 id 为 <grid_id>_<YYYY-MM>。"
              + " / One polygon per grid and month (coverage, awareness, ...); datetime"
              + " selects the months it meets (Asia/Shanghai); feature id <grid_id>_<YYYY-MM>.";
    };
  }

  private static String serialize(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize response", e);
    }
  }
}
