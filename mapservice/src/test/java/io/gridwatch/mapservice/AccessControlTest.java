package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.mapservice.MvtDecoder.Feature;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Log-in, roles and scope against the real PostGIS fixture of {@link TestService}: every data
 * endpoint needs a user; a 松涛镇 town user probing 高新区 ids and tiles gets nothing; phones are masked
 * except for the bureau; rankings (JSON, CSV, XLSX) and worker months; exports are audited.
 */
class AccessControlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestService service;
  private static String tile;

  @BeforeAll
  static void startService() {
    service = TestService.start();
    int[] xy = MvtDecoder.tileOf(104.62, 30.108, 12);
    tile = "12/" + xy[0] + "/" + xy[1] + ".mvt";
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @Test
  void everyDataEndpointNeedsAUserButHealthAndThePageDoNot() throws Exception {
    String[] data = {
      "/api/grids?month=2025-03",
      "/api/months",
      "/api/trends?metric=coverage",
      "/api/rankings?quarter=2025Q1",
      "/api/quarters",
      "/api/workers/W-G1/months",
      "/api/me",
      "/tiles/grids/" + tile + "?month=2025-03",
      "/tiles/patrols/" + tile + "?month=2025-03",
      "/ogc",
      "/ogc/collections/grids/items"
    };
    for (String path : data) {
      HttpResponse<String> anonymous = get(path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(JSON.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
      assertThat(get(path, "not-a-token").statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, service.token).statusCode()).as(path).isIn(200, 204);
    }
    assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/", null).statusCode()).isEqualTo(200);
  }

  @Test
  void logInSetsASessionCookieAndLogOutEndsIt() throws Exception {
    HttpResponse<String> wrong = login("songtao", "wrong-password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(post("/api/login", "application/json", "{\"login\": 1}", null).statusCode())
        .isEqualTo(400);
    assertThat(post("/api/login", "application/json", "not json", null).statusCode())
        .isEqualTo(400);

    HttpResponse<String> ok = login("songtao", TestService.PASSWORD);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).get("role").asText()).isEqualTo("town");
    String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("gw_session=").containsIgnoringCase("HttpOnly");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    JsonNode me = JSON.readTree(withCookie("/api/me", cookie).body());
    assertThat(me.get("login").asText()).isEqualTo("songtao");
    assertThat(me.get("town").asText()).isEqualTo("松涛镇");
    assertThat(me.get("sees_phones").asBoolean()).isFalse();
    // the cookie carries the town scope too
    JsonNode grids = JSON.readTree(withCookie("/api/grids?month=2025-03", cookie).body());
    assertThat(ids(grids.get("features"), "/properties/grid_id")).containsExactly("G3");

    assertThat(post("/api/logout", "application/json", "{}", cookie).statusCode()).isEqualTo(200);
    assertThat(withCookie("/api/me", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void aTownUserNeverReceivesAnotherTownsGridsWorkersOrTiles() throws Exception {
    String st = service.songtaoToken;
    JsonNode grids = ok("/api/grids?month=2025-03", st);
    assertThat(ids(grids.get("features"), "/properties/grid_id")).containsExactly("G3");
    JsonNode all = ok("/api/grids?month=2025-03", service.token);
    assertThat(ids(all.get("features"), "/properties/grid_id")).containsExactly("G1", "G2", "G3");
    JsonNode park = ok("/api/grids?month=2025-03", service.parkToken);
    assertThat(ids(park.get("features"), "/properties/grid_id")).containsExactly("G1", "G2");

    // workers of another town are indistinguishable from unknown ids
    assertThat(get("/api/workers/W-G1/months", st).statusCode()).isEqualTo(404);
    assertThat(get("/api/workers/NOPE/months", st).statusCode()).isEqualTo(404);
    JsonNode own = ok("/api/workers/W-G3/months", st);
    assertThat(own.at("/worker/name").asText()).isEqualTo("王三");
    assertThat(own.at("/worker/phone").asText()).isEqualTo("137****2222");

    JsonNode ranking = ok("/api/rankings?quarter=2025Q1", st);
    assertThat(ranking.get("rows")).isEmpty();
    JsonNode trends = ok("/api/trends?metric=coverage&group=town", st);
    assertThat(trends.get("series")).isEmpty();

    // tiles: G3 only; 高新区 workers' patrols and enterprises are not in the tile
    Map<String, Feature> gridTile = features("grids", "?month=2025-03", st, "grid_id");
    assertThat(gridTile).containsOnlyKeys("G3");
    assertThat(get("/tiles/patrols/" + tile + "?month=2025-03", st).statusCode()).isEqualTo(204);
    assertThat(get("/tiles/density/" + tile + "?month=2025-03", st).statusCode()).isEqualTo(204);
    Map<String, Feature> ent = features("enterprises", "?month=2025-03", st, "enterprise_id");
    assertThat(ent).containsOnlyKeys("E4");
    // the same tiles for the bureau (the cache is keyed by scope: no leak either way)
    assertThat(features("grids", "?month=2025-03", service.token, "grid_id"))
        .containsOnlyKeys("G1", "G2", "G3");
    assertThat(features("patrols", "?month=2025-03", service.token, "patrol_id"))
        .containsOnlyKeys("P1", "P2", "P3");
    assertThat(features("grids", "?month=2025-03", st, "grid_id")).containsOnlyKeys("G3");

    // OGC API – Features is scoped too
    JsonNode items = ok("/ogc/collections/grids/items", st);
    assertThat(ids(items.get("features"), "/properties/grid_id")).containsExactly("G3");
    assertThat(get("/ogc/collections/grids/items/G1", st).statusCode()).isEqualTo(404);
  }

  @Test
  void phonesAreMaskedForEveryoneButTheBureau() throws Exception {
    assertThat(ok("/api/workers/W-G1/months", service.token).at("/worker/phone").asText())
        .isEqualTo("13812345678");
    assertThat(ok("/api/workers/W-G1/months", service.parkToken).at("/worker/phone").asText())
        .isEqualTo("138****5678");
    assertThat(ok("/api/workers/W-G1/months", service.analystToken).at("/worker/phone").asText())
        .isEqualTo("138****5678");
  }

  @Test
  void rankingsCarryTheQuotaLineAndExportAsCsvAndXlsx() throws Exception {
    JsonNode r = ok("/api/rankings?quarter=2025Q1", service.token);
    assertThat(r.get("ranked").asInt()).isEqualTo(4);
    assertThat(r.get("excellent_quota").asInt()).isEqualTo(1);
    assertThat(ids(r.get("rows"), "/worker_id")).containsExactly("X1", "W-G1", "X2", "X3");
    JsonNode second = r.at("/rows/1");
    assertThat(second.get("name").asText()).isEqualTo("张一");
    assertThat(second.get("grid_id").asText()).isEqualTo("G1");
    assertThat(second.get("base_grade").asText()).isEqualTo("excellent");
    assertThat(second.get("grade").asText()).isEqualTo("qualified");
    assertThat(second.get("quota_exceeded").asBoolean()).isTrue();
    assertThat(second.get("performance_pay").asDouble()).isEqualTo(3000.0);

    HttpResponse<byte[]> csv = getBytes("/api/rankings?quarter=2025Q1&format=csv", service.token);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("rankings-2025Q1.csv");
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFrank,worker_id,name,grid_id,town");
    assertThat(text.split("\r\n")).hasSize(5);
    assertThat(text.split("\r\n")[2])
        .startsWith("2,W-G1,张一,G1,高新区,3,96.0,excellent,qualified,true");

    HttpResponse<byte[]> xlsx = getBytes("/api/rankings?quarter=2025Q1&format=xlsx", service.token);
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet s = wb.getSheetAt(0);
      assertThat(s.getSheetName()).isEqualTo("2025Q1 季度排名表");
      assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("排名 rank");
      assertThat(s.getRow(0).getCell(2).getStringCellValue()).isEqualTo("姓名 name");
      assertThat(s.getRow(2).getCell(2).getStringCellValue()).isEqualTo("张一");
      assertThat(s.getRow(2).getCell(6).getNumericCellValue()).isEqualTo(96.0);
      assertThat(s.getRow(2).getCell(8).getStringCellValue()).isEqualTo("合格");
      assertThat(s.getPaneInformation().isFreezePane()).isTrue();
    }

    // both downloads were audited with who and what
    try (Connection c = DriverManager.getConnection(service.db.url());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT login, role, what FROM gridwatch.export_audit"
                        + " WHERE what LIKE 'rankings-2025Q1%' ORDER BY id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
      assertThat(rows)
          .contains("bureau|bureau|rankings-2025Q1.csv", "bureau|bureau|rankings-2025Q1.xlsx");
    }
  }

  @Test
  void workerMonthsCarryTheItemisedDeductions() throws Exception {
    JsonNode r = ok("/api/workers/W-G1/months", service.token);
    assertThat(r.at("/worker/kind").asText()).isEqualTo("exclusive");
    assertThat(ids(r.get("months"), "/month")).containsExactly("2025-03", "2025-04");
    JsonNode march = r.at("/months/0");
    assertThat(march.get("total").asDouble()).isEqualTo(85.0);
    assertThat(march.at("/deductions/0/rule").asText()).isEqualTo("full_coverage");
    assertThat(march.at("/deductions/0/points").asDouble()).isEqualTo(-10.0);
    assertThat(march.at("/deductions/0/evidence_ids/0").asText()).isEqualTo("E2");
    assertThat(r.at("/months/1/deductions")).isEmpty();
    JsonNode april = ok("/api/workers/W-G1/months?from=2025-04&to=2025-04", service.token);
    assertThat(ids(april.get("months"), "/month")).containsExactly("2025-04");
  }

  @Test
  void badParametersAre400Json() throws Exception {
    String[] bad = {
      "/api/rankings",
      "/api/rankings?quarter=2025Q5",
      "/api/rankings?quarter=2025-03",
      "/api/rankings?quarter=2025Q1&format=pdf",
      "/api/rankings?quarter=2025Q1&limit=3",
      "/api/workers/W-G1/months?from=2025-13",
      "/api/workers/W-G1/months?from=2025-04&to=2025-03",
      "/api/workers/W-G1/months?month=2025-03",
      "/api/workers/%3Cscript%3E/months"
    };
    for (String path : bad) {
      HttpResponse<String> r = get(path, service.token);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("status").asInt()).isEqualTo(400);
      assertThat(r.body()).doesNotContain("Exception");
    }
  }

  private static List<String> ids(JsonNode array, String pointer) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.at(pointer).asText()));
    return out;
  }

  private static Map<String, Feature> features(String layer, String query, String token, String key)
      throws Exception {
    HttpResponse<byte[]> r = getBytes("/tiles/" + layer + "/" + tile + query, token);
    if (r.statusCode() == 204) {
      return Map.of();
    }
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Feature> out = new LinkedHashMap<>();
    var layers = MvtDecoder.decode(r.body());
    if (layers.containsKey(layer)) {
      for (Feature f : layers.get(layer).features()) {
        out.put(String.valueOf(f.properties().get(key)), f);
      }
    }
    return out;
  }

  private static JsonNode ok(String path, String token) throws Exception {
    HttpResponse<String> r = get(path, token);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.base() + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(service.base() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<String> withCookie(String path, String cookie) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(service.base() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Cookie", cookie)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> login(String login, String password) throws Exception {
    return post(
        "/api/login",
        "application/json",
        JSON.writeValueAsString(Map.of("login", login, "password", password)),
        null);
  }

  private static HttpResponse<String> post(String path, String type, String body, String cookie)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.base() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
