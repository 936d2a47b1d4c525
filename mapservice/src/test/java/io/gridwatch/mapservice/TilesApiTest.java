package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.mapservice.MvtDecoder.Feature;
import io.gridwatch.mapservice.MvtDecoder.Layer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /tiles/{layer}/{z}/{x}/{y}.mvt against the real PostGIS, tiles decoded with MvtDecoder. */
class TilesApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int Z = 12;
  private static TestService service;
  private static String tile;

  @BeforeAll
  static void startService() {
    service = TestService.start();
    int[] xy = MvtDecoder.tileOf(104.62, 30.108, Z);
    tile = Z + "/" + xy[0] + "/" + xy[1] + ".mvt";
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @Test
  void gridsTileIsGzippedMvtWithTheMonthsColumns() throws Exception {
    HttpResponse<byte[]> r = get(service.base(), "/tiles/grids/" + tile + "?month=2025-03", true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.mapbox-vector-tile");
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(r.body()[0] & 0xFF).isEqualTo(0x1f);
    assertThat(r.body()[1] & 0xFF).isEqualTo(0x8b);
    Map<String, Layer> layers = MvtDecoder.decode(gunzip(r.body()));
    assertThat(layers).containsOnlyKeys("grids");
    Map<String, Feature> byId = byProperty(layers.get("grids"), "grid_id");
    assertThat(byId).containsOnlyKeys("G1", "G2", "G3");
    Feature g1 = byId.get("G1");
    assertThat(g1.type()).isEqualTo(3);
    assertThat(g1.properties())
        .containsEntry("name", "一号网格")
        .containsEntry("month", "2025-03")
        .containsEntry("coverage", 0.9)
        .containsEntry("worker_id", "W-G1")
        .containsEntry("full_coverage", false);
    assertThat(((Number) g1.properties().get("visited")).intValue()).isEqualTo(9);
    assertThat(byId.get("G3").properties()).doesNotContainKey("coverage");
    assertThat(layers.get("grids").extent()).isEqualTo(4096);

    // same tile without gzip support: plain MVT body
    HttpResponse<byte[]> plain =
        get(service.base(), "/tiles/grids/" + tile + "?month=2025-04", false);
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    Map<String, Feature> april =
        byProperty(MvtDecoder.decode(plain.body()).get("grids"), "grid_id");
    assertThat(april.get("G1").properties()).containsEntry("coverage", 1.0);
  }

  @Test
  void enterprisesTileFlagsValidVisitsOfTheMonth() throws Exception {
    Map<String, Feature> march = features("enterprises", "?month=2025-03", "enterprise_id");
    assertThat(march).containsOnlyKeys("E1", "E2", "E3", "E4");
    assertThat(march.get("E1").type()).isEqualTo(1);
    assertThat(march.get("E1").properties())
        .containsEntry("visited", true)
        .containsEntry("grid_id", "G1")
        .containsEntry("name", "一号企业")
        .containsEntry("open", true);
    assertThat(march.get("E2").properties()).containsEntry("visited", false); // too_far only
    assertThat(march.get("E3").properties()).containsEntry("visited", true);
    assertThat(march.get("E4").properties())
        .containsEntry("visited", false)
        .containsEntry("open", true)
        .containsEntry("closed_on", "2025-03-10");
    Map<String, Feature> april = features("enterprises", "?month=2025-04", "enterprise_id");
    assertThat(april.get("E2").properties()).containsEntry("visited", true);
    assertThat(april.get("E4").properties()).containsEntry("open", false);
    Map<String, Feature> any = features("enterprises", "", "enterprise_id");
    assertThat(any).hasSize(4);
    assertThat(any.get("E1").properties()).doesNotContainKey("visited");
  }

  @Test
  void patrolsTileHoldsTheMonthsCheckIns() throws Exception {
    Map<String, Feature> march = features("patrols", "?month=2025-03", "patrol_id");
    assertThat(march).containsOnlyKeys("P1", "P2", "P3");
    assertThat(march.get("P2").properties())
        .containsEntry("flagged", true)
        .containsEntry("visited_at", "2025-03-06T10:00:00")
        .containsEntry("worker_id", "W-G1");
    assertThat(march.get("P3").properties())
        .containsEntry("issue_found", true)
        .containsEntry("category", "safety")
        .containsEntry("flagged", false);
  }

  @Test
  void densityHexagonsCountTheMonthsPatrols() throws Exception {
    HttpResponse<byte[]> r = get(service.base(), "/tiles/density/" + tile + "?month=2025-03", true);
    assertThat(r.statusCode()).isEqualTo(200);
    Layer density = MvtDecoder.decode(gunzip(r.body())).get("density");
    assertThat(density.features()).isNotEmpty().allMatch(f -> f.type() == 3);
    assertThat(sum(density, "patrols")).isEqualTo(3);
    assertThat(sum(density, "issues")).isEqualTo(1);
    Layer all =
        MvtDecoder.decode(gunzip(get(service.base(), "/tiles/density/" + tile, true).body()))
            .get("density");
    assertThat(sum(all, "patrols")).isEqualTo(6);
    // a coarser zoom has bigger hexagons: fewer of them, same count
    int[] xy = MvtDecoder.tileOf(104.62, 30.108, 9);
    Layer coarse =
        MvtDecoder.decode(
                gunzip(
                    get(
                            service.base(),
                            "/tiles/density/9/" + xy[0] + "/" + xy[1] + ".mvt?month=2025-03",
                            true)
                        .body()))
            .get("density");
    assertThat(sum(coarse, "patrols")).isEqualTo(3);
    assertThat(coarse.features().size()).isLessThanOrEqualTo(density.features().size());
  }

  @Test
  void anEmptyTileIs204WithoutBody() throws Exception {
    HttpResponse<byte[]> r = get(service.base(), "/tiles/grids/12/0/0.mvt?month=2025-03", true);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(get(service.base(), "/tiles/patrols/12/0/0.mvt?month=2025-03", true).statusCode())
        .isEqualTo(204);
  }

  @Test
  void tilesAreCachedPerLayerMonthAndTile() throws Exception {
    String path = "/tiles/enterprises/" + tile + "?month=2025-04";
    HttpResponse<byte[]> first = get(service.base(), path, true);
    HttpResponse<byte[]> second = get(service.base(), path, true);
    assertThat(second.headers().firstValue("X-Tile-Cache")).hasValue("hit");
    assertThat(second.body()).isEqualTo(first.body());
    HttpResponse<byte[]> otherMonth =
        get(service.base(), "/tiles/enterprises/" + tile + "?month=2025-03", true);
    assertThat(gunzip(otherMonth.body())).isNotEqualTo(gunzip(first.body()));
  }

  @Test
  void aNewPublishInvalidatesTheCache() throws Exception {
    try (TestService own = TestService.start()) {
      String path = "/tiles/enterprises/" + tile + "?month=2025-03";
      assertThat(decodeFeatures(get(own, path), "enterprise_id")).hasSize(4);
      assertThat(get(own, path).headers().firstValue("X-Tile-Cache")).hasValue("hit");
      TestService.publishFixture(own.db.url(), true); // adds E5
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int seen = 4;
      while (seen != 5 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        seen = decodeFeatures(get(own, path), "enterprise_id").size();
      }
      assertThat(seen).as("E5 visible after the second publish").isEqualTo(5);
    }
  }

  @Test
  void badTileRequestsAre400JsonErrors() throws Exception {
    String[] bad = {
      "/tiles/roads/12/0/0.mvt",
      "/tiles/GRIDS/12/0/0.mvt",
      "/tiles/grids/23/0/0.mvt",
      "/tiles/grids/-1/0/0.mvt",
      "/tiles/grids/99999999999/0/0.mvt",
      "/tiles/grids/2/4/0.mvt",
      "/tiles/grids/2/0/4.mvt",
      "/tiles/grids/2/0/1.png",
      "/tiles/grids/2/x/1.mvt",
      "/tiles/grids/2/0/1.mvt?month=2025-13",
      "/tiles/grids/2/0/1.mvt?month=%3Cscript%3E",
      "/tiles/density/2/0/1.mvt?month=0000-01",
      "/tiles/patrols/2/0/1.mvt",
    };
    for (String path : bad) {
      HttpResponse<byte[]> r = get(service.base(), path, true);
      String body = new String(r.body(), StandardCharsets.UTF_8);
      assertThat(r.statusCode()).as(path + " " + body).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      JsonNode json = JSON.readTree(body);
      assertThat(json.get("status").asInt()).isEqualTo(400);
      assertThat(json.get("error").asText()).isNotBlank();
      assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  private static Map<String, Feature> features(String layer, String query, String idProperty)
      throws Exception {
    HttpResponse<byte[]> r = get(service.base(), "/tiles/" + layer + "/" + tile + query, true);
    assertThat(r.statusCode()).as(layer + query).isEqualTo(200);
    return byProperty(MvtDecoder.decode(gunzip(r.body())).get(layer), idProperty);
  }

  private static Map<String, Feature> decodeFeatures(HttpResponse<byte[]> r, String idProperty)
      throws IOException {
    assertThat(r.statusCode()).isEqualTo(200);
    return byProperty(MvtDecoder.decode(gunzip(r.body())).values().iterator().next(), idProperty);
  }

  private static Map<String, Feature> byProperty(Layer layer, String property) {
    Map<String, Feature> out = new TreeMap<>();
    for (Feature f : layer.features()) {
      out.put((String) f.properties().get(property), f);
    }
    return out;
  }

  private static long sum(Layer layer, String property) {
    return layer.features().stream()
        .mapToLong(f -> ((Number) f.properties().get(property)).longValue())
        .sum();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  static HttpResponse<byte[]> get(String base, String path, boolean gzip) throws Exception {
    return get(base, path, gzip, service.bearer());
  }

  /** A gzip-accepting GET of {@code path} on {@code own} with its bureau user. */
  static HttpResponse<byte[]> get(TestService own, String path) throws Exception {
    return get(own.base(), path, true, own.bearer());
  }

  static HttpResponse<byte[]> get(String base, String path, boolean gzip, String bearer)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", bearer)
            .GET();
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
