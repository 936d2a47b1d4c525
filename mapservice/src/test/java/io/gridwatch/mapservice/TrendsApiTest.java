package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/trends against the real PostGIS. Fixture (TestService): 2025-03 G1 9/10 visited, G2 1/4;
 * 2025-04 G1 10/10, G2 3/4; patrols 12+3 then 15+5; awareness 8/10 per grid and month.
 */
class TrendsApiTest {
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
  void zoneCoverageIsARatioOfSumsNotAMeanOfRatios() throws Exception {
    JsonNode t = ok("/api/trends?metric=coverage&group=zone&from=2025-03&to=2025-04");
    assertThat(t.get("months").toString()).isEqualTo("[\"2025-03\",\"2025-04\"]");
    assertThat(t.get("series")).hasSize(1);
    JsonNode zone = t.get("series").get(0);
    assertThat(zone.get("key").asText()).isEqualTo("zone");
    // (9 + 1) / (10 + 4) = 0.714…, not (0.9 + 0.25) / 2 = 0.575
    assertThat(zone.at("/values/0").asDouble()).isCloseTo(10.0 / 14, within(1e-12));
    assertThat(zone.at("/values/1").asDouble()).isCloseTo(13.0 / 14, within(1e-12));
    assertThat(zone.at("/numerators/0").asLong()).isEqualTo(10);
    assertThat(zone.at("/denominators/0").asLong()).isEqualTo(14);
  }

  @Test
  void groupsByTownAndGridAndDefaultsToThePublishedMonths() throws Exception {
    JsonNode town = ok("/api/trends?metric=awareness_rate&group=town");
    assertThat(town.get("from").asText()).isEqualTo("2025-03");
    assertThat(town.get("to").asText()).isEqualTo("2025-04");
    assertThat(town.at("/series/0/key").asText()).isEqualTo("高新区");
    assertThat(town.at("/series/0/values/0").asDouble()).isCloseTo(16.0 / 20, within(1e-12));

    JsonNode grid = ok("/api/trends?metric=patrols&group=grid&from=2025-02&to=2025-04");
    assertThat(grid.get("months")).hasSize(3);
    assertThat(grid.get("series")).hasSize(2);
    assertThat(grid.at("/series/0/key").asText()).isEqualTo("G1");
    assertThat(grid.at("/series/0/values/0").isNull()).isTrue(); // no rows in February
    assertThat(grid.at("/series/0/values/1").asDouble()).isEqualTo(12.0);
    assertThat(grid.at("/series/1/values/2").asDouble()).isEqualTo(5.0);
    assertThat(grid.at("/series/0").has("denominators")).isFalse();

    JsonNode zone = ok("/api/trends?metric=patrols");
    assertThat(zone.get("group").asText()).isEqualTo("zone");
    assertThat(zone.at("/series/0/values").toString()).isEqualTo("[15.0,20.0]");
  }

  @Test
  void scoreIsTheMeanMonthTotalAndWindowGivesAMovingAverageOfSums() throws Exception {
    // W-G1's month totals: 85.0 (2025-03) and 96.0 (2025-04), both in grid G1 of 高新区
    JsonNode score = ok("/api/trends?metric=score&group=town");
    assertThat(score.at("/series/0/key").asText()).isEqualTo("高新区");
    assertThat(score.at("/series/0/values").toString()).isEqualTo("[85.0,96.0]");
    assertThat(score.at("/series/0/denominators").toString()).isEqualTo("[1,1]");

    JsonNode ma = ok("/api/trends?metric=coverage&window=2");
    assertThat(ma.get("window").asInt()).isEqualTo(2);
    // March alone 10/14; April's window (10 + 13) / (14 + 14), not the mean of the two ratios
    assertThat(ma.at("/series/0/moving_average/0").asDouble()).isCloseTo(10.0 / 14, within(1e-12));
    assertThat(ma.at("/series/0/moving_average/1").asDouble()).isCloseTo(23.0 / 28, within(1e-12));
    JsonNode patrols = ok("/api/trends?metric=patrols&window=3");
    assertThat(patrols.at("/series/0/moving_average").toString()).isEqualTo("[15.0,17.5]");
    JsonNode scoreMa = ok("/api/trends?metric=score&window=2");
    assertThat(scoreMa.at("/series/0/moving_average/1").asDouble()).isEqualTo(90.5);
    // the 松涛镇 user sees no 高新区 score
    HttpResponse<String> scoped =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service.base() + "/api/trends?metric=score"))
                .header("Authorization", "Bearer " + service.songtaoToken)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(scoped.body()).get("series")).isEmpty();
  }

  @Test
  void badParametersAre400JsonErrors() throws Exception {
    String[] bad = {
      "/api/trends?metric=coverage&window=0",
      "/api/trends?metric=coverage&window=13",
      "/api/trends?metric=coverage&window=x",
      "/api/trends",
      "/api/trends?metric=",
      "/api/trends?metric=score2",
      "/api/trends?metric=SCORE",
      "/api/trends?metric=coverage&group=village",
      "/api/trends?metric=coverage&from=2025-13",
      "/api/trends?metric=coverage&to=25-01",
      "/api/trends?metric=coverage&from=2025-04&to=2025-03",
      "/api/trends?metric=coverage&from=1900-01&to=2025-03",
      "/api/trends?metric=coverage&limit=3",
    };
    for (String path : bad) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(service.base() + path))
                  .header("Authorization", service.bearer())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("status").asInt()).isEqualTo(400);
      assertThat(body.get("error").asText()).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception");
    }
  }

  private static JsonNode ok(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service.base() + path))
                .header("Authorization", service.bearer())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
