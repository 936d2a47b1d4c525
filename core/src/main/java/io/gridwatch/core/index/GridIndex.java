package io.gridwatch.core.index;

import io.gridwatch.core.geo.Geometries;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Point-in-grid lookup: the one place that decides which grid a point belongs to, used by Spark
 * (broadcast) and by the service and planner code.
 *
 * <p>Tie-break (written rule): a point covered by several grids — on a shared edge or vertex, or in
 * an overlap — belongs to the grid with the smallest {@code grid_id} by {@link String#compareTo}.
 * Boundaries count as inside ({@code covers}).
 *
 * <p>Serialised form is just ids and WKB; the lookup structure (bucket lattice or STR-tree, ring
 * arrays) is rebuilt lazily once per JVM, so broadcasting stays cheap and safe.
 */
public final class GridIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] ids;
  private final byte[][] wkbs;
  private transient volatile Built built;

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
    int i = built().locate(lon, lat);
    return i < 0 ? null : ids[i];
  }

  /** Which candidate structure this JVM built: {@code "buckets"} or {@code "str-tree"} (tests). */
  String lookupKind() {
    return built().tree == null ? "buckets" : "str-tree";
  }

  private Built built() {
    Built b = built;
    if (b == null) {
      synchronized (this) {
        b = built;
        if (b == null) {
          Geometry[] geoms = new Geometry[ids.length];
          for (int i = 0; i < ids.length; i++) {
            geoms[i] = Geometries.fromWkb(wkbs[i]);
          }
          b = new Built(geoms);
          built = b;
        }
      }
    }
    return b;
  }

  /**
   * The per-JVM lookup structure. Candidates come from a uniform bucket lattice over all grids
   * (each bucket lists, in ascending id order, the grids whose envelope meets it), so the first
   * candidate that covers the point is the answer; when the grids are spread too unevenly for
   * buckets (a far outlier, very mixed sizes) an STR-tree is used instead and every candidate is
   * tested. Coverage is decided exactly as {@link PreparedGeometry#covers} decides it for a point:
   * envelope, rectangle shortcut, then JTS's robust ray-crossing count over every ring (ported from
   * {@link org.locationtech.jts.algorithm.RayCrossingCounter} onto flat coordinate arrays for small
   * polygons; {@link IndexedPointInAreaLocator} for big ones).
   */
  private static final class Built {
    /** Mean bucket entries per occupied bucket above which the STR-tree is used. */
    private static final int MAX_MEAN_BUCKET = 32;

    /** Polygons up to this many vertices are scanned whole; bigger ones use an interval index. */
    private static final int SCAN_VERTICES = 64;

    private static final byte EMPTY = 0;
    private static final byte RINGS = 1;
    private static final byte LOCATOR = 2;
    private static final byte PREPARED = 3;

    private final double[] env; // minX, maxX, minY, maxY per grid
    private final byte[] kind;
    private final boolean[] rectangle;
    private final double[][] xy; // RINGS: x0, y0, x1, y1, ... of every closed ring, concatenated
    private final int[][] ringEnds; // RINGS with several rings: end offset (exclusive) of each
    private final Object[] other; // LOCATOR: PointOnGeometryLocator, PREPARED: PreparedGeometry
    // bucket lattice (CSR); unused when the STR-tree is used
    private double x0;
    private double y0;
    private double invW;
    private double invH;
    private int cols;
    private int rows;
    private int[] start;
    private int[] entries;
    private STRtree tree;

    Built(Geometry[] geoms) {
      int n = geoms.length;
      env = new double[4 * n];
      kind = new byte[n];
      rectangle = new boolean[n];
      xy = new double[n][];
      ringEnds = new int[n][];
      other = new Object[n];
      Envelope all = new Envelope();
      for (int i = 0; i < n; i++) {
        Geometry g = geoms[i];
        Envelope e = g.getEnvelopeInternal();
        if (e.isNull()) { // empty geometry: never matches
          kind[i] = EMPTY;
          continue;
        }
        env[4 * i] = e.getMinX();
        env[4 * i + 1] = e.getMaxX();
        env[4 * i + 2] = e.getMinY();
        env[4 * i + 3] = e.getMaxY();
        all.expandToInclude(e);
        rectangle[i] = g.isRectangle();
        prepareTest(i, g);
      }
      if (!buildBuckets(all)) {
        tree = new STRtree();
        for (int i = 0; i < n; i++) {
          if (kind[i] != EMPTY) {
            tree.insert(
                new Envelope(env[4 * i], env[4 * i + 1], env[4 * i + 2], env[4 * i + 3]), i);
          }
        }
        tree.build();
      }
    }

    /** Flat rings for small polygonal grids, an indexed locator for big ones, else prepared. */
    private void prepareTest(int i, Geometry g) {
      if (!(g instanceof Polygonal)) {
        kind[i] = PREPARED;
        other[i] = PreparedGeometryFactory.prepare(g);
        return;
      }
      if (g.getNumPoints() > SCAN_VERTICES) {
        IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(g);
        loc.locate(g.getCoordinate()); // builds its lazy index now, before publication
        kind[i] = LOCATOR;
        other[i] = loc;
        return;
      }
      // the closed linear components, as IndexedPointInAreaLocator indexes them
      List<Coordinate[]> rings = new ArrayList<>();
      int size = 0;
      for (Object o : LinearComponentExtracter.getLines(g)) {
        LineString line = (LineString) o;
        if (line.isClosed()) {
          rings.add(line.getCoordinates());
          size += 2 * line.getNumPoints();
        }
      }
      double[] flat = new double[size];
      int[] ends = new int[rings.size()];
      int at = 0;
      for (int r = 0; r < rings.size(); r++) {
        for (Coordinate c : rings.get(r)) {
          flat[at++] = c.x;
          flat[at++] = c.y;
        }
        ends[r] = at;
      }
      kind[i] = RINGS;
      xy[i] = flat;
      ringEnds[i] = ends.length == 1 ? null : ends;
    }

    /** Builds the bucket lattice; false when the grids are too uneven for it. */
    private boolean buildBuckets(Envelope all) {
      int n = kind.length;
      if (all.isNull()) {
        cols = 0;
        rows = 0;
        start = new int[1];
        entries = new int[0];
        return true;
      }
      double w = all.getWidth();
      double h = all.getHeight();
      long target = Math.max(1, 2L * n);
      if (w > 0 && h > 0) {
        cols = (int) Math.max(1, Math.min(1 << 14, Math.round(Math.sqrt(target * w / h))));
        rows = (int) Math.max(1, Math.min(1 << 14, (target + cols - 1) / cols));
      } else {
        cols = w > 0 ? (int) Math.min(1 << 14, target) : 1;
        rows = h > 0 ? (int) Math.min(1 << 14, target) : 1;
      }
      x0 = all.getMinX();
      y0 = all.getMinY();
      invW = w > 0 ? cols / w : 0;
      invH = h > 0 ? rows / h : 0;
      int cells = cols * rows;
      int[] count = new int[cells];
      long total = 0;
      for (int i = 0; i < n; i++) {
        if (kind[i] == EMPTY) {
          continue;
        }
        int c0 = col(env[4 * i]);
        int c1 = col(env[4 * i + 1]);
        int r0 = row(env[4 * i + 2]);
        int r1 = row(env[4 * i + 3]);
        total += (long) (c1 - c0 + 1) * (r1 - r0 + 1);
        if (total > 64L * n + 1024) {
          return false;
        }
        for (int r = r0; r <= r1; r++) {
          for (int c = c0; c <= c1; c++) {
            count[r * cols + c]++;
          }
        }
      }
      int occupied = 0;
      for (int k = 0; k < cells; k++) {
        occupied += count[k] > 0 ? 1 : 0;
      }
      if (total > (long) MAX_MEAN_BUCKET * Math.max(1, occupied)) {
        return false;
      }
      start = new int[cells + 1];
      for (int k = 0; k < cells; k++) {
        start[k + 1] = start[k] + count[k];
      }
      entries = new int[(int) total];
      int[] fill = Arrays.copyOf(start, cells);
      for (int i = 0; i < n; i++) { // ascending i: every bucket lists ids in ascending order
        if (kind[i] == EMPTY) {
          continue;
        }
        for (int r = row(env[4 * i + 2]); r <= row(env[4 * i + 3]); r++) {
          for (int c = col(env[4 * i]); c <= col(env[4 * i + 1]); c++) {
            entries[fill[r * cols + c]++] = i;
          }
        }
      }
      return true;
    }

    private int col(double x) {
      return (int) Math.min(cols - 1, Math.max(0, Math.floor((x - x0) * invW)));
    }

    private int row(double y) {
      return (int) Math.min(rows - 1, Math.max(0, Math.floor((y - y0) * invH)));
    }

    /** Index of the smallest-id grid covering (x, y), or −1. */
    int locate(double x, double y) {
      if (tree != null) {
        int[] best = {Integer.MAX_VALUE};
        tree.query(
            new Envelope(x, x, y, y),
            item -> {
              int i = (Integer) item;
              if (i < best[0] && inEnvelope(i, x, y) && covers(i, x, y)) {
                best[0] = i;
              }
            });
        return best[0] == Integer.MAX_VALUE ? -1 : best[0];
      }
      if (cols == 0 || !(x >= x0 && y >= y0)) {
        return -1;
      }
      double fc = Math.floor((x - x0) * invW);
      double fr = Math.floor((y - y0) * invH);
      if (fc > cols || fr > rows) { // also infinities
        return -1;
      }
      int k = Math.min((int) fr, rows - 1) * cols + Math.min((int) fc, cols - 1);
      for (int e = start[k], end = start[k + 1]; e < end; e++) {
        int i = entries[e];
        if (inEnvelope(i, x, y) && covers(i, x, y)) {
          return i;
        }
      }
      return -1;
    }

    private boolean inEnvelope(int i, double x, double y) {
      int b = 4 * i;
      return x >= env[b] && x <= env[b + 1] && y >= env[b + 2] && y <= env[b + 3];
    }

    /** Whether grid {@code i} covers (x, y), which lies inside its envelope. */
    private boolean covers(int i, double x, double y) {
      if (rectangle[i]) {
        return true;
      }
      return switch (kind[i]) {
        case RINGS -> ringsCover(xy[i], ringEnds[i], x, y);
        case LOCATOR ->
            ((PointOnGeometryLocator) other[i]).locate(new Coordinate(x, y)) != Location.EXTERIOR;
        case PREPARED ->
            ((PreparedGeometry) other[i])
                .covers(Geometries.FACTORY.createPoint(new Coordinate(x, y)));
        default -> false;
      };
    }

    /**
     * JTS's {@code RayCrossingCounter} over every segment of the rings: true when (px, py) lies on
     * a segment or an odd number of segments cross the ray to its right (same predicates, same
     * conventions, so the same answer as {@link IndexedPointInAreaLocator}).
     */
    private static boolean ringsCover(double[] xy, int[] ends, double px, double py) {
      int crossings = 0;
      int from = 0;
      int rings = ends == null ? 1 : ends.length;
      for (int r = 0; r < rings; r++) {
        int to = ends == null ? xy.length : ends[r];
        for (int k = from + 2; k < to; k += 2) {
          double x1 = xy[k - 2];
          double y1 = xy[k - 1];
          double x2 = xy[k];
          double y2 = xy[k + 1];
          if (x1 < px && x2 < px) {
            continue; // strictly left of the point
          }
          if (px == x2 && py == y2) {
            return true; // on a vertex
          }
          if (y1 == py && y2 == py) { // horizontal: only "on it" counts
            double minx = Math.min(x1, x2);
            double maxx = Math.max(x1, x2);
            if (px >= minx && px <= maxx) {
              return true;
            }
            continue;
          }
          // upward edges include their start, downward edges their end
          if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
            int orient = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, px, py);
            if (orient == 0) {
              return true; // on the segment
            }
            if (y2 < y1) {
              orient = -orient;
            }
            if (orient == 1) {
              crossings++;
            }
          }
        }
        from = to;
      }
      return (crossings & 1) == 1;
    }
  }
}
