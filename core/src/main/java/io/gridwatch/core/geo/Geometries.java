package io.gridwatch.core.geo;

import io.gridwatch.core.crs.Crs;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/** Geometry helpers shared by every module: WGS84 factory, WKB, GeoJSON, CRS conversion. */
public final class Geometries {
  private Geometries() {}

  /** Factory for lake geometries: floating precision, SRID 4326 (lon/lat WGS84). */
  public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  /** Encodes a 2D geometry as ISO WKB (little endian, no SRID). */
  public static byte[] toWkb(Geometry g) {
    return new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN).write(g);
  }

  /** Decodes WKB (ISO or EWKB); throws {@link IllegalArgumentException} on bad bytes. */
  public static Geometry fromWkb(byte[] wkb) {
    try {
      Geometry g = new WKBReader(FACTORY).read(wkb);
      g.setSRID(4326);
      return g;
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid WKB: " + e.getMessage(), e);
    }
  }

  /** Parses a GeoJSON geometry object; throws {@link IllegalArgumentException} when invalid. */
  public static Geometry readGeoJsonGeometry(String json) {
    try {
      return new GeoJsonReader(FACTORY).read(json);
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("invalid GeoJSON geometry: " + e.getMessage(), e);
    }
  }

  /** Writes a geometry as a GeoJSON geometry object with 7 decimals (≈ 1 cm). */
  public static String toGeoJson(Geometry g) {
    GeoJsonWriter w = new GeoJsonWriter(7);
    w.setEncodeCRS(false);
    return w.write(g);
  }

  /** Returns a copy of {@code g} converted point by point from {@code from} to WGS84. */
  public static Geometry toWgs84(Geometry g, Crs from) {
    Geometry copy = g.copy();
    return from == Crs.WGS84 ? copy : mapInPlace(copy, from::toWgs84);
  }

  /** A map of one point, (x, y) → {x', y'}. */
  @FunctionalInterface
  public interface PointMap {
    /** The image of (x, y). */
    double[] apply(double x, double y);
  }

  /** Moves every coordinate of {@code g} by {@code f}, in place; returns {@code g}. */
  public static Geometry mapInPlace(Geometry g, PointMap f) {
    g.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            double[] p = f.apply(seq.getX(i), seq.getY(i));
            seq.setOrdinate(i, 0, p[0]);
            seq.setOrdinate(i, 1, p[1]);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    g.geometryChanged();
    return g;
  }
}
