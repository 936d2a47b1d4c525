package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.gridwatch.store.Db;
import io.gridwatch.store.ScratchDatabase;
import io.gridwatch.store.query.FeatureLayer;
import io.gridwatch.store.query.FeatureQueries;
import io.gridwatch.store.query.FeatureQueries.Filter;
import io.gridwatch.store.query.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OGC API – Features under /ogc against the real PostGIS with {@link OgcFixture}; counts are
 * hand-checked from the fixture's layout. GDAL's ogrinfo (Debian gdal-bin) reads it as a real
 * client.
 */
class OgcApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String OGC = "/ogc";
  private static final Map<String, Integer> COUNTS =
      Map.of(
          "grids", OgcFixture.GRIDS,
          "enterprises", OgcFixture.ENTERPRISES,
          "patrols", OgcFixture.PATROLS,
          "grid_month", OgcFixture.GRID_MONTHS);

  private static ScratchDatabase db;
  private static MapServer server;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() {
    db = ScratchDatabase.createLocal("gw_ogc_test");
    try {
      OgcFixture.publish(db.url());
      token =
          io.gridwatch.store.auth.Users.addTo(
              db.url(),
              new io.gridwatch.store.auth.User(
                  "gis", io.gridwatch.store.auth.Role.ANALYST, null, null),
              "ogc-test-pass");
      server = MapServer.start(new ServeConfig(db.url(), 0, "127.0.0.1"));
      base = "http://127.0.0.1:" + server.port();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.stop();
      }
    } finally {
      db.close();
    }
  }

  // ---------------------------------------------------------------- landing, conformance, api

  @Test
  void landingPageLinksSelfServiceDescConformanceAndData() throws Exception {
    HttpResponse<String> r = get(OGC);
    assertThat(r.statusCode()).isEqualTo(200);
    assertContentType(r, "application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("title").asText()).isNotBlank();
    Map<String, JsonNode> links = byRel(body.get("links"));
    assertThat(links).containsOnlyKeys("self", "service-desc", "conformance", "data");
    assertThat(links.get("self").get("href").asText()).isEqualTo(base + "/ogc");
    assertThat(links.get("service-desc").get("href").asText()).isEqualTo(base + "/ogc/api");
    assertThat(links.get("service-desc").get("type").asText())
        .isEqualTo("application/vnd.oai.openapi+json;version=3.0");
    assertThat(links.get("conformance").get("href").asText()).isEqualTo(base + "/ogc/conformance");
    assertThat(links.get("data").get("href").asText()).isEqualTo(base + "/ogc/collections");
    // every link resolves with the advertised media type
    for (JsonNode link : body.get("links")) {
      HttpResponse<String> target = getUrl(link.get("href").asText());
      assertThat(target.statusCode()).as(link.toString()).isEqualTo(200);
      assertContentType(target, link.get("type").asText().replace(";version=3.0", ""));
    }
    assertThat(get(OGC + "?f=json").statusCode()).isEqualTo(200);
    assertThat(get(OGC + "/").statusCode()).isEqualTo(200);
  }

  @Test
  void conformanceDeclaresCoreGeoJsonAndOpenApi() throws Exception {
    JsonNode body = json(get(OGC + "/conformance"));
    List<String> classes = new ArrayList<>();
    body.get("conformsTo").forEach(c -> classes.add(c.asText()));
    assertThat(classes)
        .containsExactlyInAnyOrder(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
  }

  @Test
  void apiIsAnOpenApi30DocumentOfEveryPath() throws Exception {
    HttpResponse<String> r = get(OGC + "/api");
    assertThat(r.statusCode()).isEqualTo(200);
    assertContentType(r, "application/vnd.oai.openapi+json");
    JsonNode doc = JSON.readTree(r.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.0.");
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo(base + "/ogc");
    List<String> paths = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .containsExactly(
            "/",
            "/conformance",
            "/api",
            "/collections",
            "/collections/{collectionId}",
            "/collections/{collectionId}/items",
            "/collections/{collectionId}/items/{featureId}");
    List<String> params = new ArrayList<>();
    doc.at("/paths/~1collections~1{collectionId}~1items/get/parameters")
        .forEach(p -> params.add(p.get("$ref").asText().replace("#/components/parameters/", "")));
    assertThat(params)
        .containsExactly("collectionId", "bbox", "datetime", "limit", "offset", "featuresF");
    // every $ref resolves inside the document
    Matcher refs = Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(r.body());
    int n = 0;
    while (refs.find()) {
      n++;
      assertThat(doc.at("/" + refs.group(1)).isMissingNode()).as(refs.group(1)).isFalse();
    }
    assertThat(n).isGreaterThan(10);
    assertThat(doc.at("/components/parameters/limit/schema/maximum").asInt()).isEqualTo(10000);
    assertThat(doc.at("/components/parameters/collectionId/schema/enum").toString())
        .isEqualTo("[\"grids\",\"enterprises\",\"patrols\",\"grid_month\"]");
  }

  // ---------------------------------------------------------------- collections

  @Test
  void collectionsListEveryLayerWithExtentsFromTheData() throws Exception {
    JsonNode body = json(get(OGC + "/collections"));
    assertThat(byRel(body.get("links")).get("self").get("href").asText())
        .isEqualTo(base + "/ogc/collections");
    List<String> ids = new ArrayList<>();
    body.get("collections").forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).containsExactly("grids", "enterprises", "patrols", "grid_month");
    for (JsonNode c : body.get("collections")) {
      String id = c.get("id").asText();
      assertThat(c.get("itemType").asText()).isEqualTo("feature");
      assertThat(c.get("crs").toString())
          .isEqualTo("[\"http://www.opengis.net/def/crs/OGC/1.3/CRS84\"]");
      assertThat(c.at("/extent/spatial/crs").asText())
          .isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
      Map<String, JsonNode> links = byRel(c.get("links"));
      assertThat(links.get("self").get("href").asText()).isEqualTo(base + "/ogc/collections/" + id);
      assertThat(links.get("items").get("href").asText())
          .isEqualTo(base + "/ogc/collections/" + id + "/items");
      assertThat(links.get("items").get("type").asText()).isEqualTo("application/geo+json");
      // the single collection resource says the same
      assertThat(json(get(OGC + "/collections/" + id))).isEqualTo(c);
    }
    JsonNode grids = body.get("collections").get(0);
    assertBbox(grids, 104.60, 30.10, 104.678, 30.158);
    assertThat(grids.at("/extent/temporal").isMissingNode()).isTrue();
    assertBbox(body.get("collections").get(1), 104.603, 30.103, 104.669, 30.149);
    JsonNode patrols = body.get("collections").get(2);
    assertBbox(patrols, 104.603, 30.103, 104.669, 30.149);
    assertThat(patrols.at("/extent/temporal/interval").toString())
        .isEqualTo("[[\"2025-02-20T02:00:00Z\",\"2025-04-27T02:00:00Z\"]]");
    JsonNode gridMonth = body.get("collections").get(3);
    assertBbox(gridMonth, 104.595, 30.095, 104.678, 30.158); // includes G01 of layout 1
    // months 2025-02 .. 2025-04 in Asia/Shanghai
    assertThat(gridMonth.at("/extent/temporal/interval").toString())
        .isEqualTo("[[\"2025-01-31T16:00:00Z\",\"2025-04-30T16:00:00Z\"]]");
  }

  // ---------------------------------------------------------------- items

  @Test
  void itemsAreAGeoJsonPageWithCountsAndLinks() throws Exception {
    HttpResponse<String> r = get(OGC + "/collections/patrols/items");
    assertThat(r.statusCode()).isEqualTo(200);
    assertContentType(r, "application/geo+json");
    JsonNode fc = JSON.readTree(r.body());
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.get("numberMatched").asLong()).isEqualTo(23);
    assertThat(fc.get("numberReturned").asInt()).isEqualTo(10); // default limit
    assertThat(fc.get("features")).hasSize(10);
    assertThat(fc.get("timeStamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    Map<String, JsonNode> links = byRel(fc.get("links"));
    assertThat(links).containsOnlyKeys("self", "alternate", "next", "collection");
    String items = base + "/ogc/collections/patrols/items";
    assertThat(links.get("self").get("href").asText()).isEqualTo(items + "?limit=10");
    assertThat(links.get("self").get("type").asText()).isEqualTo("application/geo+json");
    assertThat(links.get("alternate").get("href").asText()).isEqualTo(items + "?limit=10&f=json");
    assertThat(links.get("alternate").get("type").asText()).isEqualTo("application/json");
    assertThat(links.get("next").get("href").asText()).isEqualTo(items + "?limit=10&offset=10");
    assertThat(links.get("collection").get("href").asText())
        .isEqualTo(base + "/ogc/collections/patrols");

    JsonNode p04 = fc.get("features").get(3);
    assertThat(p04.get("type").asText()).isEqualTo("Feature");
    assertThat(p04.get("id").asText()).isEqualTo("P04");
    assertThat(p04.at("/geometry/type").asText()).isEqualTo("Point");
    assertThat(p04.at("/geometry/coordinates/0").asDouble()).isCloseTo(104.669, within(1e-9));
    assertThat(p04.at("/geometry/coordinates/1").asDouble()).isCloseTo(30.109, within(1e-9));
    assertThat(p04.at("/properties/visited_at").asText()).isEqualTo("2025-03-01T02:00:00Z");
    assertThat(p04.at("/properties/month").asText()).isEqualTo("2025-03");
    assertThat(p04.at("/properties/enterprise_id").asText()).isEqualTo("E04");
    assertThat(p04.at("/properties/worker_id").asText()).isEqualTo("W-G04");

    // the alternate is the same page as application/json
    HttpResponse<String> alt = getUrl(links.get("alternate").get("href").asText());
    assertContentType(alt, "application/json");
    assertThat(JSON.readTree(alt.body()).get("features")).isEqualTo(fc.get("features"));
    Map<String, JsonNode> altLinks = byRel(JSON.readTree(alt.body()).get("links"));
    assertThat(altLinks.get("self").get("href").asText()).isEqualTo(items + "?limit=10&f=json");
    assertThat(altLinks.get("next").get("href").asText())
        .isEqualTo(items + "?limit=10&offset=10&f=json");
    assertThat(altLinks.get("alternate").get("href").asText())
        .isEqualTo(items + "?limit=10&f=geojson");
  }

  @Test
  void pagingWalksEveryGridForwardAndBackInIdOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    String url = base + "/ogc/collections/grids/items?limit=5";
    while (url != null) {
      pages.add(url);
      JsonNode fc = json(getUrl(url));
      assertThat(fc.get("numberMatched").asInt()).isEqualTo(12);
      assertThat(fc.get("numberReturned").asInt()).isEqualTo(fc.get("features").size());
      fc.get("features").forEach(f -> seen.add(f.get("id").asText()));
      JsonNode next = byRel(fc.get("links")).get("next");
      url = next == null ? null : next.get("href").asText();
    }
    assertThat(seen)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 12).mapToObj(OgcFixture::gridId).toList());
    assertThat(pages).hasSize(3);
    assertThat(pages.get(2)).endsWith("?limit=5&offset=10");

    // back from the last page: prev links lead to offset 5, then to the first page (no prev)
    List<String> back = new ArrayList<>();
    String at = pages.get(2);
    while (at != null) {
      JsonNode fc = json(getUrl(at));
      List<String> ids = new ArrayList<>();
      fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
      back.add(0, String.join(",", ids));
      JsonNode prev = byRel(fc.get("links")).get("prev");
      at = prev == null ? null : prev.get("href").asText();
    }
    assertThat(back).containsExactly("G01,G02,G03,G04,G05", "G06,G07,G08,G09,G10", "G11,G12");

    // an offset that is not a multiple of limit goes back to 0, never below
    JsonNode odd = json(get(OGC + "/collections/grids/items?limit=5&offset=3"));
    assertThat(odd.at("/features/0/id").asText()).isEqualTo("G04");
    assertThat(byRel(odd.get("links")).get("prev").get("href").asText())
        .isEqualTo(base + "/ogc/collections/grids/items?limit=5");
    // past the end: no features, still counted
    JsonNode past = json(get(OGC + "/collections/grids/items?offset=50"));
    assertThat(past.get("numberMatched").asInt()).isEqualTo(12);
    assertThat(past.get("numberReturned").asInt()).isZero();
    assertThat(byRel(past.get("links"))).doesNotContainKey("next").containsKey("prev");
  }

  @Test
  void limitIsClampedToOneAndTenThousand() throws Exception {
    String items = base + "/ogc/collections/grids/items";
    JsonNode zero = json(get(OGC + "/collections/grids/items?limit=0"));
    assertThat(zero.get("numberReturned").asInt()).isEqualTo(1);
    assertThat(byRel(zero.get("links")).get("self").get("href").asText())
        .isEqualTo(items + "?limit=1");
    assertThat(json(get(OGC + "/collections/grids/items?limit=-7")).get("numberReturned").asInt())
        .isEqualTo(1);
    JsonNode huge = json(get(OGC + "/collections/grids/items?limit=99999999999999999999"));
    assertThat(huge.get("numberReturned").asInt()).isEqualTo(12);
    assertThat(byRel(huge.get("links")).get("self").get("href").asText())
        .isEqualTo(items + "?limit=10000");
    assertThat(byRel(huge.get("links"))).doesNotContainKeys("next", "prev");
  }

  @Test
  void bboxSelectsFeaturesThatIntersectIt() throws Exception {
    // column 0 (104.600 .. 104.618): G01, G05, G09 of the newest layout
    assertThat(ids("grids", "bbox=104.600,30.100,104.610,30.160"))
        .containsExactly("G01", "G05", "G09");
    // the same with heights (6 numbers)
    assertThat(ids("grids", "bbox=104.600,30.100,0,104.610,30.160,100"))
        .containsExactly("G01", "G05", "G09");
    // the gap between column 0 and column 1 holds nothing
    assertThat(ids("grids", "bbox=104.6185,30.0,104.6195,31.0")).isEmpty();
    assertThat(ids("grids", "bbox=104,30,105,31")).hasSize(12);
    // west edge east of the east edge: across the antimeridian, [104.625, 180] ∪ [-180, 104]
    assertThat(ids("grids", "bbox=104.625,30.0,104.0,31.0"))
        .containsExactly("G02", "G03", "G04", "G06", "G07", "G08", "G10", "G11", "G12");
    assertThat(ids("enterprises", "bbox=104.600,30.100,104.610,30.160"))
        .containsExactly("E01", "E05", "E09", "E13");
    // grid_month: G01 of layout 1 (2025-02), column 0 in 2025-03 and 2025-04
    assertThat(ids("grid_month", "bbox=104.600,30.100,104.610,30.160"))
        .containsExactly(
            "G01_2025-02",
            "G01_2025-03",
            "G01_2025-04",
            "G05_2025-03",
            "G05_2025-04",
            "G09_2025-03");
    // patrols at E01: P01 (February) and P14 (March 31)
    assertThat(ids("patrols", "bbox=104.6085,30.1085,104.6095,30.1095"))
        .containsExactly("P01", "P14");
    // numberMatched counts the filter, links keep it
    JsonNode page = json(get(OGC + "/collections/grids/items?bbox=104,30,105,31&limit=5"));
    assertThat(page.get("numberMatched").asInt()).isEqualTo(12);
    assertThat(byRel(page.get("links")).get("next").get("href").asText())
        .isEqualTo(base + "/ogc/collections/grids/items?bbox=104,30,105,31&limit=5&offset=5");
  }

  @Test
  void datetimeFiltersPatrolsByVisitedAt() throws Exception {
    assertThat(ids("patrols", "datetime=2025-03-01T02:00:00Z")).containsExactly("P04");
    // the same instant with an offset, encoded and (as browsers send '+') unencoded
    assertThat(ids("patrols", "datetime=2025-03-01T10:00:00%2B08:00")).containsExactly("P04");
    assertThat(ids("patrols", "datetime=2025-03-01T10:00:00+08:00")).containsExactly("P04");
    assertThat(ids("patrols", "datetime=2025-03-01T02:00:01Z")).isEmpty();
    assertThat(ids("patrols", "datetime=2025-03-01T00:00:00%2B08:00/2025-03-31T23:59:59%2B08:00"))
        .hasSize(11)
        .startsWith("P04")
        .endsWith("P14");
    assertThat(ids("patrols", "datetime=../2025-02-28T00:00:00Z"))
        .containsExactly("P01", "P02", "P03");
    assertThat(ids("patrols", "datetime=/2025-02-28T00:00:00Z"))
        .containsExactly("P01", "P02", "P03");
    assertThat(ids("patrols", "datetime=2025-04-15T00:00:00Z/.."))
        .containsExactly("P19", "P20", "P21", "P22", "P23");
    assertThat(ids("patrols", "datetime=2025-04-15T00:00:00Z/"))
        .containsExactly("P19", "P20", "P21", "P22", "P23");
    // closed interval: both ends included
    assertThat(ids("patrols", "datetime=2025-04-15T02:00:00Z/2025-04-18T02:00:00Z"))
        .containsExactly("P19", "P20");
    // with bbox: at E01 in March only P14
    assertThat(
            ids(
                "patrols",
                "bbox=104.6085,30.1085,104.6095,30.1095"
                    + "&datetime=2025-03-01T00:00:00Z/2025-03-31T23:59:59Z"))
        .containsExactly("P14");
    // datetime is kept in the paging links
    JsonNode page =
        json(get(OGC + "/collections/patrols/items?datetime=2025-03-01T00:00:00Z/..&limit=4"));
    assertThat(page.get("numberMatched").asInt()).isEqualTo(20);
    assertThat(byRel(page.get("links")).get("next").get("href").asText())
        .isEqualTo(
            base
                + "/ogc/collections/patrols/items?datetime=2025-03-01T00:00:00Z/..&limit=4&offset=4");
  }

  @Test
  void datetimeSelectsTheGridMonthsItMeetsInShanghaiTime() throws Exception {
    assertThat(ids("grid_month", "datetime=2025-03-15T00:00:00Z")).hasSize(12);
    // 2025-03-31T16:00Z is April 1st, 00:00 in Shanghai
    assertThat(ids("grid_month", "datetime=2025-03-31T16:00:00Z"))
        .containsExactly(
            "G01_2025-04",
            "G02_2025-04",
            "G03_2025-04",
            "G04_2025-04",
            "G05_2025-04",
            "G06_2025-04");
    assertThat(ids("grid_month", "datetime=2025-03-31T15:59:59Z"))
        .hasSize(12)
        .allMatch(id -> id.endsWith("_2025-03"));
    assertThat(ids("grid_month", "datetime=../2025-03-01T00:00:00Z")).hasSize(13);
    assertThat(ids("grid_month", "datetime=2025-02-28T16:00:00Z/..")).hasSize(18);
    assertThat(ids("grid_month", "datetime=2025-02-28T15:59:59Z/2025-02-28T16:00:00Z")).hasSize(13);
    assertThat(
            ids("grid_month", "bbox=104.600,30.100,104.610,30.160&datetime=2025-03-15T00:00:00Z"))
        .containsExactly("G01_2025-03", "G05_2025-03", "G09_2025-03");
    // layers without time ignore a (valid) datetime
    assertThat(ids("grids", "datetime=2020-01-01T00:00:00Z")).hasSize(12);
  }

  // ---------------------------------------------------------------- single features

  @Test
  void singleFeaturesByIdWithTheirLinks() throws Exception {
    HttpResponse<String> r = get(OGC + "/collections/grids/items/G05");
    assertThat(r.statusCode()).isEqualTo(200);
    assertContentType(r, "application/geo+json");
    JsonNode g05 = JSON.readTree(r.body());
    assertThat(g05.get("type").asText()).isEqualTo("Feature");
    assertThat(g05.get("id").asText()).isEqualTo("G05");
    assertThat(g05.at("/geometry/type").asText()).isEqualTo("MultiPolygon");
    assertThat(g05.at("/properties/name").asText()).isEqualTo("网格05");
    assertThat(g05.at("/properties/town").asText()).isEqualTo("东城镇");
    assertThat(g05.at("/properties/community").asText()).isEqualTo("社区2");
    assertThat(g05.at("/properties/layout_version").asInt()).isEqualTo(2);
    Map<String, JsonNode> links = byRel(g05.get("links"));
    assertThat(links.get("self").get("href").asText())
        .isEqualTo(base + "/ogc/collections/grids/items/G05");
    assertThat(links.get("alternate").get("href").asText())
        .isEqualTo(base + "/ogc/collections/grids/items/G05?f=json");
    assertThat(links.get("collection").get("href").asText())
        .isEqualTo(base + "/ogc/collections/grids");
    assertContentType(get(OGC + "/collections/grids/items/G05?f=json"), "application/json");

    JsonNode e13 = json(get(OGC + "/collections/enterprises/items/E13"));
    assertThat(e13.at("/geometry/coordinates").toString()).isEqualTo("[104.603,30.103]");
    assertThat(e13.at("/properties/grid_id").asText()).isEqualTo("G01");
    assertThat(e13.at("/properties/registered_on").asText()).isEqualTo("2020-01-01");
    assertThat(e13.at("/properties/closed_on").isNull()).isTrue();

    // grid_month of February is drawn on G01 of layout 1
    JsonNode feb = json(get(OGC + "/collections/grid_month/items/G01_2025-02"));
    assertThat(feb.get("id").asText()).isEqualTo("G01_2025-02");
    assertThat(feb.at("/properties/layout_version").asInt()).isEqualTo(1);
    assertThat(feb.at("/properties/coverage").asDouble()).isEqualTo(0.75);
    assertThat(feb.at("/properties/name").asText()).isEqualTo("网格01");
    assertThat(feb.at("/geometry/coordinates/0/0/0").toString()).isEqualTo("[104.595,30.095]");

    JsonNode p14 = json(get(OGC + "/collections/patrols/items/P14"));
    assertThat(p14.at("/properties/visited_at").asText()).isEqualTo("2025-03-31T02:00:00Z");
  }

  // ---------------------------------------------------------------- errors

  @Test
  void badParametersAre400JsonErrors() throws Exception {
    String items = OGC + "/collections/patrols/items";
    String[] bad = {
      items + "?bbox=1,2,3",
      items + "?bbox=1,2,3,4,5",
      items + "?bbox=a,b,c,d",
      items + "?bbox=104,30,105,NaN",
      items + "?bbox=0x1p3,30,105,31",
      items + "?bbox=104,91,105,92",
      items + "?bbox=104,31,105,30",
      items + "?bbox=-181,30,105,31",
      items + "?bbox=",
      items + "?bbox=104,30,105,31&bbox=104,30,105,31",
      items + "?limit=abc",
      items + "?limit=1.5",
      items + "?limit=",
      items + "?offset=-1",
      items + "?offset=x",
      items + "?offset=99999999999999999999999",
      items + "?datetime=2025-13-01T00:00:00Z",
      items + "?datetime=2025-03-01",
      items + "?datetime=yesterday",
      items + "?datetime=../..",
      items + "?datetime=/",
      items + "?datetime=",
      items + "?datetime=2025-04-01T00:00:00Z/2025-03-01T00:00:00Z",
      items + "?datetime=2025-03-01T00:00:00Z/2025-03-02T00:00:00Z/2025-03-03T00:00:00Z",
      items + "?datetime=2025-03-01T00:00:00",
      items + "?foo=bar",
      items + "?resultType=hits",
      items + "?f=xml",
      items + "?f=html",
      OGC + "?foo=1",
      OGC + "?f=xml",
      OGC + "/conformance?limit=1",
      OGC + "/api?f=yaml",
      OGC + "/collections?bbox=1,2,3,4",
      OGC + "/collections?f=geojson",
      OGC + "/collections/grids?foo=1",
      OGC + "/collections/grids/items/G01?limit=1",
    };
    for (String path : bad) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
      assertJsonError(r, 400);
    }
    assertThat(JSON.readTree(get(items + "?foo=bar").body()).get("error").asText())
        .contains("unknown query parameter foo");
    assertThat(JSON.readTree(get(items + "?limit=abc").body()).get("error").asText())
        .contains("limit");
  }

  @Test
  void unknownCollectionsAndFeaturesAre404JsonErrors() throws Exception {
    String[] missing = {
      OGC + "/collections/nope",
      OGC + "/collections/nope/items",
      OGC + "/collections/nope/items/G01",
      OGC + "/collections/GRIDS",
      OGC + "/collections/grids/items/G99",
      OGC + "/collections/grids/items/E01",
      OGC + "/collections/grid_month/items/G01",
      OGC + "/collections/grid_month/items/G01_2025-13",
      OGC + "/collections/grid_month/items/G12_2025-04",
      OGC + "/collections/patrols/items/%E7%BD%91%E6%A0%BC",
      OGC + "/nope",
    };
    for (String path : missing) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(404);
      assertJsonError(r, 404);
    }
    // an unknown collection is a 404 even with bad parameters
    assertThat(get(OGC + "/collections/nope/items?limit=abc").statusCode()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- scope

  @Test
  void everyQueryHonoursAScope() {
    try (HikariDataSource ds = Db.dataSource(db.url(), 2)) {
      Scope east = new Scope("东城镇", null);
      assertThat(matched(ds, FeatureLayer.GRIDS, Scope.ALL)).isEqualTo(12);
      assertThat(matched(ds, FeatureLayer.GRIDS, east)).isEqualTo(6); // columns 0-1
      assertThat(matched(ds, FeatureLayer.GRIDS, new Scope("东城镇", "社区1"))).isEqualTo(2);
      assertThat(matched(ds, FeatureLayer.ENTERPRISES, east)).isEqualTo(7); // + E13
      // patrols by the workers of G01, G02, G05, G06, G09, G10: those of E01, E02, E05, E06,
      // E09, E10 (two each) and E13 (one)
      assertThat(matched(ds, FeatureLayer.PATROLS, east)).isEqualTo(13);
      assertThat(matched(ds, FeatureLayer.GRID_MONTH, east)).isEqualTo(1 + 6 + 4);
      assertThat(matched(ds, FeatureLayer.GRIDS, new Scope("北城镇", null))).isZero();
      assertThat(FeatureQueries.feature(ds, FeatureLayer.GRIDS, east, "G03")).isEmpty();
      assertThat(FeatureQueries.feature(ds, FeatureLayer.GRIDS, east, "G02")).isPresent();
      assertThat(FeatureQueries.extent(ds, FeatureLayer.GRIDS, east).bbox())
          .containsExactly(new double[] {104.60, 30.10, 104.638, 30.158}, within(1e-9));
    }
  }

  // ---------------------------------------------------------------- a real client: GDAL

  @Test
  void ogrinfoListsEveryCollectionWithItsFeatureCount() throws Exception {
    String out = ogrinfo("-ro", "-al", "-so", "OAPIF:" + base + "/ogc");
    Map<String, Integer> counts = new LinkedHashMap<>();
    String layer = null;
    for (String line : out.split("\n")) {
      if (line.startsWith("Layer name: ")) {
        layer = line.substring("Layer name: ".length()).trim();
      } else if (line.startsWith("Feature Count: ") && layer != null) {
        counts.put(layer, Integer.parseInt(line.substring("Feature Count: ".length()).trim()));
      }
    }
    assertThat(counts).as(out).isEqualTo(COUNTS);
    assertThat(out).contains("Extent: (104.600000, 30.100000) - (104.678000, 30.158000)");
  }

  @Test
  void ogrinfoReadsEveryFeatureOfACollectionPageByPage() throws Exception {
    // GDAL asks for pages of 10 by default (3.6) and follows the next links; PAGE_SIZE=4 makes
    // sure several pages are read whatever the GDAL version's default
    for (String[] pageSize : new String[][] {{}, {"-oo", "PAGE_SIZE=4"}}) {
      List<String> args = new ArrayList<>(List.of("-ro", "-al"));
      args.addAll(List.of(pageSize));
      args.add("OAPIF:" + base + "/ogc/collections/patrols");
      String out = ogrinfo(args.toArray(String[]::new));
      List<String> ids = new ArrayList<>();
      Matcher m = Pattern.compile("(?m)^\\s+patrol_id \\(String\\) = (\\S+)$").matcher(out);
      while (m.find()) {
        ids.add(m.group(1));
      }
      assertThat(ids)
          .as(String.join(" ", args))
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, 23).mapToObj(i -> String.format("P%02d", i)).toList());
      assertThat(out).contains("Feature Count: 23");
      assertThat(Pattern.compile("(?m)^OGRFeature\\(patrols\\):").matcher(out).results().count())
          .isEqualTo(23);
      assertThat(out).contains("visited_at (DateTime) = 2025/03/01 02:00:00+00");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static long matched(HikariDataSource ds, FeatureLayer layer, Scope scope) {
    return FeatureQueries.items(ds, layer, scope, Filter.NONE, 0, 1).numberMatched();
  }

  /** Runs ogrinfo; fails when it is missing (scripts/browser.sh installs Debian gdal-bin). */
  private static String ogrinfo(String... args) throws IOException, InterruptedException {
    Path exe = findOgrinfo();
    if (exe == null) {
      throw new AssertionError(
          "ogrinfo not found: install Debian gdal-bin (scripts/browser.sh does as root)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    // never through a proxy to the local test server
    pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
    pb.environment().put("no_proxy", "127.0.0.1,localhost");
    pb.environment().put("GDAL_HTTP_TIMEOUT", "30");
    // the API needs a user: GDAL sends the bearer token from a header file
    Path headers = Files.createTempFile("gdal-headers", ".txt");
    headers.toFile().deleteOnExit();
    Files.writeString(headers, "Authorization: Bearer " + token + "\n");
    pb.environment().put("GDAL_HTTP_HEADER_FILE", headers.toString());
    Process p = pb.start();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ogrinfo timed out");
    }
    String out = new String(bytes, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    assertThat(out).as(out).doesNotContain("ERROR");
    return out;
  }

  private static Path findOgrinfo() {
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>();
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    dirs.add("/usr/bin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir, "ogrinfo");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static List<String> ids(String collection, String query) throws Exception {
    HttpResponse<String> r = get(OGC + "/collections/" + collection + "/items?limit=1000&" + query);
    JsonNode fc = json(r);
    List<String> ids = new ArrayList<>();
    fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
    assertThat(fc.get("numberMatched").asInt()).as(query).isEqualTo(ids.size());
    return ids;
  }

  private static void assertBbox(JsonNode collection, double... expected) {
    JsonNode bbox = collection.at("/extent/spatial/bbox/0");
    assertThat(bbox.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(bbox.get(i).asDouble())
          .as(collection.get("id") + " bbox[" + i + "]")
          .isCloseTo(expected[i], within(1e-9));
    }
  }

  private static void assertContentType(HttpResponse<String> r, String mediaType) {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith(mediaType));
  }

  private static void assertJsonError(HttpResponse<String> r, int status) throws IOException {
    assertContentType(r, "application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static Map<String, JsonNode> byRel(JsonNode links) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode l : links) {
      out.putIfAbsent(l.get("rel").asText(), l);
    }
    return out;
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return getUrl(base + path);
  }

  private static HttpResponse<String> getUrl(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
