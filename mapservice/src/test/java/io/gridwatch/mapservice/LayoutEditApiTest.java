package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * {@code GET /api/layouts/edit/base} and {@code POST /api/layouts/edit} against the real PostGIS
 * fixture of {@link TestService}: G1, G2, G3 are 0.018° squares at 30.10–30.118° N starting at lon
 * 104.60/104.62/104.64 (0.002° apart, so no two share a border); E1 (104.605, 30.105) and E2
 * (104.610, 30.112) lie in G1, E3 in G2, E4 (G3) is closed. Areas in degrees² are exact products of
 * rectangle sides.
 */
class LayoutEditApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final double DEG2 = 1e-12;

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
  void theBaseIsThePublishedLayoutWithTodaysEnterprises() throws Exception {
    JsonNode base = base();
    assertThat(base.get("version").asInt()).isEqualTo(1);
    JsonNode g3 = feature(base.get("draft"), "G3");
    assertThat(g3.get("properties").get("town").asText()).isEqualTo("松涛镇");
    assertThat(g3.get("properties").get("community").asText()).isEqualTo("松涛村");
    assertThat(g3.get("properties").get("kind").asText()).isEqualTo("village");
    assertThat(area(g3)).isCloseTo(0.018 * 0.018, within(DEG2));
    List<String> enterprises = new ArrayList<>();
    base.get("enterprises")
        .get("features")
        .forEach(f -> enterprises.add(f.get("properties").get("enterprise_id").asText()));
    assertThat(enterprises).containsExactly("E1", "E2", "E3"); // E4 closed on 2025-03-10
  }

  @Test
  void splitThenMergeGivesBackTheGrid() throws Exception {
    JsonNode draft = base().get("draft");
    ObjectNode split = request(draft, "split");
    split.put("grid_id", "G1");
    split.set("line", line(104.607, 30.09, 104.607, 30.13));
    JsonNode r = ok(split);
    assertThat(r.get("changed").toString()).isEqualTo("[\"G1\",\"G1-2\"]");
    assertThat(ids(r.get("draft"))).containsExactly("G1", "G1-2", "G2", "G3");
    // the east piece (0.011° wide) keeps G1, the west one (0.007°) is G1-2 with G1's attributes
    JsonNode g12 = feature(r.get("draft"), "G1-2");
    assertThat(area(g12)).isCloseTo(0.007 * 0.018, within(DEG2));
    assertThat(area(feature(r.get("draft"), "G1"))).isCloseTo(0.011 * 0.018, within(DEG2));
    assertThat(g12.get("properties").get("name").asText()).isEqualTo("一号网格-2");
    assertThat(g12.get("properties").get("kind").asText()).isEqualTo("enterprise");
    assertThat(g12.get("properties").get("town").asText()).isEqualTo("高新区");
    assertThat(g12.get("properties").get("community").asText()).isEqualTo("迎宾社区");

    ObjectNode merge = request(r.get("draft"), "merge");
    merge.putArray("grid_ids").add("G1").add("G1-2");
    JsonNode m = ok(merge);
    assertThat(m.get("changed").toString()).isEqualTo("[\"G1\",\"G1-2\"]");
    assertThat(ids(m.get("draft"))).containsExactly("G1", "G2", "G3");
    JsonNode g1 = feature(m.get("draft"), "G1");
    assertThat(area(g1)).isCloseTo(0.018 * 0.018, within(DEG2));
    assertThat(g1.get("geometry").get("type").asText()).isEqualTo("Polygon");
  }

  @Test
  void reassignHandsE2ToTheNeighbourAndTheDiffSeesTheMove() throws Exception {
    // a draft where G2 reaches west to G1's edge (104.618°): now they share a border
    ObjectNode draft = (ObjectNode) base().get("draft").deepCopy();
    ObjectNode g2 = (ObjectNode) feature(draft, "G2");
    g2.set(
        "geometry",
        JSON.readTree(
            "{\"type\":\"Polygon\",\"coordinates\":[[[104.618,30.1],[104.638,30.1],"
                + "[104.638,30.118],[104.618,30.118],[104.618,30.1]]]}"));
    ObjectNode reassign = request(draft, "reassign");
    reassign.putArray("enterprise_ids").add("E2");
    reassign.put("to", "G2");
    JsonNode r = ok(reassign);
    assertThat(r.get("changed").toString()).isEqualTo("[\"G1\",\"G2\"]");
    assertThat(r.get("moved").toString()).isEqualTo("[\"E2\"]");
    double g1 = area(feature(r.get("draft"), "G1"));
    double g2After = area(feature(r.get("draft"), "G2"));
    // the pair keeps its area; G1 keeps E1's Voronoi cell, a part of its 0.018° square
    assertThat(g1 + g2After).isCloseTo(0.018 * 0.018 + 0.020 * 0.018, within(1e-11));
    assertThat(g1).isBetween(0.2 * 0.018 * 0.018, 0.8 * 0.018 * 0.018);

    HttpResponse<String> diff =
        post(
            "/api/layouts/diff",
            plannerToken,
            "application/geo+json",
            JSON.writeValueAsBytes(r.get("draft")));
    assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
    JsonNode moves = JSON.readTree(diff.body()).get("moves");
    assertThat(moves).hasSize(1);
    assertThat(moves.get(0).get("enterprise_id").asText()).isEqualTo("E2");
    assertThat(moves.get(0).get("from").asText()).isEqualTo("G1");
    assertThat(moves.get(0).get("to").asText()).isEqualTo("G2");

    // in the published layout G1's two enterprises cannot go anywhere: G1 has no neighbour
    ObjectNode lonely = request(base().get("draft"), "reassign");
    lonely.putArray("enterprise_ids").add("E2");
    lonely.put("to", "G2");
    assertBadRequest(edit(lonely, plannerToken), "does not reach grid G2");
  }

  @Test
  void unusableRequestsAre400WithABilingualMessage() throws Exception {
    JsonNode draft = base().get("draft");
    HttpResponse<String> notJson =
        post("/api/layouts/edit", plannerToken, "application/json", "{draft".getBytes());
    assertBadRequest(notJson, "JSON");
    assertBadRequest(edit(request(draft, "rotate"), plannerToken), "op must be split");
    ObjectNode merge = request(draft, "merge");
    merge.putArray("grid_ids").add("G1").add("G3");
    assertBadRequest(edit(merge, plannerToken), "share no border");
    ObjectNode split = request(draft, "split");
    split.put("grid_id", "G1");
    split.set("line", line(104.605, 30.105, 104.606, 30.106));
    assertBadRequest(edit(split, plannerToken), "from one side of its border to the other");
    ObjectNode noLine = request(draft, "split");
    noLine.put("grid_id", "G1");
    assertBadRequest(edit(noLine, plannerToken), "LineString");
    ObjectNode noDraft = JSON.createObjectNode().put("op", "merge");
    assertBadRequest(edit(noDraft, plannerToken), "FeatureCollection");
    ObjectNode unknown = request(draft, "reassign");
    unknown.putArray("enterprise_ids").add("E404");
    unknown.put("to", "G2");
    assertBadRequest(edit(unknown, plannerToken), "no enterprise E404");
  }

  @Test
  void onlyPlannersAndTheBureauMayEdit() throws Exception {
    ObjectNode merge = request(base().get("draft"), "merge");
    merge.putArray("grid_ids").add("G1").add("G2");
    for (String token : List.of(service.parkToken, service.analystToken)) {
      HttpResponse<String> r = edit(merge, token);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(r.body()).get("error").asText()).contains("planner or bureau");
      assertThat(get("/api/layouts/edit/base", token).statusCode()).isEqualTo(403);
    }
    assertThat(edit(merge, null).statusCode()).isEqualTo(401);
    assertThat(get("/api/layouts/edit/base", null).statusCode()).isEqualTo(401);
  }

  private static void assertBadRequest(HttpResponse<String> r, String english) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    String error = JSON.readTree(r.body()).get("error").asText();
    assertThat(error).contains(english).contains(" / ").doesNotContain("Exception");
    assertThat(error.codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff)).as(error).isTrue();
    assertThat(r.body()).doesNotContain("\tat ");
  }

  private static JsonNode base() throws Exception {
    HttpResponse<String> r = get("/api/layouts/edit/base", plannerToken);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static ObjectNode request(JsonNode draft, String op) {
    ObjectNode body = JSON.createObjectNode();
    body.set("draft", draft);
    body.put("op", op);
    return body;
  }

  private static JsonNode line(double... xy) {
    ObjectNode g = JSON.createObjectNode().put("type", "LineString");
    ArrayNode cs = g.putArray("coordinates");
    for (int i = 0; i < xy.length; i += 2) {
      cs.addArray().add(xy[i]).add(xy[i + 1]);
    }
    return g;
  }

  private static JsonNode ok(ObjectNode body) throws Exception {
    HttpResponse<String> r = edit(body, plannerToken);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode feature(JsonNode fc, String id) {
    for (JsonNode f : fc.get("features")) {
      if (id.equals(f.get("properties").get("grid_id").asText())) {
        return f;
      }
    }
    throw new AssertionError("no grid " + id + " in " + fc);
  }

  private static List<String> ids(JsonNode fc) {
    List<String> out = new ArrayList<>();
    fc.get("features").forEach(f -> out.add(f.get("properties").get("grid_id").asText()));
    return out;
  }

  private static double area(JsonNode feature) {
    Geometry g = Geometries.readGeoJsonGeometry(feature.get("geometry").toString());
    return g.getArea();
  }

  private static HttpResponse<String> edit(JsonNode body, String token) throws Exception {
    return post(
        "/api/layouts/edit",
        token,
        "application/json",
        JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.base() + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
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
