package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;

/** Polygon helpers of the layout code: robust overlays (OverlayNG), parts, inner points. */
final class Polygons {
  private Polygons() {}

  /** The polygonal part of {@code g} as one geometry (empty when none). */
  static Geometry polygonal(Geometry g) {
    List<Polygon> parts = parts(g);
    return g.getFactory().buildGeometry(parts.isEmpty() ? List.of() : parts);
  }

  /** The polygons of {@code g} (components of a multi-geometry or collection). */
  @SuppressWarnings("unchecked")
  static List<Polygon> parts(Geometry g) {
    List<Polygon> out = new ArrayList<>();
    if (g != null) {
      PolygonExtracter.getPolygons(g, out);
    }
    out.removeIf(Geometry::isEmpty);
    return out;
  }

  /** A valid polygonal version of {@code g} (JTS GeometryFixer keeps every covered area). */
  static Geometry fixed(Geometry g) {
    return polygonal(g.isValid() ? g : GeometryFixer.fix(g));
  }

  /**
   * Overlays snap-round to 1e-9° (≈ 0.1 mm): layout files typed by hand ({@code 30.118}) and
   * computed by tools ({@code 30.10 + 0.018 = 30.118000000000002}) must meet exactly, else the
   * floating-point noise between them shows up as phantom slivers at the corners of overlaps.
   */
  static final PrecisionModel SNAP = new PrecisionModel(1e9);

  /** {@code a ∩ b}, polygonal part. */
  static Geometry intersection(Geometry a, Geometry b) {
    return polygonal(OverlayNG.overlay(a, b, OverlayNG.INTERSECTION, SNAP));
  }

  /** {@code a − b}, polygonal part. */
  static Geometry difference(Geometry a, Geometry b) {
    return polygonal(OverlayNG.overlay(a, b, OverlayNG.DIFFERENCE, SNAP));
  }

  /** The union of polygonal geometries (empty for none). */
  static Geometry union(Collection<Geometry> gs) {
    List<Geometry> nonEmpty = gs.stream().filter(g -> !g.isEmpty()).toList();
    if (nonEmpty.isEmpty()) {
      return io.gridwatch.core.geo.Geometries.FACTORY.createMultiPolygon();
    }
    return polygonal(
        UnaryUnionNG.union(io.gridwatch.core.geo.Geometries.FACTORY.buildGeometry(nonEmpty), SNAP));
  }

  /** {@code g} with every hole filled (exterior rings only). */
  static Geometry withoutHoles(Geometry g) {
    List<Polygon> shells = new ArrayList<>();
    for (Polygon p : parts(g)) {
      shells.add(g.getFactory().createPolygon(p.getExteriorRing().getCoordinates()));
    }
    return union(new ArrayList<>(shells));
  }

  /** The largest polygon of {@code g}, or {@code g} itself when it has none. */
  static Geometry largest(Geometry g) {
    Geometry best = null;
    for (Polygon p : parts(g)) {
      if (best == null || p.getArea() > best.getArea()) {
        best = p;
      }
    }
    return best == null ? g : best;
  }

  /** The {lon, lat} of a point inside the largest part of a WGS84 geometry; null when empty. */
  static double[] inside(Geometry wgs84) {
    if (wgs84 == null || wgs84.isEmpty()) {
      return null;
    }
    Coordinate c = InteriorPointArea.getInteriorPoint(largest(wgs84));
    if (c == null) {
      c = wgs84.getCoordinate();
    }
    return lonLat(new double[] {c.x, c.y});
  }

  /** The area in m² of a WGS84 geometry, measured in the equal-area projection. */
  static double area(Geometry wgs84, EqualArea proj) {
    return wgs84 == null || wgs84.isEmpty() ? 0 : proj.project(wgs84).getArea();
  }

  /** {lon, lat} rounded to 7 decimals (≈ 1 cm). */
  static double[] lonLat(double[] p) {
    return new double[] {Lattice.round(p[0]), Lattice.round(p[1])};
  }
}
