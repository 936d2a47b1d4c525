package io.gridwatch.mapservice;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.MartColumns;
import io.gridwatch.store.ScratchDatabase;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
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

  static final List<String> WORKER_COLUMNS =
      List.of("worker_id", "name", "kind", "grid_id", "town", "community", "phone", "hired_on");
  static final List<String> WORKER_MONTH_COLUMNS =
      List.of(
          "worker_id",
          "month",
          "grid_id",
          "enterprises",
          "visited",
          "coverage",
          "patrol_score",
          "total",
          "grade",
          "status",
          "deductions");
  static final List<String> WORKER_QUARTER_COLUMNS =
      List.of(
          "worker_id",
          "quarter",
          "months",
          "score",
          "rank",
          "grade",
          "base_grade",
          "quota_exceeded",
          "pay_multiplier",
          "performance_pay",
          "status",
          "ranked",
          "excellent_quota");

  /** Password of every fixture user. */
  static final String PASSWORD = "fixture-pass-1";

  final ScratchDatabase db;
  final MapServer server;

  /** API token of the bureau user {@code bureau} (sees everything). */
  final String token;

  /** API tokens of a 高新区 town user, a 松涛镇 town user and an analyst. */
  final String parkToken;

  final String songtaoToken;
  final String analystToken;

  private TestService(ScratchDatabase db, MapServer server, String[] tokens) {
    this.db = db;
    this.server = server;
    this.token = tokens[0];
    this.parkToken = tokens[1];
    this.songtaoToken = tokens[2];
    this.analystToken = tokens[3];
  }

  /** Publishes the fixture, creates its users and starts the service on a free port. */
  static TestService start() {
    ScratchDatabase db = ScratchDatabase.createLocal("gw_map_test");
    try {
      publishFixture(db.url());
      String[] tokens = {
        Users.addTo(db.url(), new User("bureau", Role.BUREAU, null, null), PASSWORD),
        Users.addTo(db.url(), new User("park", Role.TOWN, "高新区", null), PASSWORD),
        Users.addTo(db.url(), new User("songtao", Role.TOWN, "松涛镇", null), PASSWORD),
        Users.addTo(db.url(), new User("analyst", Role.ANALYST, null, null), PASSWORD)
      };
      return new TestService(
          db, MapServer.start(new ServeConfig(db.url(), 0, "127.0.0.1")), tokens);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The {@code Authorization} header value of the bureau user. */
  String bearer() {
    return "Bearer " + token;
  }

  /**
   * G1 一号网格 (10 enterprises: 9 visited in 2025-03, 10 in 2025-04), G2 二号网格 (4: 1 then 3), G3 三号网格
   * (village of 松涛镇, no enterprises, no grid_month rows). Three squares side by side. Workers W-G1
   * (exclusive, 高新区, phone 13812345678), W-G2 (full-time, 高新区), W-G3 (part-time, 松涛镇); worker_month
   * rows of W-G1 for 2025-03 (−10 full coverage) and 2025-04; the 2025Q1 ranking of W-G1, X1, X2,
   * X3 (ranked 4, excellent quota 1).
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
    grids.add(grid("G3", "三号网格", "village", 104.64, 30.10, "松涛镇", "松涛村"));
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
    List<Object[]> workers = new ArrayList<>();
    workers.add(worker("W-G1", "张一", "exclusive", "G1", "高新区", null, "13812345678"));
    workers.add(worker("W-G2", "李二", "fulltime", "G2", "高新区", "迎宾社区", "13900001111"));
    workers.add(worker("W-G3", "王三", "parttime", "G3", "松涛镇", "松涛村", "13700002222"));
    workers.add(worker("X1", "赵四", "exclusive", "G1", "高新区", null, null));
    workers.add(worker("X2", "钱五", "exclusive", "G1", "高新区", null, null));
    workers.add(worker("X3", "孙六", "exclusive", "G1", "高新区", null, null));
    Publisher.copy(url, id, "workers", WORKER_COLUMNS, workers.iterator());
    String deduction = "[{\"rule\":\"full_coverage\",\"points\":-10.0,\"evidence_ids\":[\"E2\"]}]";
    List<Object[]> workerMonths = new ArrayList<>();
    workerMonths.add(
        new Object[] {
          "W-G1", "2025-03", "G1", 10, 9, 0.9, 20.0, 85.0, "qualified", "final", deduction
        });
    workerMonths.add(
        new Object[] {
          "W-G1", "2025-04", "G1", 10, 10, 1.0, 30.0, 96.0, "excellent", "final", "[]"
        });
    Publisher.copy(url, id, "worker_month", WORKER_MONTH_COLUMNS, workerMonths.iterator());
    List<Object[]> quarter = new ArrayList<>();
    quarter.add(quarterRow("X1", 1, 97.5, "excellent", "excellent", false, 1.2, 3600.0));
    quarter.add(quarterRow("W-G1", 2, 96.0, "excellent", "qualified", true, 1.0, 3000.0));
    quarter.add(quarterRow("X2", 3, 81.0, "qualified", "qualified", false, 1.0, 3000.0));
    quarter.add(quarterRow("X3", 4, 65.0, "unqualified", "unqualified", false, 0.0, 0.0));
    Publisher.copy(url, id, "worker_quarter", WORKER_QUARTER_COLUMNS, quarter.iterator());
    Publisher.commit(url, id);
  }

  static Object[] worker(
      String id,
      String name,
      String kind,
      String grid,
      String town,
      String community,
      String phone) {
    return new Object[] {id, name, kind, grid, town, community, phone, LocalDate.of(2024, 1, 1)};
  }

  static Object[] quarterRow(
      String worker,
      int rank,
      double score,
      String base,
      String grade,
      boolean quotaExceeded,
      double multiplier,
      double pay) {
    return new Object[] {
      worker, "2025Q1", 3, score, rank, grade, base, quotaExceeded, multiplier, pay, "final", 4, 1
    };
  }

  static Object[] grid(String id, String name, String kind, double lon, double lat) {
    return grid(id, name, kind, lon, lat, "高新区", "迎宾社区");
  }

  static Object[] grid(
      String id, String name, String kind, double lon, double lat, String town, String community) {
    double s = 0.018;
    Coordinate[] ring = {
      new Coordinate(lon, lat),
      new Coordinate(lon + s, lat),
      new Coordinate(lon + s, lat + s),
      new Coordinate(lon, lat + s),
      new Coordinate(lon, lat)
    };
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPolygon(ring));
    return new Object[] {id, 1, name, kind, town, community, wkb};
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
