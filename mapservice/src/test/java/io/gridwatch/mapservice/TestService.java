package io.gridwatch.mapservice;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.store.ScratchDatabase;
import io.gridwatch.store.publish.Publisher;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * A scratch PostGIS database with three published grids and two months of grid_month rows, and a
 * MapServer on a free port in front of it.
 */
final class TestService implements AutoCloseable {
  static final List<String> GRID_COLUMNS =
      List.of("grid_id", "layout_version", "name", "kind", "town", "community", "geometry");
  static final List<String> GRID_MONTH_COLUMNS =
      List.of(
          "grid_id",
          "month",
          "layout_version",
          "kind",
          "town",
          "community",
          "worker_id",
          "enterprises",
          "visited",
          "coverage",
          "full_coverage",
          "patrols",
          "issues_environment",
          "issues_safety",
          "issues_social_order",
          "awareness_sampled",
          "awareness_known",
          "awareness_rate",
          "suspicious_visits");

  final ScratchDatabase db;
  final MapServer server;

  private TestService(ScratchDatabase db, MapServer server) {
    this.db = db;
    this.server = server;
  }

  /** Publishes the fixture and starts the service on 127.0.0.1 and a free port. */
  static TestService start() {
    ScratchDatabase db = ScratchDatabase.createLocal("gw_map_test");
    try {
      publishFixture(db.url());
      return new TestService(db, MapServer.start(new ServeConfig(db.url(), 0, "127.0.0.1")));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * G1 一号网格 (10 enterprises: 9 visited in 2025-03, 10 in 2025-04), G2 二号网格 (4: 1 then 3), G3 三号网格
   * (village, no enterprises, no grid_month rows). Three squares side by side.
   */
  static void publishFixture(String url) {
    List<Object[]> grids = new ArrayList<>();
    grids.add(grid("G1", "一号网格", "enterprise", 104.60, 30.10));
    grids.add(grid("G2", "二号网格", "community", 104.62, 30.10));
    grids.add(grid("G3", "三号网格", "village", 104.64, 30.10));
    List<Object[]> months = new ArrayList<>();
    months.add(gridMonth("G1", "2025-03", 10, 9, 12));
    months.add(gridMonth("G2", "2025-03", 4, 1, 3));
    months.add(gridMonth("G1", "2025-04", 10, 10, 15));
    months.add(gridMonth("G2", "2025-04", 4, 3, 5));
    String id = Publisher.begin(url, "test-lake");
    Publisher.copy(url, id, "grids", GRID_COLUMNS, grids.iterator());
    Publisher.copy(url, id, "grid_month", GRID_MONTH_COLUMNS, months.iterator());
    Publisher.commit(url, id);
  }

  static Object[] grid(String id, String name, String kind, double lon, double lat) {
    double s = 0.018;
    Coordinate[] ring = {
      new Coordinate(lon, lat),
      new Coordinate(lon + s, lat),
      new Coordinate(lon + s, lat + s),
      new Coordinate(lon, lat + s),
      new Coordinate(lon, lat)
    };
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPolygon(ring));
    return new Object[] {id, 1, name, kind, "高新区", "迎宾社区", wkb};
  }

  static Object[] gridMonth(
      String gridId, String month, int enterprises, int visited, int patrols) {
    return new Object[] {
      gridId,
      month,
      1,
      "enterprise",
      "高新区",
      "迎宾社区",
      "W-" + gridId,
      enterprises,
      visited,
      (double) visited / enterprises,
      visited == enterprises,
      patrols,
      1,
      2,
      0,
      10,
      8,
      0.8,
      0
    };
  }

  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      db.close();
    }
  }
}
