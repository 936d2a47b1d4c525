package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.geo.Geometries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlay.snap.GeometrySnapper;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The 7-decimal lattice layouts are written in ({@link Geometries#toGeoJson}, ≈ 1 cm): an edit
 * computed in floating point is made lattice-exact before it is kept, so the layout checks the same
 * once written and read back. Hand-written: it is the coverage bookkeeping of our edits (JTS rounds
 * one geometry at a time, which opens slivers between neighbours).
 *
 * <p>Every vertex an edit creates is rounded once, to the same lattice point in every grid that has
 * it. A new vertex on the edge of a grid the edit did not touch is inserted into that grid first,
 * so the neighbours keep sharing their border exactly. A new vertex on the outline of the edited
 * grids where no other grid lies (the zone's boundary) is rounded to a lattice point on or just
 * outside that outline (≤ 3 cm, within {@code rules.layout.zone_tolerance_m}), never inside, which
 * would open a gap.
 */
final class Lattice {
  private Lattice() {}

  /** Lattice points per degree. */
  static final double SCALE = 1e7;

  /** A vertex this close (degrees, ≈ 1 mm) to an edge lies on it (float overlay residue). */
  static final double ON_EDGE_DEG = 1e-8;

  /** Distance (degrees, ≈ 3 cm) within which a cut is snapped to the existing vertices. */
  static final double SNAP_DEG = 3e-7;

  /**
   * What {@link #leavesClean} lets pass (m²): half the check's noise area. The check measures the
   * same piece through other overlays (the zone minus every grid, not this pair's before minus
   * after) and gets a slightly different area, so a move must stay clearly below what it reports (a
   * province run kept a 0.0099 m² gap the check measured as 0.0102 m²).
   */
  static final double MARGIN_M2 = LayoutCheck.NOISE_M2 / 2;

  /** Lattice points tried each way around a vertex on the zone's boundary. */
  private static final int REACH = 2;

  /** {@code v} on the lattice. */
  static double round(double v) {
    return Math.round(v * SCALE) / SCALE;
  }

  /** A copy of {@code g} with every coordinate on the lattice (repeated points removed). */
  static Geometry rounded(Geometry g) {
    Geometry copy = Geometries.mapInPlace(g.copy(), (x, y) -> new double[] {round(x), round(y)});
    try {
      return replaced(copy, Map.of());
    } catch (IllegalArgumentException collapsed) {
      return copy; // a ring too small for the lattice: left for the check to report
    }
  }

  /**
   * {@code layout} (id → polygon) on the lattice. When some coordinate is off it (a file written
   * with more decimals, coordinates converted from GCJ-02), every vertex lying on another grid's
   * edge (a T-junction) is first inserted into that grid, so the two still meet exactly once both
   * are rounded; a layout already on the lattice is returned as it is (a copy).
   */
  static Map<String, Geometry> roundedLayout(Map<String, Geometry> layout) {
    boolean on = true;
    for (Geometry g : layout.values()) {
      for (Coordinate c : g.getCoordinates()) {
        on &= c.x == round(c.x) && c.y == round(c.y);
      }
    }
    if (on) {
      return new LinkedHashMap<>(layout);
    }
    STRtree tree = new STRtree();
    layout.forEach((id, g) -> tree.insert(g.getEnvelopeInternal(), id));
    Map<String, Geometry> out = new LinkedHashMap<>();
    layout.forEach(
        (id, g) -> {
          Envelope env = new Envelope(g.getEnvelopeInternal());
          env.expandBy(ON_EDGE_DEG);
          Set<Coordinate> near = new HashSet<>();
          for (Object other : tree.query(env)) {
            if (!other.equals(id)) {
              near.addAll(List.of(layout.get((String) other).getCoordinates()));
            }
          }
          out.put(id, rounded(withVertices(g, near)));
        });
    return out;
  }

  /**
   * {@code g} (polygonal) with its vertices snapped to the vertices of {@code targets} within
   * {@link #SNAP_DEG}, put on the lattice and repaired: a cut that nearly follows an existing
   * border or passes next to a corner then follows it or passes through it exactly, instead of
   * leaving a strip or a neck narrower than the lattice.
   */
  static Geometry snappedTo(Geometry g, Geometry... targets) {
    Geometry t = Geometries.FACTORY.createGeometryCollection(targets);
    return Polygons.fixed(rounded(new GeometrySnapper(g).snapTo(t, SNAP_DEG)));
  }

  /**
   * Makes an edit lattice-exact: {@code layout} holds every grid before the edit (by id, on the
   * lattice), {@code touched} the ids the edit changed, added or removed, and {@code edited} the
   * new polygons (floating point) of those that remain. Returns the lattice form of every edited
   * grid and of every other grid that received new vertices, in that order; null when a ring
   * collapses on the lattice. Validity is left to the caller.
   */
  static Map<String, Geometry> stitch(
      Map<String, Geometry> layout, Set<String> touched, Map<String, Geometry> edited) {
    Set<Coordinate> old = new HashSet<>();
    List<Geometry> oldTouched = new ArrayList<>();
    Envelope env = new Envelope();
    for (String id : touched) {
      Geometry before = layout.get(id);
      if (before != null && !before.isEmpty()) {
        old.addAll(List.of(before.getCoordinates()));
        oldTouched.add(before);
        env.expandToInclude(before.getEnvelopeInternal());
      }
    }
    edited.values().forEach(g -> env.expandToInclude(g.getEnvelopeInternal()));
    env.expandBy(1e-6);
    Map<String, Geometry> others = new LinkedHashMap<>();
    List<Geometry> otherEdges = new ArrayList<>();
    layout.forEach(
        (id, g) -> {
          if (!touched.contains(id) && g != null && env.intersects(g.getEnvelopeInternal())) {
            others.put(id, g);
            otherEdges.add(g.getBoundary());
          }
        });
    Outline outline = new Outline(oldTouched);
    Map<Coordinate, Coordinate> fresh = new LinkedHashMap<>();
    for (Geometry g : edited.values()) {
      for (Coordinate c : g.getCoordinates()) {
        if (!old.contains(c) && !fresh.containsKey(c)) {
          fresh.put(c, onEdgeOf(c, otherEdges) ? lattice(c) : outline.latticePoint(c));
        }
      }
    }
    try {
      Map<String, Geometry> out = new LinkedHashMap<>();
      edited.forEach((id, g) -> out.put(id, replaced(g, fresh)));
      for (Map.Entry<String, Geometry> o : others.entrySet()) {
        Geometry with = withVertices(o.getValue(), fresh.keySet());
        if (with != o.getValue()) {
          out.put(o.getKey(), replaced(with, fresh));
        }
      }
      return out;
    } catch (IllegalArgumentException collapsed) {
      return null;
    }
  }

  /**
   * True when replacing the polygons of the {@code touched} grids of {@code layout} (by id) with
   * {@code edited} (a touched id missing from it is removed; an edited id missing from the layout
   * is added) adds none of the problems {@link LayoutCheck} reports: no edited grid overlaps a grid
   * around it by more than {@link #MARGIN_M2} beyond what the two overlapped before, no piece of
   * what the touched grids covered is left uncovered (a gap), and nothing they newly cover lies
   * farther than {@code toleranceM} (the zone tolerance) from what they covered. The check's own
   * overlays ({@link Polygons}), restricted to what changed: the rest of the layout is as clean as
   * it was.
   */
  static boolean leavesClean(
      Map<String, Geometry> layout,
      Set<String> touched,
      Map<String, Geometry> edited,
      EqualArea proj,
      double toleranceM) {
    // against the layout after the edit: the untouched grids and the edited ones (no copy of it)
    for (Map.Entry<String, Geometry> a : edited.entrySet()) {
      for (Map.Entry<String, Geometry> g : layout.entrySet()) {
        String id = g.getKey();
        Geometry b =
            edited.containsKey(id) ? edited.get(id) : touched.contains(id) ? null : g.getValue();
        if (b != null && overlapsMore(layout, edited, a, id, b, proj)) {
          return false;
        }
      }
      for (Map.Entry<String, Geometry> b : edited.entrySet()) {
        if (!layout.containsKey(b.getKey())
            && overlapsMore(layout, edited, a, b.getKey(), b.getValue(), proj)) {
          return false; // against an added grid
        }
      }
    }
    List<Geometry> was = new ArrayList<>();
    for (String id : touched) {
      if (layout.get(id) != null) {
        was.add(layout.get(id));
      }
    }
    Geometry before = Polygons.union(was);
    Geometry now = Polygons.union(new ArrayList<>(edited.values()));
    for (Polygon gap : Polygons.parts(Polygons.difference(before, now))) {
      if (Polygons.area(gap, proj) > MARGIN_M2) {
        return false;
      }
    }
    Geometry grown = Polygons.difference(now, before);
    if (Polygons.area(grown, proj) <= MARGIN_M2) {
      return true;
    }
    Geometry beyondM =
        OverlayNGRobust.overlay(
            Polygons.fixed(proj.project(grown)),
            proj.project(before).buffer(toleranceM),
            OverlayNG.DIFFERENCE);
    return beyondM.getArea() <= MARGIN_M2;
  }

  /**
   * True when edited grid {@code a} overlaps grid {@code id} ({@code b}, as after the edit) by more
   * than {@link #MARGIN_M2} beyond what the two overlapped before; each pair of edited grids is
   * looked at once.
   */
  private static boolean overlapsMore(
      Map<String, Geometry> layout,
      Map<String, Geometry> edited,
      Map.Entry<String, Geometry> a,
      String id,
      Geometry b,
      EqualArea proj) {
    return !id.equals(a.getKey())
        && !(edited.containsKey(id) && id.compareTo(a.getKey()) < 0)
        && a.getValue().getEnvelopeInternal().intersects(b.getEnvelopeInternal())
        && a.getValue().relate(b).get(Location.INTERIOR, Location.INTERIOR) >= 0
        && Polygons.area(Polygons.intersection(a.getValue(), b), proj)
            > overlapBefore(layout, a.getKey(), id, proj) + MARGIN_M2;
  }

  /** The overlap (m²) of two grids before the edit: a problem the edit did not add. */
  private static double overlapBefore(
      Map<String, Geometry> layout, String a, String b, EqualArea proj) {
    Geometry ga = layout.get(a);
    Geometry gb = layout.get(b);
    return ga == null || gb == null ? 0 : Polygons.area(Polygons.intersection(ga, gb), proj);
  }

  private static Coordinate lattice(Coordinate c) {
    return new Coordinate(round(c.x), round(c.y));
  }

  private static boolean onEdgeOf(Coordinate c, List<Geometry> edges) {
    Geometry pt = null;
    for (Geometry e : edges) {
      Envelope env = new Envelope(e.getEnvelopeInternal());
      env.expandBy(ON_EDGE_DEG);
      if (env.contains(c)) {
        pt = pt == null ? Geometries.FACTORY.createPoint(c) : pt;
        if (e.distance(pt) <= ON_EDGE_DEG) {
          return true;
        }
      }
    }
    return false;
  }

  /** The outline of the edited grids before the edit, built on first use. */
  private static final class Outline {
    private final List<Geometry> parts;
    private Geometry union;
    private IndexedPointInAreaLocator locator;

    Outline(List<Geometry> parts) {
      this.parts = parts;
    }

    /**
     * The lattice point for a new vertex: the nearest one, unless {@code c} lies on the outline,
     * where it is the point on or outside the outline nearest to the edge {@code c} lies on.
     */
    Coordinate latticePoint(Coordinate c) {
      if (parts.isEmpty()) {
        return lattice(c);
      }
      if (union == null) {
        union = Polygons.union(parts);
        locator = new IndexedPointInAreaLocator(union);
      }
      LineSegment edge = nearestEdge(union, c);
      if (edge == null || edge.distance(c) > ON_EDGE_DEG) {
        return lattice(c);
      }
      long x0 = Math.round(c.x * SCALE);
      long y0 = Math.round(c.y * SCALE);
      Coordinate best = null;
      for (long i = x0 - REACH; i <= x0 + REACH; i++) {
        for (long j = y0 - REACH; j <= y0 + REACH; j++) {
          Coordinate q = new Coordinate(i / SCALE, j / SCALE);
          if (locator.locate(q) == Location.INTERIOR) {
            continue;
          }
          if (best == null
              || edge.distance(q) < edge.distance(best)
              || (edge.distance(q) == edge.distance(best) && q.distance(c) < best.distance(c))) {
            best = q;
          }
        }
      }
      return best == null ? lattice(c) : best;
    }

    private static LineSegment nearestEdge(Geometry g, Coordinate c) {
      LineSegment best = null;
      double d = Double.POSITIVE_INFINITY;
      for (Polygon p : Polygons.parts(g)) {
        List<LinearRing> rings = new ArrayList<>();
        rings.add(p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
          rings.add(p.getInteriorRingN(i));
        }
        for (LinearRing r : rings) {
          Coordinate[] cs = r.getCoordinates();
          for (int i = 0; i + 1 < cs.length; i++) {
            LineSegment s = new LineSegment(cs[i], cs[i + 1]);
            double di = s.distance(c);
            if (di < d) {
              d = di;
              best = s;
            }
          }
        }
      }
      return best;
    }
  }

  /**
   * {@code g} with the points of {@code extra} that lie on its edges inserted ({@code g} when
   * none).
   */
  static Geometry withVertices(Geometry g, Set<Coordinate> extra) {
    Envelope env = new Envelope(g.getEnvelopeInternal());
    env.expandBy(ON_EDGE_DEG);
    List<Coordinate> near = new ArrayList<>();
    for (Coordinate c : extra) {
      if (env.contains(c)) {
        near.add(c);
      }
    }
    if (near.isEmpty()) {
      return g;
    }
    boolean[] changed = {false};
    List<Polygon> parts = new ArrayList<>();
    for (Polygon p : Polygons.parts(g)) {
      LinearRing shell = ringWith(p.getExteriorRing(), near, changed);
      LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
      for (int i = 0; i < holes.length; i++) {
        holes[i] = ringWith(p.getInteriorRingN(i), near, changed);
      }
      parts.add(p.getFactory().createPolygon(shell, holes));
    }
    if (!changed[0]) {
      return g;
    }
    Geometry out = parts.size() == 1 ? parts.get(0) : Geometries.FACTORY.buildGeometry(parts);
    out.setSRID(4326);
    return out;
  }

  private static LinearRing ringWith(LinearRing ring, List<Coordinate> near, boolean[] changed) {
    Coordinate[] cs = ring.getCoordinates();
    List<Coordinate> out = new ArrayList<>();
    for (int i = 0; i + 1 < cs.length; i++) {
      out.add(cs[i]);
      LineSegment s = new LineSegment(cs[i], cs[i + 1]);
      List<Coordinate> on = new ArrayList<>();
      for (Coordinate c : near) {
        if (!c.equals2D(cs[i]) && !c.equals2D(cs[i + 1]) && s.distance(c) <= ON_EDGE_DEG) {
          double f = s.projectionFactor(c);
          if (f > 0 && f < 1) {
            on.add(c);
          }
        }
      }
      on.sort(Comparator.comparingDouble(s::projectionFactor));
      out.addAll(on);
      changed[0] |= !on.isEmpty();
    }
    out.add(cs[cs.length - 1]);
    return ring.getFactory().createLinearRing(out.toArray(new Coordinate[0]));
  }

  /** {@code g}'s polygons with the coordinates found in {@code map} replaced, repeats removed. */
  static Geometry replaced(Geometry g, Map<Coordinate, Coordinate> map) {
    List<Polygon> parts = new ArrayList<>();
    for (Polygon p : Polygons.parts(g)) {
      LinearRing shell = replacedRing(p.getExteriorRing(), map);
      LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
      for (int i = 0; i < holes.length; i++) {
        holes[i] = replacedRing(p.getInteriorRingN(i), map);
      }
      parts.add(Geometries.FACTORY.createPolygon(shell, holes));
    }
    Geometry out = parts.size() == 1 ? parts.get(0) : Geometries.FACTORY.buildGeometry(parts);
    out.setSRID(4326);
    return out;
  }

  private static LinearRing replacedRing(LinearRing ring, Map<Coordinate, Coordinate> map) {
    Coordinate[] cs = ring.getCoordinates();
    Coordinate[] out = new Coordinate[cs.length];
    for (int i = 0; i < cs.length; i++) {
      out[i] = map.getOrDefault(cs[i], cs[i]).copy();
    }
    return Geometries.FACTORY.createLinearRing(CoordinateArrays.removeRepeatedPoints(out));
  }
}
