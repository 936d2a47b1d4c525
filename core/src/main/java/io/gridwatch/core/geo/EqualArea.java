package io.gridwatch.core.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Lambert azimuthal equal-area projection of the WGS84 ellipsoid (Snyder, "Map Projections — A
 * Working Manual", 1987, oblique aspect, eqs. 3-11 … 3-18, 24-13 … 24-20 and 24-26 … 24-28),
 * centred on a chosen point: areas in square metres are exact up to the straight edges between
 * projected vertices. Distances near the centre are true to about (d / 6371 km)² (≈ 1e-5 at 20 km),
 * so lengths and perimeters of a zone's grids are usable as metric too. Hand-written because it is
 * a few formulas and no light library on Maven Central offers it (GeoTools/PROJ are heavy).
 */
public final class EqualArea {
  private static final double A = 6378137.0;
  private static final double F = 1 / 298.257223563;
  private static final double E2 = F * (2 - F);
  private static final double E = Math.sqrt(E2);
  private static final double QP = q(Math.PI / 2);
  private static final double RQ = A * Math.sqrt(QP / 2);

  /** Factory of projected geometries (metres, no SRID). */
  public static final GeometryFactory METRIC = new GeometryFactory(new PrecisionModel(), 0);

  private final double lon0;
  private final double lat0;
  private final double sinB1;
  private final double cosB1;
  private final double d;

  private EqualArea(double lon0, double lat0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    double phi1 = Math.toRadians(lat0);
    double b1 = Math.asin(q(phi1) / QP);
    this.sinB1 = Math.sin(b1);
    this.cosB1 = Math.cos(b1);
    double m1 = Math.cos(phi1) / Math.sqrt(1 - E2 * Math.sin(phi1) * Math.sin(phi1));
    this.d = A * m1 / (RQ * cosB1);
  }

  /** The projection centred on (lon, lat) in degrees; |lat| must be below 89°. */
  public static EqualArea centredOn(double lon, double lat) {
    if (!(Math.abs(lat) < 89) || !(Math.abs(lon) <= 180)) {
      throw new IllegalArgumentException(
          "centre must be a WGS84 point off the poles: " + lon + ", " + lat);
    }
    return new EqualArea(lon, lat);
  }

  /** The projection centred on the middle of a WGS84 envelope. */
  public static EqualArea centredOn(Envelope wgs84) {
    return centredOn(
        (wgs84.getMinX() + wgs84.getMaxX()) / 2, (wgs84.getMinY() + wgs84.getMaxY()) / 2);
  }

  /** The centre longitude (degrees). */
  public double lon0() {
    return lon0;
  }

  /** The centre latitude (degrees). */
  public double lat0() {
    return lat0;
  }

  /** Projects (lon, lat) in degrees to {x, y} in metres. */
  public double[] forward(double lon, double lat) {
    double phi = Math.toRadians(lat);
    double dl = Math.toRadians(lon - lon0);
    double beta = Math.asin(Math.max(-1, Math.min(1, q(phi) / QP)));
    double sinB = Math.sin(beta);
    double cosB = Math.cos(beta);
    double b = RQ * Math.sqrt(2 / (1 + sinB1 * sinB + cosB1 * cosB * Math.cos(dl)));
    return new double[] {
      b * d * cosB * Math.sin(dl), (b / d) * (cosB1 * sinB - sinB1 * cosB * Math.cos(dl))
    };
  }

  /** Inverse of {@link #forward}: {x, y} in metres to {lon, lat} in degrees. */
  public double[] inverse(double x, double y) {
    double rho = Math.hypot(x / d, d * y);
    if (rho < 1e-9) {
      return new double[] {lon0, lat0};
    }
    double ce = 2 * Math.asin(Math.min(1, rho / (2 * RQ)));
    double sinCe = Math.sin(ce);
    double cosCe = Math.cos(ce);
    double qv = QP * (cosCe * sinB1 + d * y * sinCe * cosB1 / rho);
    double phi = Math.asin(Math.max(-1, Math.min(1, qv / 2)));
    for (int i = 0; i < 20; i++) {
      double s = Math.sin(phi);
      double w = 1 - E2 * s * s;
      double next =
          phi
              + w
                  * w
                  / (2 * Math.cos(phi))
                  * (qv / (1 - E2) - s / w + Math.log((1 - E * s) / (1 + E * s)) / (2 * E));
      if (Math.abs(next - phi) < 1e-14) {
        phi = next;
        break;
      }
      phi = next;
    }
    double lambda = Math.atan2(x * sinCe, d * rho * cosB1 * cosCe - d * d * y * sinB1 * sinCe);
    return new double[] {lon0 + Math.toDegrees(lambda), Math.toDegrees(phi)};
  }

  /** A projected copy of a WGS84 geometry (metres, factory {@link #METRIC}). */
  public Geometry project(Geometry wgs84) {
    return transform(wgs84, true);
  }

  /** A WGS84 copy of a projected geometry (degrees, SRID 4326). */
  public Geometry unproject(Geometry metric) {
    return transform(metric, false);
  }

  /** The WGS84 {lon, lat} of a projected coordinate. */
  public double[] toLonLat(Coordinate metric) {
    return inverse(metric.x, metric.y);
  }

  private Geometry transform(Geometry g, boolean forward) {
    GeometryFactory target = forward ? METRIC : Geometries.FACTORY;
    return Geometries.mapInPlace(target.createGeometry(g), forward ? this::forward : this::inverse);
  }

  /**
   * Exact area in m² on the WGS84 ellipsoid of the quadrangle between two meridians and two
   * parallels (degrees); the reference for tests of this projection.
   */
  public static double quadrangleArea(double lon1, double lat1, double lon2, double lat2) {
    double dl = Math.toRadians(Math.abs(lon2 - lon1));
    return Math.abs(dl * A * A * (q(Math.toRadians(lat2)) - q(Math.toRadians(lat1))) / 2);
  }

  /** Snyder's q (eq. 3-12) of a latitude in radians. */
  private static double q(double phi) {
    double s = Math.sin(phi);
    return (1 - E2) * (s / (1 - E2 * s * s) - Math.log((1 - E * s) / (1 + E * s)) / (2 * E));
  }
}
