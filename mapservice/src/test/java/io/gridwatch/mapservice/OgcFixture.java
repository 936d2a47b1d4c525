package io.gridwatch.mapservice;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.time.Periods;
import io.gridwatch.store.publish.Publisher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * The OGC API fixture, published through the real Publisher. Hand-checked layout:
 *
 * <ul>
 *   <li>grids, layout 2: G01..G12, squares of 0.018° on a 0.02° raster, 4 columns × 3 rows from
 *       (104.60, 30.10); G{r*4+c+1} at column c, row r. Columns 0–1 are in town 东城镇, 2–3 in 西城镇;
 *       row r is community 社区{r+1}. Layout 1 has only G01, a 0.02° square at (104.595, 30.095).
 *   <li>grid_month: 2025-02 G01 (layout 1); 2025-03 G01..G12; 2025-04 G01..G06 — 19 rows.
 *   <li>enterprises: E01..E12 at the centres of G01..G12 (+0.009, +0.009), E13 in G01 at (104.603,
 *       30.103) — 13.
 *   <li>patrols: P01..P23, P{i} visits enterprise E{(i-1) % 13 + 1} at its location at
 *       2025-02-20T02:00:00Z + 3·(i-1) days: P01–P03 in February, P04 (03-01) – P14 (03-31) in
 *       March, P15 (04-03) – P23 (04-27) in April, each by worker W-G{nn} of the enterprise's grid.
 *   <li>workers: W-G01..W-G12, one per grid, in the grid's town and community.
 * </ul>
 */
final class OgcFixture {
  static final double LON0 = 104.60;
  static final double LAT0 = 30.10;
  static final double STEP = 0.02;
  static final double SIZE = 0.018;
  static final int COLUMNS = 4;
  static final int ROWS = 3;
  static final int GRIDS = 12;
  static final int ENTERPRISES = 13;
  static final int PATROLS = 23;
  static final int GRID_MONTHS = 19;
  static final Instant FIRST_PATROL = Instant.parse("2025-02-20T02:00:00Z");

  private OgcFixture() {}

  static String gridId(int n) {
    return String.format("G%02d", n);
  }

  static void publish(String url) {
    List<Object[]> grids = new ArrayList<>();
    List<Object[]> months = new ArrayList<>();
    List<Object[]> enterprises = new ArrayList<>();
    List<Object[]> workers = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLUMNS; c++) {
        int n = r * COLUMNS + c + 1;
        String id = gridId(n);
        double lon = LON0 + STEP * c;
        double lat = LAT0 + STEP * r;
        grids.add(grid(id, 2, town(c), "社区" + (r + 1), lon, lat, SIZE));
        workers.add(new Object[] {"W-" + id, "网格员" + id.substring(1), id, town(c), "社区" + (r + 1)});
        months.add(gridMonth(id, "2025-03", 2, town(c), "社区" + (r + 1)));
        if (n <= 6) {
          months.add(gridMonth(id, "2025-04", 2, town(c), "社区" + (r + 1)));
        }
        enterprises.add(enterprise(String.format("E%02d", n), id, lon + SIZE / 2, lat + SIZE / 2));
      }
    }
    grids.add(grid("G01", 1, "东城镇", "社区1", 104.595, 30.095, 0.02));
    months.add(gridMonth("G01", "2025-02", 1, "东城镇", "社区1"));
    enterprises.add(enterprise("E13", "G01", 104.603, 30.103));

    List<Object[]> patrols = new ArrayList<>();
    for (int i = 1; i <= PATROLS; i++) {
      Object[] e = enterprises.get((i - 1) % ENTERPRISES);
      Instant at = FIRST_PATROL.plus(Duration.ofDays(3L * (i - 1)));
      patrols.add(
          new Object[] {
            String.format("P%02d", i),
            "W-" + e[7],
            e[0],
            at,
            Periods.format(Periods.monthOf(at)),
            i % 5 == 0 ? "safety" : "none",
            i % 5 == 0,
            e[8]
          });
    }

    String id = Publisher.begin(url, "ogc-test-lake");
    Publisher.copy(url, id, "grids", TestService.GRID_COLUMNS, grids.iterator());
    Publisher.copy(url, id, "grid_month", TestService.GRID_MONTH_COLUMNS, months.iterator());
    Publisher.copy(url, id, "enterprises", TestService.ENTERPRISE_COLUMNS, enterprises.iterator());
    Publisher.copy(url, id, "patrols", TestService.PATROL_COLUMNS, patrols.iterator());
    Publisher.copy(
        url,
        id,
        "workers",
        List.of("worker_id", "name", "grid_id", "town", "community"),
        workers.iterator());
    Publisher.commit(url, id);
  }

  static String town(int column) {
    return column < 2 ? "东城镇" : "西城镇";
  }

  private static Object[] grid(
      String id, int layout, String town, String community, double lon, double lat, double s) {
    Coordinate[] ring = {
      new Coordinate(lon, lat),
      new Coordinate(lon + s, lat),
      new Coordinate(lon + s, lat + s),
      new Coordinate(lon, lat + s),
      new Coordinate(lon, lat)
    };
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPolygon(ring));
    return new Object[] {id, layout, "网格" + id.substring(1), "enterprise", town, community, wkb};
  }

  private static Object[] enterprise(String id, String gridId, double lon, double lat) {
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPoint(new Coordinate(lon, lat)));
    return new Object[] {
      id, "企业" + id.substring(1), "制造业", "迎宾大道" + id, LocalDate.of(2020, 1, 1), null, 2, gridId, wkb
    };
  }

  private static Object[] gridMonth(
      String gridId, String month, int layout, String town, String community) {
    return new Object[] {
      gridId,
      month,
      layout,
      "enterprise",
      town,
      community,
      "W-" + gridId,
      4,
      3,
      0.75,
      false,
      5,
      1,
      0,
      0,
      10,
      8,
      0.8,
      0
    };
  }
}
