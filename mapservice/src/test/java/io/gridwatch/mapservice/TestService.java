package io.gridwatch.mapservice;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.MartColumns;
import io.gridwatch.store.ScratchDatabase;
import io.gridwatch.store.publish.Publisher;
import java.time.Instant;
import java.time.LocalDate;
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
  static final List<String> GRID_MONTH_COLUMNS = MartColumns.GRID_MONTH;

  static final List<String> ENTERPRISE_COLUMNS =
      List.of(
          "enterprise_id",
          "name",
          "industry",
          "address",
          "registered_on",
          "closed_on",
          "layout_version",
          "grid_id",
          "geometry");
  static final List<String> PATROL_COLUMNS =
      List.of(
          "patrol_id",
          "worker_id",
          "enterprise_id",
          "visited_at",
          "month",
          "category",
          "issue_found",
          "geometry");
  static final List<String> FLAG_COLUMNS =
      List.of("patrol_id", "worker_id", "enterprise_id", "reason", "detail");

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
    publishFixture(url, false);
  }

  /**
   * The fixture above plus enterprises E1, E2 (G1), E3 (G2), E4 (G3, closed 2025-03-10) and, with
   * {@code extra}, E5 (G3); patrols: 2025-03 P1→E1, P2→E2 (flagged too_far), P3→E3 (issue found);
   * 2025-04 P4→E1, P5→E2, P6→E3.
   */
  static void publishFixture(String url, boolean extra) {
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
    List<Object[]> enterprises = new ArrayList<>();
    enterprises.add(enterprise("E1", "一号企业", "G1", 104.605, 30.105, null));
    enterprises.add(enterprise("E2", "二号企业", "G1", 104.610, 30.112, null));
    enterprises.add(enterprise("E3", "三号企业", "G2", 104.625, 30.105, null));
    enterprises.add(enterprise("E4", "四号企业", "G3", 104.645, 30.110, LocalDate.of(2025, 3, 10)));
    if (extra) {
      enterprises.add(enterprise("E5", "五号企业", "G3", 104.650, 30.105, null));
    }
    Publisher.copy(url, id, "enterprises", ENTERPRISE_COLUMNS, enterprises.iterator());
    List<Object[]> patrols = new ArrayList<>();
    patrols.add(patrol("P1", "W-G1", "E1", "2025-03-05T02:00:00Z", 104.605, 30.105, false));
    patrols.add(patrol("P2", "W-G1", "E2", "2025-03-06T02:00:00Z", 104.615, 30.102, false));
    patrols.add(patrol("P3", "W-G2", "E3", "2025-03-07T02:00:00Z", 104.625, 30.105, true));
    patrols.add(patrol("P4", "W-G1", "E1", "2025-04-05T02:00:00Z", 104.605, 30.105, false));
    patrols.add(patrol("P5", "W-G1", "E2", "2025-04-06T02:00:00Z", 104.610, 30.112, false));
    patrols.add(patrol("P6", "W-G2", "E3", "2025-04-07T02:00:00Z", 104.625, 30.105, false));
    Publisher.copy(url, id, "patrols", PATROL_COLUMNS, patrols.iterator());
    Publisher.copy(
        url,
        id,
        "patrol_flags",
        FLAG_COLUMNS,
        List.<Object[]>of(new Object[] {"P2", "W-G1", "E2", "too_far", "{\"distance_m\": 1020}"})
            .iterator());
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

  static Object[] enterprise(
      String id, String name, String gridId, double lon, double lat, LocalDate closed) {
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPoint(new Coordinate(lon, lat)));
    return new Object[] {
      id, name, "制造业", "迎宾大道" + id, LocalDate.of(2020, 1, 1), closed, 1, gridId, wkb
    };
  }

  static Object[] patrol(
      String id,
      String worker,
      String enterprise,
      String at,
      double lon,
      double lat,
      boolean issue) {
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPoint(new Coordinate(lon, lat)));
    Instant visited = Instant.parse(at);
    return new Object[] {
      id, worker, enterprise, visited, at.substring(0, 7), issue ? "safety" : "none", issue, wkb
    };
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
