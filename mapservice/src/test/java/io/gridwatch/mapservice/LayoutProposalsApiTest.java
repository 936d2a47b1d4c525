package io.gridwatch.mapservice;

import static io.gridwatch.mapservice.PlannerFixture.json;
import static io.gridwatch.mapservice.PlannerFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwatch.mapservice.api.LayoutProposalsApi;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layout proposals ({@code /api/layouts/proposals}) on the real PostGIS fixture of {@link
 * PlannerFixture} (grid_month published up to 2025-04). Two services share the database: {@code
 * plain} without activation, {@code activating} with the real launcher of this checkout and a lake
 * that does not exist, so a confirmed proposal runs a real {@code gridwatch layout activate} child
 * JVM that genuinely fails.
 */
class LayoutProposalsApiTest {
  private static final String GEOJSON = "application/geo+json";
  private static PlannerFixture fixture;
  private static MapServer plain;
  private static MapServer activating;
  private static Path missingLake;

  @BeforeAll
  static void start() throws Exception {
    fixture = PlannerFixture.create("gw_proposals_test");
    plain = fixture.start();
    missingLake = Files.createTempDirectory("gw-no-lake-").resolve("missing-lake");
    activating = fixture.start(PlannerFixture.launcherInto(missingLake.toString()));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aPlannerProposesACheckedDraftAndEveryoneOfTheWorkbenchSeesIt() throws Exception {
    HttpResponse<String> r = propose(plain, "planner", "二〇二五年五月布局", "2025-05-01", clean());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode p = json(r);
    long id = p.get("id").asLong();
    assertThat(r.headers().firstValue("Location")).contains("/api/layouts/proposals/" + id);
    assertThat(p.get("status").asText()).isEqualTo("proposed");
    assertThat(p.get("name").asText()).isEqualTo("二〇二五年五月布局");
    assertThat(p.get("effective_on").asText()).isEqualTo("2025-05-01");
    assertThat(p.get("grids").asInt()).isEqualTo(4);
    assertThat(p.get("proposed_by").asText()).isEqualTo("planner");
    assertThat(p.get("decided_by").isNull()).isTrue();

    for (String who : List.of("planner", "chief")) {
      HttpResponse<String> list =
          send(plain, "GET", "/api/layouts/proposals", token(who), null, null);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(json(list).get("activation_configured").asBoolean()).isFalse();
      assertThat(ids(json(list))).contains(id);
    }
    HttpResponse<String> viaOther =
        send(activating, "GET", "/api/layouts/proposals", token("chief"), null, null);
    assertThat(json(viaOther).get("activation_configured").asBoolean()).isTrue();

    // the stored draft is the layout in grids.geojson form, readable by layout activate
    HttpResponse<String> draft =
        send(plain, "GET", "/api/layouts/proposals/" + id + "/draft", token("chief"), null, null);
    assertThat(draft.statusCode()).isEqualTo(200);
    assertThat(draft.headers().firstValue("Content-Type").orElse("")).startsWith(GEOJSON);
    JsonNode fc = json(draft);
    assertThat(fc.get("features")).hasSize(4);
    JsonNode props = fc.get("features").get(0).get("properties");
    assertThat(props.get("grid_id").asText()).isEqualTo("A");
    assertThat(props.get("kind").asText()).isEqualTo("enterprise");
    assertThat(props.get("town").asText()).isEqualTo("高新区");
    assertThat(props.get("community").asText()).isEqualTo("迎宾社区");
  }

  @Test
  void aDraftThatFailsTheCheckIs422WithTheCheckAndIsNotStored() throws Exception {
    int before = ids(list()).size();
    HttpResponse<String> r =
        propose(plain, "planner", "重叠", "2025-06-01", PlannerFixture.overlappingGeoJson());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    JsonNode body = json(r);
    assertThat(body.get("status").asInt()).isEqualTo(422);
    assertThat(body.get("error").asText()).contains("检查未通过").contains("problem");
    assertThat(body.get("valid").asBoolean()).isFalse();
    List<String> types = new ArrayList<>();
    body.get("problems").forEach(p -> types.add(p.get("type").asText()));
    assertThat(types).contains("overlap");
    assertThat(ids(list())).hasSize(before);
  }

  @Test
  void theEffectiveDateAndNameAreValidated() throws Exception {
    HttpResponse<String> mid = propose(plain, "planner", "x", "2025-05-15", clean());
    assertThat(mid.statusCode()).isEqualTo(400);
    assertThat(json(mid).get("error").asText()).contains("1st of a month");
    HttpResponse<String> computed = propose(plain, "planner", "x", "2025-04-01", clean());
    assertThat(computed.statusCode()).isEqualTo(422);
    assertThat(json(computed).get("error").asText()).contains("2025-05-01").contains("2025-04");
    HttpResponse<String> bad = propose(plain, "planner", "x", "May", clean());
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> noName = propose(plain, "planner", "", "2025-05-01", clean());
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(json(noName).get("error").asText()).contains("name");
  }

  @Test
  void onlyPlannersAndTheBureauProposeAndOnlyTheBureauDecides() throws Exception {
    HttpResponse<String> analyst = propose(plain, "analyst", "x", "2025-05-01", clean());
    assertThat(analyst.statusCode()).isEqualTo(403);
    assertThat(
            send(plain, "GET", "/api/layouts/proposals", token("analyst"), null, null).statusCode())
        .isEqualTo(403);
    assertThat(send(plain, "GET", "/api/layouts/proposals", null, null, null).statusCode())
        .isEqualTo(401);
    long id = proposed("planner");
    for (String action : List.of("confirm", "reject")) {
      HttpResponse<String> r = decide(activating, id, action, "planner", null);
      assertThat(r.statusCode()).as(action).isEqualTo(403);
      assertThat(json(r).get("error").asText()).contains("bureau");
    }
    assertThat(status(id)).isEqualTo("proposed");
    assertThat(decide(activating, 987654, "confirm", "chief", null).statusCode()).isEqualTo(404);
    assertThat(decide(activating, 0, "reject", "chief", null).statusCode()).isEqualTo(400);
  }

  @Test
  void aBureauUserMayNotConfirmTheirOwnProposal() throws Exception {
    long id = proposed("chief");
    HttpResponse<String> r = decide(activating, id, "confirm", "chief", null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).get("error").asText())
        .contains("不能确认自己提交的申请")
        .contains("another bureau user must confirm");
    assertThat(status(id)).isEqualTo("proposed");
  }

  @Test
  void confirmingWithoutActivationConfiguredIs409AndChangesNothing() throws Exception {
    long id = proposed("planner");
    HttpResponse<String> r = decide(plain, id, "confirm", "chief", null);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("error").asText()).isEqualTo(LayoutProposalsApi.NOT_CONFIGURED);
    assertThat(json(r).get("error").asText())
        .contains("activation not configured: start serve with --lake");
    assertThat(status(id)).isEqualTo("proposed");
  }

  @Test
  void aRejectedProposalKeepsItsReasonAndCannotBeDecidedAgain() throws Exception {
    long id = proposed("planner");
    HttpResponse<String> r =
        decide(activating, id, "reject", "deputy", "{\"reason\":\"B 网格过大 / B too large\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode p = json(r);
    assertThat(p.get("status").asText()).isEqualTo("rejected");
    assertThat(p.get("decided_by").asText()).isEqualTo("deputy");
    assertThat(p.get("decided_at").isNull()).isFalse();
    assertThat(p.get("message").asText()).isEqualTo("已驳回 / rejected: B 网格过大 / B too large");
    for (String action : List.of("confirm", "reject")) {
      HttpResponse<String> again = decide(activating, id, action, "chief", null);
      assertThat(again.statusCode()).as(action).isEqualTo(409);
      assertThat(json(again).get("error").asText()).contains("already rejected");
    }
  }

  @Test
  void aConfirmedProposalWhoseActivationFailsEndsFailedWithOneCleanLine() throws Exception {
    long id = proposed("planner");
    HttpResponse<String> r = decide(activating, id, "confirm", "deputy", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(json(r).get("decided_by").asText()).isEqualTo("deputy");
    assertThat(json(r).get("status").asText()).isIn("confirmed", "activating");
    assertThat(decide(activating, id, "confirm", "chief", null).statusCode()).isEqualTo(409);

    // the real child JVM runs `gridwatch layout activate` on a lake that does not exist
    JsonNode p = null;
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      p = proposal(id);
      if (List.of("failed", "activated").contains(p.get("status").asText())) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(p.get("status").asText()).as(p.toString()).isEqualTo("failed");
    String message = p.get("message").asText();
    assertThat(message).as(p.toString()).doesNotContain("\n").doesNotContain("Exception");
    assertThat(message).doesNotContain("\tat ").doesNotContain("GRIDWATCH_DEBUG");
    // LayoutSide.activate's own line: the (missing) lake has no layout to replace
    assertThat(message).contains("失败 / failed").contains("the lake has no layout yet");
    assertThat(p.get("finished_at").isNull()).isFalse();
    assertThat(p.get("layout_version").isNull()).isTrue();
    assertThat(Files.exists(missingLake.resolve("layouts"))).isFalse();
  }

  private static long proposed(String who) throws Exception {
    HttpResponse<String> r = propose(plain, who, "提交人 " + who, "2025-05-01", clean());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asLong();
  }

  private static HttpResponse<String> propose(
      MapServer s, String who, String name, String effective, String geojson) throws Exception {
    String q =
        "?name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&effective="
            + URLEncoder.encode(effective, StandardCharsets.UTF_8);
    return send(s, "POST", "/api/layouts/proposals" + q, token(who), GEOJSON, geojson);
  }

  private static HttpResponse<String> decide(
      MapServer s, long id, String action, String who, String body) throws Exception {
    return send(
        s,
        "POST",
        "/api/layouts/proposals/" + id + "/" + action,
        token(who),
        body == null ? null : "application/json",
        body);
  }

  private static JsonNode list() throws Exception {
    return json(send(plain, "GET", "/api/layouts/proposals", token("chief"), null, null));
  }

  private static JsonNode proposal(long id) throws Exception {
    for (JsonNode p : list().get("proposals")) {
      if (p.get("id").asLong() == id) {
        return p;
      }
    }
    throw new AssertionError("no proposal " + id);
  }

  private static String status(long id) throws Exception {
    return proposal(id).get("status").asText();
  }

  private static List<Long> ids(JsonNode list) {
    List<Long> out = new ArrayList<>();
    list.get("proposals").forEach(p -> out.add(p.get("id").asLong()));
    return out;
  }

  private static String clean() {
    return PlannerFixture.publishedGeoJson();
  }

  private static String token(String login) {
    return fixture.tokens.get(login);
  }
}
