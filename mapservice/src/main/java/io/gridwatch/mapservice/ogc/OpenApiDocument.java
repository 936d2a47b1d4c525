package io.gridwatch.mapservice.ogc;

import io.gridwatch.store.query.FeatureLayer;
import io.gridwatch.store.query.FeatureQueries;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAPI 3.0 document ({@code /ogc/api}) describing the OGC API – Features paths. */
public final class OpenApiDocument {
  private OpenApiDocument() {}

  /** The document for an API rooted at {@code root} (e.g. {@code http://host:8080/ogc}). */
  public static Map<String, Object> build(String root) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        map(
            "title", "gridwatch OGC API – Features",
            "version", "1.0.0",
            "description",
                "OGC API – Features – Part 1: Core（core, geojson, oas30）：网格、企业、巡查打卡、网格月度指标。"
                    + " / Grids, enterprises, patrol check-ins and grid month metrics."));
    doc.put("servers", List.of(map("url", root)));

    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put(
        "/",
        get(
            "getLandingPage",
            "入口页 / landing page",
            List.of(ref("f")),
            ok("application/json", "landingPage")));
    paths.put(
        "/conformance",
        get(
            "getConformanceDeclaration",
            "符合性类 / conformance classes",
            List.of(ref("f")),
            ok("application/json", "confClasses")));
    paths.put(
        "/api",
        get(
            "getApiDescription",
            "本 API 定义 / this API definition",
            List.of(ref("f")),
            ok(OgcLinks.OPENAPI, null)));
    paths.put(
        "/collections",
        get(
            "getCollections",
            "要素集合 / feature collections",
            List.of(ref("f")),
            ok("application/json", "collections")));
    paths.put(
        "/collections/{collectionId}",
        get(
            "describeCollection",
            "一个要素集合 / one feature collection",
            List.of(ref("collectionId"), ref("f")),
            ok("application/json", "collection")));
    paths.put(
        "/collections/{collectionId}/items",
        get(
            "getFeatures",
            "要素分页（按 id 排序）/ a page of features ordered by id",
            List.of(
                ref("collectionId"),
                ref("bbox"),
                ref("datetime"),
                ref("limit"),
                ref("offset"),
                ref("featuresF")),
            features("featureCollectionGeoJSON")));
    paths.put(
        "/collections/{collectionId}/items/{featureId}",
        get(
            "getFeature",
            "一个要素 / one feature",
            List.of(ref("collectionId"), ref("featureId"), ref("featuresF")),
            features("featureGeoJSON")));
    doc.put("paths", paths);
    doc.put("components", map("parameters", parameters(), "schemas", schemas()));
    return doc;
  }

  private static Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(
        "collectionId",
        map(
            "name", "collectionId",
            "in", "path",
            "required", true,
            "description", "集合 id / collection id",
            "schema",
                map(
                    "type",
                    "string",
                    "enum",
                    Arrays.stream(FeatureLayer.values()).map(FeatureLayer::id).toList())));
    p.put(
        "featureId",
        map(
            "name", "featureId",
            "in", "path",
            "required", true,
            "description", "要素 id / feature id",
            "schema", map("type", "string")));
    p.put(
        "bbox",
        map(
            "name", "bbox",
            "in", "query",
            "required", false,
            "style", "form",
            "explode", false,
            "description",
                "minLon,minLat,maxLon,maxLat (CRS84); 与之相交的要素 / features that intersect it",
            "schema",
                map(
                    "type",
                    "array",
                    "minItems",
                    4,
                    "maxItems",
                    6,
                    "items",
                    map("type", "number"))));
    p.put(
        "datetime",
        map(
            "name",
            "datetime",
            "in",
            "query",
            "required",
            false,
            "style",
            "form",
            "explode",
            false,
            "description",
            "RFC 3339 时刻或区间 start/end（开放端 .. ）/ an instant or an interval,"
                + " open ends as ..; applies to patrols (visited_at) and grid_month (month)",
            "schema",
            map("type", "string")));
    p.put(
        "limit",
        map(
            "name", "limit",
            "in", "query",
            "required", false,
            "style", "form",
            "explode", false,
            "description", "每页要素数，超出范围时截断 / page size, clamped to the range",
            "schema",
                map(
                    "type",
                    "integer",
                    "minimum",
                    1,
                    "maximum",
                    FeatureQueries.MAX_LIMIT,
                    "default",
                    OgcParams.DEFAULT_LIMIT)));
    p.put(
        "offset",
        map(
            "name", "offset",
            "in", "query",
            "required", false,
            "style", "form",
            "explode", false,
            "description", "跳过的要素数 / features to skip",
            "schema", map("type", "integer", "minimum", 0, "default", 0)));
    p.put(
        "f",
        map(
            "name",
            "f",
            "in",
            "query",
            "required",
            false,
            "style",
            "form",
            "explode",
            false,
            "schema",
            map("type", "string", "enum", List.of("json"), "default", "json")));
    p.put(
        "featuresF",
        map(
            "name",
            "f",
            "in",
            "query",
            "required",
            false,
            "style",
            "form",
            "explode",
            false,
            "schema",
            map("type", "string", "enum", List.of("geojson", "json"), "default", "geojson")));
    return p;
  }

  private static Map<String, Object> schemas() {
    Map<String, Object> s = new LinkedHashMap<>();
    Map<String, Object> link =
        map(
            "type",
            "object",
            "required",
            List.of("href", "rel"),
            "properties",
            map(
                "href", map("type", "string"),
                "rel", map("type", "string"),
                "type", map("type", "string"),
                "title", map("type", "string")));
    Map<String, Object> links = map("type", "array", "items", ref("#/components/schemas/link"));
    s.put("link", link);
    s.put(
        "exception",
        map(
            "type",
            "object",
            "required",
            List.of("error", "status"),
            "properties",
            map("error", map("type", "string"), "status", map("type", "integer"))));
    s.put(
        "landingPage",
        object(
            List.of("links"),
            map(
                "title", map("type", "string"),
                "description", map("type", "string"),
                "links", links)));
    s.put(
        "confClasses",
        object(
            List.of("conformsTo"),
            map("conformsTo", map("type", "array", "items", map("type", "string")))));
    s.put(
        "collection",
        object(
            List.of("id", "links"),
            map(
                "id", map("type", "string"),
                "title", map("type", "string"),
                "description", map("type", "string"),
                "links", links,
                "extent", map("type", "object"),
                "itemType", map("type", "string"),
                "crs", map("type", "array", "items", map("type", "string")))));
    s.put(
        "collections",
        object(
            List.of("links", "collections"),
            map(
                "links",
                links,
                "collections",
                map("type", "array", "items", ref("#/components/schemas/collection")))));
    s.put(
        "featureGeoJSON",
        object(
            List.of("type", "geometry", "properties"),
            map(
                "type", map("type", "string", "enum", List.of("Feature")),
                "id", map("type", "string"),
                "geometry", map("type", "object", "nullable", true),
                "properties", map("type", "object", "nullable", true),
                "links", links)));
    s.put(
        "featureCollectionGeoJSON",
        object(
            List.of("type", "features"),
            map(
                "type", map("type", "string", "enum", List.of("FeatureCollection")),
                "features",
                    map("type", "array", "items", ref("#/components/schemas/featureGeoJSON")),
                "links", links,
                "timeStamp", map("type", "string", "format", "date-time"),
                "numberMatched", map("type", "integer", "minimum", 0),
                "numberReturned", map("type", "integer", "minimum", 0))));
    return s;
  }

  private static Map<String, Object> get(
      String operationId, String summary, List<?> parameters, Map<String, Object> ok) {
    Map<String, Object> responses = new LinkedHashMap<>(ok);
    responses.put("400", error("参数无效 / bad or unknown query parameter"));
    responses.put("404", error("未找到 / not found"));
    responses.put("500", error("服务器错误 / server error"));
    responses.put("503", error("数据库不可用 / database unavailable"));
    return map(
        "get",
        map(
            "operationId", operationId,
            "summary", summary,
            "parameters", parameters,
            "responses", responses));
  }

  private static Map<String, Object> ok(String mediaType, String schema) {
    Map<String, Object> content =
        map(
            mediaType,
            schema == null
                ? map("schema", map("type", "object"))
                : map("schema", schemaRef(schema)));
    return map("200", map("description", "OK", "content", content));
  }

  private static Map<String, Object> features(String schema) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put(OgcLinks.GEOJSON, map("schema", schemaRef(schema)));
    content.put(OgcLinks.JSON, map("schema", schemaRef(schema)));
    return map("200", map("description", "OK", "content", content));
  }

  private static Map<String, Object> error(String description) {
    return map(
        "description",
        description,
        "content",
        map("application/json", map("schema", schemaRef("exception"))));
  }

  private static Map<String, Object> object(List<String> required, Map<String, Object> props) {
    return map("type", "object", "required", required, "properties", props);
  }

  private static Map<String, Object> schemaRef(String name) {
    return ref("#/components/schemas/" + name);
  }

  private static Map<String, Object> ref(String target) {
    return map("$ref", target.startsWith("#") ? target : "#/components/parameters/" + target);
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
