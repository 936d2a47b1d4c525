package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MapServerApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestService service;

  @BeforeAll
  static void startService() {
    service = TestService.start();
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @Test
  void healthIsOkWithTheDatabaseUp() throws Exception {
    HttpResponse<String> r = get(service.base(), "/api/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("db").asText()).isEqualTo("up");
    assertThat(body.has("last_publish")).isTrue();
  }

  @Test
  void gridsOfAMonthAreGeoJsonWithTheMonthsColumns() throws Exception {
    HttpResponse<String> r = get(service.base(), "/api/grids?month=2025-03");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/geo+json"));
    JsonNode fc = JSON.readTree(r.body());
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    JsonNode f = fc.get("features");
    assertThat(f).hasSize(3);
    assertThat(f.get(0).at("/properties/grid_id").asText()).isEqualTo("G1");
    assertThat(f.get(0).at("/properties/name").asText()).isEqualTo("一号网格");
    assertThat(f.get(0).at("/properties/coverage").asDouble()).isEqualTo(0.9);
    assertThat(f.get(0).at("/properties/visited").asInt()).isEqualTo(9);
    assertThat(f.get(0).at("/properties/patrols").asInt()).isEqualTo(12);
    assertThat(f.get(0).at("/geometry/type").asText()).isEqualTo("MultiPolygon");
    assertThat(f.get(1).at("/properties/coverage").asDouble()).isEqualTo(0.25);
    assertThat(f.get(2).at("/properties/kind").asText()).isEqualTo("village");
    assertThat(f.get(2).at("/properties/coverage").isNull()).isTrue();
    assertThat(f.get(2).at("/properties/enterprises").isNull()).isTrue();

    JsonNode april = JSON.readTree(get(service.base(), "/api/grids?month=2025-04").body());
    assertThat(april.at("/features/0/properties/coverage").asDouble()).isEqualTo(1.0);
    assertThat(april.at("/features/0/properties/full_coverage").asBoolean()).isTrue();
  }

  @Test
  void monthsListsThePublishedMonths() throws Exception {
    HttpResponse<String> r = get(service.base(), "/api/months");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode months = JSON.readTree(r.body());
    assertThat(months.isArray()).isTrue();
    assertThat(months.toString()).isEqualTo("[\"2025-03\",\"2025-04\"]");
  }

  @Test
  void missingOrBadMonthIsA400JsonError() throws Exception {
    for (String q :
        new String[] {"", "?month=", "?month=2025-13", "?month=2025-3", "?month=%3Cscript%3E"}) {
      HttpResponse<String> r = get(service.base(), "/api/grids" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("status").asInt()).isEqualTo(400);
      assertThat(body.get("error").asText()).contains("month");
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void unknownRoutesAreA404JsonError() throws Exception {
    for (String path : new String[] {"/api/nope", "/nope.html"}) {
      HttpResponse<String> r = get(service.base(), path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("status").asInt()).isEqualTo(404);
      assertThat(body.get("error").asText()).contains(path);
    }
  }

  @Test
  void theWebAppIsServedFromTheClasspath() throws Exception {
    HttpResponse<String> page = get(service.base(), "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>资阳高新区网格巡查覆盖图</title>").contains("app.js");
    assertThat(page.body()).doesNotContain("https://").doesNotContain("http://");
    HttpResponse<String> js = get(service.base(), "/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
    HttpResponse<String> worker = get(service.base(), "/maplibre-gl-worker.js");
    assertThat(worker.statusCode()).isEqualTo(200);
    assertThat(worker.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
    assertThat(get(service.base(), "/maplibre-gl.css").statusCode()).isEqualTo(200);
  }

  @Test
  void healthIs503WhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
    Matcher m =
        Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/([^?]+)(\\?.*)?")
            .matcher(service.db.url());
    assertThat(m.matches()).as(service.db.url()).isTrue();
    try (TcpProxy proxy = new TcpProxy(Integer.parseInt(m.group(1)))) {
      String url =
          "jdbc:postgresql://127.0.0.1:"
              + proxy.port()
              + "/"
              + m.group(2)
              + (m.group(3) == null ? "" : m.group(3));
      MapServer viaProxy = MapServer.start(new ServeConfig(url, 0, "127.0.0.1"));
      try {
        String base = "http://127.0.0.1:" + viaProxy.port();
        assertThat(get(base, "/api/health").statusCode()).isEqualTo(200);

        proxy.setEnabled(false);
        HttpResponse<String> down = get(base, "/api/health");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(down.body());
        assertThat(body.get("status").asText()).isEqualTo("unavailable");
        HttpResponse<String> grids = get(base, "/api/grids?month=2025-03");
        assertThat(grids.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(grids.body()).get("status").asInt()).isEqualTo(503);

        proxy.setEnabled(true);
        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
          status = get(base, "/api/health").statusCode();
          if (status != 200) {
            Thread.sleep(250);
          }
        }
        assertThat(status).isEqualTo(200);
        assertThat(get(base, "/api/grids?month=2025-03").statusCode()).isEqualTo(200);
      } finally {
        viaProxy.stop();
      }
    }
  }

  @Test
  void aServerStartedWhileTheDatabaseIsDownAnswers503() throws Exception {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    MapServer dead =
        MapServer.start(
            new ServeConfig(
                "jdbc:postgresql://127.0.0.1:" + deadPort + "/x?user=postgres", 0, "127.0.0.1"));
    try {
      String base = "http://127.0.0.1:" + dead.port();
      assertThat(get(base, "/api/health").statusCode()).isEqualTo(503);
      HttpResponse<String> months = get(base, "/api/months");
      assertThat(months.statusCode()).isEqualTo(503);
      assertThat(months.body()).doesNotContain("Exception");
    } finally {
      dead.stop();
      dead.stop(); // idempotent
    }
  }

  private static HttpResponse<String> get(String base, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", service.bearer())
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
