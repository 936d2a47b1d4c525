package io.gridwatch.benchmarks.join;

import io.gridwatch.core.geo.Geometries;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * A deterministic tiling of a lon/lat box into {@code cols × rows} grids for the join benchmarks: a
 * jittered lattice whose edges are bent by three extra vertices, so each grid is a 16-vertex
 * non-convex-ish polygon and neighbours share exactly the same vertex coordinates (no gap, no
 * overlap).
 *
 * <p>Every coordinate is a multiple of 2⁻²⁰ degree, so the midpoint of any polygon segment is
 * exactly representable and lies exactly on that segment: the point generator uses such midpoints
 * and the vertices themselves as points on shared edges and corners. Grid ids are {@code G} plus
 * six digits assigned by a fixed permutation of the cells, so the smallest id among the grids of a
 * shared edge is not always the same neighbour.
 *
 * @param cols cells along longitude
 * @param rows cells along latitude
 * @param minX west edge
 * @param minY south edge
 * @param maxX east edge
 * @param maxY north edge
 * @param seed jitter seed
 */
public record Tiling(
    int cols, int rows, double minX, double minY, double maxX, double maxY, long seed)
    implements Serializable {

  /** Bends per lattice edge: each edge is cut into this many segments. */
  public static final int SEGMENTS_PER_EDGE = 4;

  /** Vertices per grid ring, without the closing one. */
  public static final int RING_VERTICES = 4 * SEGMENTS_PER_EDGE;

  private static final double SNAP = 1 << 20;
  private static final double VERTEX_JITTER = 0.15;
  private static final double BEND = 0.06;

  /** Validates the shape. */
  public Tiling {
    if (cols < 1 || rows < 1 || !(maxX > minX) || !(maxY > minY)) {
      throw new IllegalArgumentException("bad tiling " + cols + "x" + rows);
    }
  }

  /**
   * The benchmark's tiling of exactly {@code grids} cells over 104.0–105.0°E, 29.6–30.4°N (the
   * Ziyang area): {@code cols} is the divisor of {@code grids} that makes cells closest to square
   * in degrees.
   */
  public static Tiling of(int grids) {
    double w = 1.0;
    double h = 0.8;
    double ideal = Math.sqrt(grids * w / h);
    int cols = 1;
    for (int c = 1; c <= grids; c++) {
      if (grids % c == 0 && Math.abs(c - ideal) < Math.abs(cols - ideal)) {
        cols = c;
      }
    }
    return new Tiling(cols, grids / cols, 104.0, 29.6, 104.0 + w, 29.6 + h, 20261130L + grids);
  }

  /** Number of grids. */
  public int size() {
    return cols * rows;
  }

  /** Rounds to the 2⁻²⁰ lattice. */
  static double snap(double v) {
    return Math.rint(v * SNAP) / SNAP;
  }

  /** A uniform double in [0, 1) from a 64-bit hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64 finaliser: a well-mixed 64-bit hash of {@code x}. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private long hash(long a, long b, long c) {
    return mix(mix(mix(seed ^ a) + b) + c);
  }

  /** Lattice vertex (i, j), 0 ≤ i ≤ cols, 0 ≤ j ≤ rows; the outer ones stay on the box. */
  public Coordinate vertex(int i, int j) {
    double dx = (maxX - minX) / cols;
    double dy = (maxY - minY) / rows;
    double jx = (i == 0 || i == cols) ? 0 : (unit(hash(1, i, j)) - 0.5) * 2 * VERTEX_JITTER;
    double jy = (j == 0 || j == rows) ? 0 : (unit(hash(2, i, j)) - 0.5) * 2 * VERTEX_JITTER;
    double x = i == cols ? maxX : minX + (i + jx) * dx;
    double y = j == rows ? maxY : minY + (j + jy) * dy;
    return new Coordinate(snap(x), snap(y));
  }

  /**
   * The points of lattice edge from vertex (i, j) going east ({@code horizontal}) or north, from
   * its start vertex to its end vertex inclusive ({@link #SEGMENTS_PER_EDGE} + 1 points); inner
   * edges bend sideways, edges on the box stay straight.
   */
  Coordinate[] edge(int i, int j, boolean horizontal) {
    Coordinate a = vertex(i, j);
    Coordinate b = horizontal ? vertex(i + 1, j) : vertex(i, j + 1);
    boolean onBox = horizontal ? (j == 0 || j == rows) : (i == 0 || i == cols);
    Coordinate[] out = new Coordinate[SEGMENTS_PER_EDGE + 1];
    out[0] = a;
    out[SEGMENTS_PER_EDGE] = b;
    double ex = b.x - a.x;
    double ey = b.y - a.y;
    for (int k = 1; k < SEGMENTS_PER_EDGE; k++) {
      double t = (double) k / SEGMENTS_PER_EDGE;
      double s = onBox ? 0 : (unit(hash(horizontal ? 3 : 4, i * 131071L + k, j)) - 0.5) * 2 * BEND;
      // perpendicular of (ex, ey) is (-ey, ex); on the box the line is axis-parallel and exact
      double x = a.x + t * ex - s * ey;
      double y = a.y + t * ey + s * ex;
      if (!onBox) {
        out[k] = new Coordinate(snap(x), snap(y));
      } else {
        out[k] = horizontal ? new Coordinate(snap(x), a.y) : new Coordinate(a.x, snap(y));
      }
    }
    return out;
  }

  /** The closed counter-clockwise ring of cell (i, j): south, east, north, west edges. */
  public Coordinate[] ring(int i, int j) {
    Coordinate[] south = edge(i, j, true);
    Coordinate[] east = edge(i + 1, j, false);
    Coordinate[] north = edge(i, j + 1, true);
    Coordinate[] west = edge(i, j, false);
    Coordinate[] r = new Coordinate[RING_VERTICES + 1];
    int n = 0;
    for (int k = 0; k < SEGMENTS_PER_EDGE; k++) {
      r[n++] = south[k];
    }
    for (int k = 0; k < SEGMENTS_PER_EDGE; k++) {
      r[n++] = east[k];
    }
    for (int k = SEGMENTS_PER_EDGE; k > 0; k--) {
      r[n++] = north[k];
    }
    for (int k = SEGMENTS_PER_EDGE; k > 0; k--) {
      r[n++] = west[k];
    }
    r[n] = r[0];
    return r;
  }

  /** The polygon of cell (i, j). */
  public Polygon polygon(int i, int j) {
    Polygon p = Geometries.FACTORY.createPolygon(ring(i, j));
    p.setSRID(4326);
    return p;
  }

  /** The grid id of cell (i, j): {@code G} + six digits of a fixed permutation of the cells. */
  public String gridId(int i, int j) {
    long n = size();
    long k = (long) j * cols + i;
    long a = 7919; // prime, coprime with any n whose prime factors are 2, 3 and 5
    while (gcd(a, n) != 1) {
      a += 2;
    }
    return String.format("G%06d", (k * a + 12345) % n);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** Every grid, id → polygon, in cell order. */
  public Map<String, Polygon> grids() {
    Map<String, Polygon> out = new LinkedHashMap<>();
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        out.put(gridId(i, j), polygon(i, j));
      }
    }
    return out;
  }

  /**
   * Point number {@code id} of the benchmark's point set, {x, y}: one in 50 is a lattice corner (up
   * to four grids), one in 50 the exact midpoint of a ring segment (an edge shared by two grids, or
   * the box), one in 50 a ring vertex; the rest are uniform over the box grown by 3 % on each side,
   * so some fall outside every grid.
   */
  public double[] point(long id) {
    long h = hash(5, id, 0);
    int kind = (int) Math.floorMod(id, 50L);
    if (kind == 0) {
      int i = (int) (unit(h) * (cols + 1));
      int j = (int) (unit(mix(h)) * (rows + 1));
      Coordinate c = vertex(i, j);
      return new double[] {c.x, c.y};
    }
    if (kind == 1 || kind == 2) {
      int i = (int) (unit(h) * cols);
      int j = (int) (unit(mix(h)) * rows);
      int k = (int) (unit(mix(mix(h))) * RING_VERTICES);
      Coordinate[] r = ring(i, j);
      if (kind == 2) {
        return new double[] {r[k].x, r[k].y};
      }
      return new double[] {(r[k].x + r[k + 1].x) / 2, (r[k].y + r[k + 1].y) / 2};
    }
    double gx = (maxX - minX) * 0.03;
    double gy = (maxY - minY) * 0.03;
    double x = minX - gx + unit(h) * (maxX - minX + 2 * gx);
    double y = minY - gy + unit(mix(h)) * (maxY - minY + 2 * gy);
    return new double[] {x, y};
  }
}
