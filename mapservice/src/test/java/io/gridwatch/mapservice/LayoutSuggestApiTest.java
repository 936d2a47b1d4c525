package io.gridwatch.mapservice;

import static io.gridwatch.mapservice.PlannerFixture.POINTS;
import static io.gridwatch.mapservice.PlannerFixture.json;
import static io.gridwatch.mapservice.PlannerFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwatch.core.geo.Geometries;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * {@code POST /api/layouts/suggest} and {@code /api/layouts/suggest/apply} on the small unbalanced
 * published layout of {@link PlannerFixture} (A 8 | B 2, C 7 | D 3; mean 5, ±15 %: every grid must
 * end with 5), real PostGIS.
 */
class LayoutSuggestApiTest {
  private static PlannerFixture fixture;
  private static MapServer server;

  @BeforeAll
  static void start() {
    fixture = PlannerFixture.create("gw_suggest_test");
    server = fixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void theSuggestionBalancesBothPairsWithBlocksHoldingTheMovedEnterprises() throws Exception {
    HttpResponse<String> r =
        send(
            server,
            "POST",
            "/api/layouts/suggest?kind=enterprise&target=0.15",
            token("planner"),
            null,
            null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("kind").asText()).isEqualTo("enterprise");
    assertThat(body.get("layout_version").asInt()).isEqualTo(1);
    assertThat(body.get("reached").asBoolean()).as(r.body()).isTrue();
    assertThat(body.get("before").get("mean").asDouble()).isEqualTo(5.0);
    assertThat(body.get("before").get("outside").toString()).isEqualTo("[\"A\",\"B\",\"C\",\"D\"]");
    assertThat(body.get("after").get("outside")).isEmpty();
    for (String g : List.of("A", "B", "C", "D")) {
      assertThat(body.get("counts").get(g).asInt()).as(g).isEqualTo(5);
    }
    // net flows: A → B 3 enterprises, C → D 2, nothing between the pairs
    Map<String, Integer> net = new HashMap<>();
    for (JsonNode m : body.get("moves")) {
      String pair = m.get("from").asText() + ">" + m.get("to").asText();
      net.merge(pair, m.get("enterprise_ids").size(), Integer::sum);
      assertThat(m.get("status").asText()).isEqualTo("suggested");
    }
    assertThat(net).containsOnlyKeys("A>B", "C>D");
    assertThat(net.get("A>B")).isEqualTo(3);
    assertThat(net.get("C>D")).isEqualTo(2);
    // one block per move, holding exactly that move's enterprises, inside the donor's square
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.get("features")).hasSameSizeAs(body.get("moves"));
    for (int i = 0; i < blocks.get("features").size(); i++) {
      JsonNode f = blocks.get("features").get(i);
      JsonNode move = body.get("moves").get(i);
      assertThat(f.get("properties").get("id").asInt()).isEqualTo(move.get("id").asInt());
      Geometry block = Geometries.readGeoJsonGeometry(f.get("geometry").toString());
      List<String> inside = new ArrayList<>();
      POINTS.forEach(
          (id, p) -> {
            if (block.covers(point(p))) {
              inside.add(id);
            }
          });
      List<String> moved = new ArrayList<>();
      move.get("enterprise_ids").forEach(e -> moved.add(e.asText()));
      assertThat(inside).as("block " + i).containsExactlyInAnyOrderElementsOf(moved);
      double[] sq = PlannerFixture.SQUARES.get(move.get("from").asText());
      Geometry donor = PlannerFixture.rect(sq[0], sq[1], sq[2], sq[3]);
      assertThat(donor.buffer(1e-9).covers(block)).as("block " + i + " inside its donor").isTrue();
      // the area in the report is the block's (equal-area m² vs. a rough spherical estimate)
      assertThat(block.getArea()).isGreaterThan(0);
    }
  }

  @Test
  void applyingOneAcceptedMoveGivesADraftThatPassesTheCheck() throws Exception {
    JsonNode suggestion =
        json(send(server, "POST", "/api/layouts/suggest", token("planner"), null, null));
    JsonNode first = suggestion.get("moves").get(0);
    int id = first.get("id").asInt();
    String body =
        "{\"kind\":\"enterprise\",\"target\":0.15,\"layout_version\":1,\"accept\":[" + id + "]}";
    HttpResponse<String> r =
        send(
            server,
            "POST",
            "/api/layouts/suggest/apply",
            token("planner"),
            "application/json",
            body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode fc = json(r);
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.get("features")).hasSize(4);
    JsonNode moves = fc.get("suggestion").get("moves");
    assertThat(moves).hasSameSizeAs(suggestion.get("moves"));
    for (JsonNode m : moves) {
      assertThat(m.get("status").asText())
          .isEqualTo(m.get("id").asInt() == id ? "accepted" : "rejected");
    }
    // the accepted move's enterprises now lie in the receiver, the others where they were
    Map<String, Geometry> grids = new HashMap<>();
    for (JsonNode f : fc.get("features")) {
      assertThat(f.get("properties").get("kind").asText()).isEqualTo("enterprise");
      assertThat(f.get("properties").get("town").asText()).isEqualTo("高新区");
      grids.put(
          f.get("properties").get("grid_id").asText(),
          Geometries.readGeoJsonGeometry(f.get("geometry").toString()));
    }
    List<String> moved = new ArrayList<>();
    first.get("enterprise_ids").forEach(e -> moved.add(e.asText()));
    for (Map.Entry<String, double[]> e : POINTS.entrySet()) {
      String expected =
          moved.contains(e.getKey())
              ? first.get("to").asText()
              : PlannerFixture.HOME.get(e.getKey());
      assertThat(grids.get(expected).covers(point(e.getValue()))).as(e.getKey()).isTrue();
    }
    // the draft is a valid layout: the same check as /api/layouts/check
    HttpResponse<String> check =
        send(
            server,
            "POST",
            "/api/layouts/check",
            token("planner"),
            "application/geo+json",
            r.body());
    assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
    assertThat(json(check).get("problems")).as(check.body()).isEmpty();
  }

  @Test
  void badParametersRolesAndAStaleLayoutAreCleanErrors() throws Exception {
    HttpResponse<String> analyst =
        send(server, "POST", "/api/layouts/suggest", token("analyst"), null, null);
    assertThat(analyst.statusCode()).isEqualTo(403);
    assertThat(json(analyst).get("error").asText()).contains("planner or bureau");
    assertThat(send(server, "POST", "/api/layouts/suggest", null, null, null).statusCode())
        .isEqualTo(401);
    HttpResponse<String> target =
        send(server, "POST", "/api/layouts/suggest?target=abc", token("planner"), null, null);
    assertThat(target.statusCode()).isEqualTo(400);
    assertThat(json(target).get("error").asText()).contains("target");
    HttpResponse<String> big =
        send(server, "POST", "/api/layouts/suggest?target=1.5", token("planner"), null, null);
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(json(big).get("error").asText()).doesNotContain("--").contains("target");
    HttpResponse<String> kind =
        send(server, "POST", "/api/layouts/suggest?kind=city", token("planner"), null, null);
    assertThat(kind.statusCode()).isEqualTo(400);
    HttpResponse<String> town =
        send(
            server,
            "POST",
            "/api/layouts/suggest?town=" + URLEncoder.encode("无此镇", StandardCharsets.UTF_8),
            token("planner"),
            null,
            null);
    assertThat(town.statusCode()).as(town.body()).isEqualTo(400);
    assertThat(json(town).get("error").asText()).contains("无此镇");
    HttpResponse<String> inTown =
        send(
            server,
            "POST",
            "/api/layouts/suggest?town=" + URLEncoder.encode("高新区", StandardCharsets.UTF_8),
            token("planner"),
            null,
            null);
    assertThat(inTown.statusCode()).as(inTown.body()).isEqualTo(200);
    assertThat(json(inTown).get("town").asText()).isEqualTo("高新区");
    assertThat(json(inTown).get("reached").asBoolean()).isTrue();
    HttpResponse<String> noMove =
        send(
            server,
            "POST",
            "/api/layouts/suggest/apply",
            token("chief"),
            "application/json",
            "{\"accept\":[99]}");
    assertThat(noMove.statusCode()).isEqualTo(400);
    assertThat(json(noMove).get("error").asText()).contains("99");
    HttpResponse<String> notJson =
        send(
            server,
            "POST",
            "/api/layouts/suggest/apply",
            token("chief"),
            "application/json",
            "[1]");
    assertThat(notJson.statusCode()).isEqualTo(400);
    HttpResponse<String> stale =
        send(
            server,
            "POST",
            "/api/layouts/suggest/apply",
            token("chief"),
            "application/json",
            "{\"accept\":[],\"layout_version\":7}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).get("error").asText()).contains("v1");
  }

  private static String token(String login) {
    return fixture.tokens.get(login);
  }

  private static Point point(double[] p) {
    return Geometries.FACTORY.createPoint(new Coordinate(p[0], p[1]));
  }
}
