package io.gridwatch.mapservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.mapservice.layout.ActivationConfig;
import io.gridwatch.store.LocalCluster;
import io.gridwatch.store.ScratchDatabase;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import io.gridwatch.store.publish.Publisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A small unbalanced published layout for the planners' suggest and proposal tests, in a scratch
 * PostGIS database: two separate pairs of adjacent enterprise grids, 0.02° squares — A [104.60,
 * 104.62] × [30.10, 30.12] with 8 enterprises and B east of it with 2; C [104.60, 104.62] × [30.13,
 * 30.15] with 7 and D east of it with 3. The mean is 5, so with a ±15 % target every grid must hold
 * exactly 5: A hands 3 enterprises to B, C hands 2 to D. A's and C's enterprises zig-zag eastwards
 * 0.0024° apart (A 104.6015 … 104.6183, C 104.6039 … 104.6183), so each has one nearest, second
 * nearest, … enterprise to the shared border x = 104.62. Workers hold every grid; grid_month is
 * published up to 2025-04, so the first effective date allowed is 2025-05-01. Users (password
 * {@link TestService#PASSWORD}): planner {@code planner}, bureau {@code chief} and {@code deputy},
 * analyst {@code analyst}.
 */
final class PlannerFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Grid id → [west, south, east, north] of its 0.02° square (exact shared edges). */
  static final Map<String, double[]> SQUARES = new LinkedHashMap<>();

  /** Enterprise id → grid id in the published layout. */
  static final Map<String, String> HOME = new LinkedHashMap<>();

  /** Enterprise id → [lon, lat]. */
  static final Map<String, double[]> POINTS = new LinkedHashMap<>();

  static {
    SQUARES.put("A", new double[] {104.60, 30.10, 104.62, 30.12});
    SQUARES.put("B", new double[] {104.62, 30.10, 104.64, 30.12});
    SQUARES.put("C", new double[] {104.60, 30.13, 104.62, 30.15});
    SQUARES.put("D", new double[] {104.62, 30.13, 104.64, 30.15});
    for (int i = 0; i < 8; i++) { // west to east, zig-zag about the middle line
      put("EA" + (i + 1), "A", 104.6015 + i * 0.0024, 30.110 + (i % 2 == 0 ? -0.003 : 0.003));
    }
    put("EB1", "B", 104.630, 30.105);
    put("EB2", "B", 104.635, 30.115);
    for (int i = 0; i < 7; i++) {
      put("EC" + (i + 1), "C", 104.6039 + i * 0.0024, 30.140 + (i % 2 == 0 ? -0.003 : 0.003));
    }
    put("ED1", "D", 104.628, 30.135);
    put("ED2", "D", 104.632, 30.145);
    put("ED3", "D", 104.636, 30.138);
  }

  final ScratchDatabase db;
  final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<MapServer> servers = new ArrayList<>();

  private PlannerFixture(ScratchDatabase db) {
    this.db = db;
  }

  /** A scratch database with the layout and users published. */
  static PlannerFixture create(String prefix) {
    ScratchDatabase db = ScratchDatabase.createLocal(prefix);
    PlannerFixture f = new PlannerFixture(db);
    try {
      publish(db.url());
      f.tokens.put("planner", user(db, "planner", Role.PLANNER));
      f.tokens.put("chief", user(db, "chief", Role.BUREAU));
      f.tokens.put("deputy", user(db, "deputy", Role.BUREAU));
      f.tokens.put("analyst", user(db, "analyst", Role.ANALYST));
      return f;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Starts a service on a free port without layout activation. */
  MapServer start() {
    return start(ActivationConfig.NONE);
  }

  /** Starts a service on a free port with {@code activation}. */
  MapServer start(ActivationConfig activation) {
    MapServer s = MapServer.start(new ServeConfig(db.url(), 0, "127.0.0.1"), activation);
    servers.add(s);
    return s;
  }

  /** Activation through the real launcher of this checkout into {@code lake}. */
  static ActivationConfig launcherInto(String lake) {
    return ActivationConfig.of(LocalCluster.repoRoot().resolve("gridwatch").toString(), lake);
  }

  /** The published layout as grids.geojson text (a draft equal to it). */
  static String publishedGeoJson() {
    StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    boolean first = true;
    for (Map.Entry<String, double[]> e : SQUARES.entrySet()) {
      sb.append(first ? "" : ",").append(feature(e.getKey(), e.getValue()));
      first = false;
    }
    return sb.append("]}").toString();
  }

  /** The published layout with B widened 0.002° westwards over A: an overlap. */
  static String overlappingGeoJson() {
    String b =
        "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"B\",\"name\":\"B 网格\","
            + "\"kind\":\"enterprise\",\"town\":\"高新区\",\"community\":\"迎宾社区\"},"
            + "\"geometry\":"
            + Geometries.toGeoJson(rect(104.618, 30.10, 104.64, 30.12))
            + "}";
    return "{\"type\":\"FeatureCollection\",\"features\":["
        + feature("A", SQUARES.get("A"))
        + ","
        + b
        + ","
        + feature("C", SQUARES.get("C"))
        + ","
        + feature("D", SQUARES.get("D"))
        + "]}";
  }

  static String base(MapServer s) {
    return "http://127.0.0.1:" + s.port();
  }

  static HttpResponse<String> send(
      MapServer s, String method, String path, String token, String type, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base(s) + path)).timeout(Duration.ofSeconds(120));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    try {
      servers.forEach(MapServer::stop);
    } finally {
      db.close();
    }
  }

  private static void put(String id, String grid, double lon, double lat) {
    HOME.put(id, grid);
    POINTS.put(id, new double[] {lon, lat});
  }

  private static String user(ScratchDatabase db, String login, Role role) {
    return Users.addTo(db.url(), new User(login, role, null, null), TestService.PASSWORD);
  }

  static Geometry rect(double w, double s, double e, double n) {
    Coordinate[] ring = {
      new Coordinate(w, s),
      new Coordinate(e, s),
      new Coordinate(e, n),
      new Coordinate(w, n),
      new Coordinate(w, s)
    };
    return Geometries.FACTORY.createPolygon(ring);
  }

  private static String feature(String id, double[] r) {
    return "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\""
        + id
        + "\",\"name\":\""
        + id
        + " 网格\",\"kind\":\"enterprise\",\"town\":\"高新区\",\"community\":\"迎宾社区\"},"
        + "\"geometry\":"
        + Geometries.toGeoJson(rect(r[0], r[1], r[2], r[3]))
        + "}";
  }

  private static void publish(String url) {
    String id = Publisher.begin(url, "planner-fixture");
    List<Object[]> grids = new ArrayList<>();
    for (Map.Entry<String, double[]> e : SQUARES.entrySet()) {
      double[] r = e.getValue();
      byte[] wkb = Geometries.toWkb(rect(r[0], r[1], r[2], r[3]));
      grids.add(new Object[] {e.getKey(), 1, e.getKey() + " 网格", "enterprise", "高新区", "迎宾社区", wkb});
    }
    Publisher.copy(url, id, "grids", TestService.GRID_COLUMNS, grids.iterator());
    List<Object[]> enterprises = new ArrayList<>();
    for (Map.Entry<String, double[]> e : POINTS.entrySet()) {
      enterprises.add(
          TestService.enterprise(
              e.getKey(),
              "企业" + e.getKey(),
              HOME.get(e.getKey()),
              e.getValue()[0],
              e.getValue()[1],
              null));
    }
    Publisher.copy(url, id, "enterprises", TestService.ENTERPRISE_COLUMNS, enterprises.iterator());
    List<Object[]> months = new ArrayList<>();
    List<Object[]> workers = new ArrayList<>();
    for (String g : SQUARES.keySet()) {
      int n = (int) HOME.values().stream().filter(g::equals).count();
      months.add(TestService.gridMonth(g, "2025-04", n, n, n));
      workers.add(TestService.worker("W-" + g, "网格员" + g, "exclusive", g, "高新区", null, null));
    }
    Publisher.copy(url, id, "grid_month", TestService.GRID_MONTH_COLUMNS, months.iterator());
    Publisher.copy(url, id, "workers", TestService.WORKER_COLUMNS, workers.iterator());
    Publisher.commit(url, id);
  }
}
