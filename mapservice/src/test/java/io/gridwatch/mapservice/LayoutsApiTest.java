package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/layouts/check|diff} against the real PostGIS fixture of {@link TestService}: G1,
 * G2, G3 are 0.018° squares at 30.10–30.118° N, lon 104.60/104.62/104.64; E1 (104.605) and E2
 * (104.610) lie in G1, E3 in G2, E4 (G3) is closed since 2025-03-10.
 */
class LayoutsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String GEOJSON = "application/geo+json";

  /** Mean Earth radius (m) for the hand-computed area of a lon/lat rectangle on the sphere. */
  private static final double R = 6_371_008.8;

  private static TestService service;
  private static String plannerToken;

  @BeforeAll
  static void startService() {
    service = TestService.start();
    plannerToken =
        Users.addTo(
            service.db.url(), new User("planner", Role.PLANNER, null, null), TestService.PASSWORD);
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @Test
  void aDraftEqualToThePublishedLayoutIsValid() throws Exception {
    HttpResponse<String> r = post("/api/layouts/check", service.token, GEOJSON, file("clean"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("valid").asBoolean()).isTrue();
    assertThat(body.get("problems")).isEmpty();
  }

  @Test
  void anOverlapIsReportedWithItsGridsAreaAndLocation() throws Exception {
    // G2 of the draft also takes the strip 104.616–104.618° of G1: the overlap is that strip
    HttpResponse<String> r = post("/api/layouts/check", plannerToken, GEOJSON, file("overlap"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("valid").asBoolean()).isFalse();
    List<String> types = new ArrayList<>();
    body.get("problems").forEach(p -> types.add(p.get("type").asText()));
    assertThat(types).as(r.body()).containsExactly("overlap");
    JsonNode overlap = body.get("problems").get(0);
    assertThat(overlap.get("grid_ids").toString()).isEqualTo("[\"G1\",\"G2\"]");
    // on the sphere: R² · Δλ · (sin φ2 − sin φ1) ≈ 385 000 m²; the ellipsoid differs by < 0.5 %
    double expected =
        R
            * R
            * Math.toRadians(0.002)
            * (Math.sin(Math.toRadians(30.118)) - Math.sin(Math.toRadians(30.10)));
    assertThat(overlap.get("area_m2").asDouble()).isCloseTo(expected, within(expected * 0.005));
    double lon = overlap.get("location").get(0).asDouble();
    double lat = overlap.get("location").get(1).asDouble();
    assertThat(lon).isBetween(104.616, 104.618);
    assertThat(lat).isBetween(30.10, 30.118);
    assertThat(overlap.get("detail").asText()).contains("G1").contains("G2");
  }

  @Test
  void includeDraftAddsTheDraftsGridsAsGeoJson() throws Exception {
    HttpResponse<String> r =
        post("/api/layouts/check?include=draft", service.token, GEOJSON, file("overlap"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode draft = JSON.readTree(r.body()).get("draft");
    assertThat(draft.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(draft.get("features")).hasSize(3);
    JsonNode g2 = draft.get("features").get(1);
    assertThat(g2.get("properties").get("grid_id").asText()).isEqualTo("G2");
    assertThat(g2.get("properties").get("name").asText()).isEqualTo("二号网格");
    assertThat(g2.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
  }

  @Test
  void onlyPlannersAndTheBureauMayUseTheWorkbench() throws Exception {
    for (String token : List.of(service.parkToken, service.analystToken)) {
      HttpResponse<String> r = post("/api/layouts/check", token, GEOJSON, file("clean"));
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(r.body()).get("error").asText()).contains("planner or bureau");
    }
    HttpResponse<String> diff =
        post("/api/layouts/diff", service.parkToken, GEOJSON, file("moved"));
    assertThat(diff.statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous = post("/api/layouts/check", null, GEOJSON, file("clean"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void unusableFilesAre400WithTheReadersMessage() throws Exception {
    byte[] garbage = "this is no layout {\u0000\u0001".getBytes(StandardCharsets.UTF_8);
    for (String type : List.of(GEOJSON, "application/zip", "application/geopackage+sqlite3")) {
      HttpResponse<String> r = post("/api/layouts/check", plannerToken, type, garbage);
      assertThat(r.statusCode()).as(type + ": " + r.body()).isEqualTo(400);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("error").asText()).isNotBlank().doesNotContain("Exception").contains("/");
      assertThat(r.body()).doesNotContain("\tat ");
    }
    HttpResponse<String> empty = post("/api/layouts/diff", plannerToken, GEOJSON, new byte[0]);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).get("error").asText()).contains("empty");
    HttpResponse<String> text =
        post("/api/layouts/check", plannerToken, "text/plain", file("clean"));
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  void aBodyOverTwentyMegabytesIs413() throws Exception {
    byte[] big = new byte[(20 << 20) + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> r = post("/api/layouts/check", plannerToken, GEOJSON, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("20 MB");
  }

  @Test
  void theDiffListsTheMovedEnterpriseAndThePerGridNumbers() throws Exception {
    // the draft's G1 ends at 104.609°, its G2 takes 104.608–104.618°: E2 (104.610) moves G1 → G2
    HttpResponse<String> r = post("/api/layouts/diff", plannerToken, GEOJSON, file("moved"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("active_layout").asInt()).isEqualTo(1);
    assertThat(body.get("enterprises").asInt()).isEqualTo(3); // E4 is closed
    assertThat(body.get("moves")).hasSize(1);
    JsonNode move = body.get("moves").get(0);
    assertThat(move.get("enterprise_id").asText()).isEqualTo("E2");
    assertThat(move.get("name").asText()).isEqualTo("二号企业");
    assertThat(move.get("from").asText()).isEqualTo("G1");
    assertThat(move.get("to").asText()).isEqualTo("G2");
    // the latest published month is 2025-04: last quarter 2025Q2 holds April only
    assertThat(body.get("last_quarter").asText()).isEqualTo("2025Q2");
    JsonNode g1 = grid(body, "G1");
    JsonNode g2 = grid(body, "G2");
    assertThat(g1.get("old").get("enterprises").asInt()).isEqualTo(2);
    assertThat(g1.get("new").get("enterprises").asInt()).isEqualTo(1);
    assertThat(g2.get("old").get("enterprises").asInt()).isEqualTo(1);
    assertThat(g2.get("new").get("enterprises").asInt()).isEqualTo(2);
    assertThat(g1.get("last_quarter").get("patrols").asInt()).isEqualTo(15);
    assertThat(g1.get("last_quarter").get("coverage").asDouble()).isEqualTo(1.0);
    assertThat(g2.get("last_quarter").get("coverage").asDouble()).isEqualTo(0.75);
    assertThat(g1.get("holders").toString()).contains("W-G1");
    double oldG1 =
        R
            * R
            * Math.toRadians(0.018)
            * (Math.sin(Math.toRadians(30.118)) - Math.sin(Math.toRadians(30.10)))
            / 1e6;
    assertThat(g1.get("old").get("area_km2").asDouble()).isCloseTo(oldG1, within(oldG1 * 0.005));
    assertThat(g1.get("new").get("area_km2").asDouble())
        .isCloseTo(oldG1 * 0.5, within(oldG1 * 0.005));
    assertThat(body.get("affected_workers").toString()).contains("W-G1").contains("W-G2");
  }

  private static JsonNode grid(JsonNode body, String id) {
    for (JsonNode g : body.get("grids")) {
      if (g.get("grid_id").asText().equals(id)) {
        return g;
      }
    }
    throw new AssertionError("no grid " + id + " in " + body);
  }

  private static byte[] file(String name) throws IOException, URISyntaxException {
    return Files.readAllBytes(
        Path.of(LayoutsApiTest.class.getResource("/layout/" + name + ".geojson").toURI()));
  }

  private static HttpResponse<String> post(String path, String token, String type, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.base() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
