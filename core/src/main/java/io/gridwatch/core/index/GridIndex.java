package io.gridwatch.core.index;

import io.gridwatch.core.geo.Geometries;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Point-in-grid lookup: the one place that decides which grid a point belongs to, used by Spark
 * (broadcast) and by the service and planner code.
 *
 * <p>Tie-break (written rule): a point covered by several grids — on a shared edge or vertex, or in
 * an overlap — belongs to the grid with the smallest {@code grid_id} by {@link String#compareTo}.
 * Boundaries count as inside ({@code covers}).
 *
 * <p>Serialised form is just ids and WKB; the STR-tree and prepared polygons are rebuilt lazily
 * once per JVM, so broadcasting stays cheap and safe.
 */
public final class GridIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] ids;
  private final byte[][] wkbs;
  private transient volatile Built built;

  private record Built(STRtree tree, PreparedGeometry[] prepared) {}

  private GridIndex(String[] ids, byte[][] wkbs) {
    this.ids = ids;
    this.wkbs = wkbs;
  }

  /** Builds an index over grids keyed by id; ids are kept in ascending order. */
  public static GridIndex of(Map<String, Geometry> gridsById) {
    TreeMap<String, Geometry> sorted = new TreeMap<>(gridsById);
    String[] ids = sorted.keySet().toArray(new String[0]);
    byte[][] wkbs = new byte[ids.length][];
    int i = 0;
    for (Geometry g : sorted.values()) {
      wkbs[i++] = Geometries.toWkb(g);
    }
    return new GridIndex(ids, wkbs);
  }

  /** Builds an index from WKB polygons keyed by id. */
  public static GridIndex ofWkb(Map<String, byte[]> wkbById) {
    TreeMap<String, byte[]> sorted = new TreeMap<>(wkbById);
    return new GridIndex(
        sorted.keySet().toArray(new String[0]), sorted.values().toArray(new byte[0][]));
  }

  /** Number of grids in the index. */
  public int size() {
    return ids.length;
  }

  /** Grid ids in ascending order. */
  public List<String> ids() {
    return List.of(ids);
  }

  /** The grid containing (lon, lat), smallest id on shared edges, or null when in none. */
  public String locate(double lon, double lat) {
    if (Double.isNaN(lon) || Double.isNaN(lat)) {
      return null;
    }
    Built b = built();
    Point p = Geometries.FACTORY.createPoint(new Coordinate(lon, lat));
    int best = Integer.MAX_VALUE;
    for (Object o : b.tree().query(new Envelope(lon, lon, lat, lat))) {
      int i = (Integer) o;
      // ids are sorted, so the smallest index is the smallest grid_id
      if (i < best && b.prepared()[i].covers(p)) {
        best = i;
      }
    }
    return best == Integer.MAX_VALUE ? null : ids[best];
  }

  private Built built() {
    Built b = built;
    if (b == null) {
      synchronized (this) {
        b = built;
        if (b == null) {
          STRtree tree = new STRtree();
          PreparedGeometry[] prepared = new PreparedGeometry[ids.length];
          for (int i = 0; i < ids.length; i++) {
            Geometry g = Geometries.fromWkb(wkbs[i]);
            prepared[i] = PreparedGeometryFactory.prepare(g);
            tree.insert(g.getEnvelopeInternal(), i);
          }
          tree.build();
          b = new Built(tree, prepared);
          built = b;
        }
      }
    }
    return b;
  }
}
