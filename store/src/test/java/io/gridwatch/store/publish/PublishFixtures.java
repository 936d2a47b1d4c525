package io.gridwatch.store.publish;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.MartColumns;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/** Small grids and grid_month rows in the shape the analytics publish sends. */
public final class PublishFixtures {
  /** Columns of the grids rows built by {@link #grid}. */
  public static final List<String> GRID_COLUMNS =
      List.of("grid_id", "layout_version", "name", "kind", "town", "community", "geometry");

  /** Columns of the grid_month rows built by {@link #gridMonth}. */
  public static final List<String> GRID_MONTH_COLUMNS = MartColumns.GRID_MONTH;

  private PublishFixtures() {}

  /** A square grid (a plain Polygon as WKB) with its lower-left corner at lon/lat. */
  public static Object[] grid(String id, String name, double lon, double lat, double size) {
    Coordinate[] ring = {
      new Coordinate(lon, lat),
      new Coordinate(lon + size, lat),
      new Coordinate(lon + size, lat + size),
      new Coordinate(lon, lat + size),
      new Coordinate(lon, lat)
    };
    byte[] wkb = Geometries.toWkb(Geometries.FACTORY.createPolygon(ring));
    return new Object[] {id, 1, name, "enterprise", "高新区", "迎宾社区", wkb};
  }

  /** A grid_month row with the given enterprises/visited; coverage = visited / enterprises. */
  public static Object[] gridMonth(String gridId, String month, int enterprises, int visited) {
    Double coverage = enterprises == 0 ? null : (double) visited / enterprises;
    return new Object[] {
      gridId,
      month,
      1,
      "enterprise",
      "高新区",
      "迎宾社区",
      "W" + gridId,
      enterprises,
      visited,
      coverage,
      enterprises > 0 && visited == enterprises,
      visited * 2L,
      1,
      0,
      2,
      10,
      9,
      0.9,
      0
    };
  }

  /** Publishes the given rows in one begin/copy/commit; returns the staging id. */
  public static String publish(String url, List<Object[]> grids, List<Object[]> gridMonths) {
    String id = Publisher.begin(url, "test-lake");
    Publisher.copy(url, id, "grids", GRID_COLUMNS, new ArrayList<>(grids).iterator());
    Publisher.copy(
        url, id, "grid_month", GRID_MONTH_COLUMNS, new ArrayList<>(gridMonths).iterator());
    Publisher.commit(url, id);
    return id;
  }
}
