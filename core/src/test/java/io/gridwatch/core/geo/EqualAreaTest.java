package io.gridwatch.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * The Lambert azimuthal equal-area projection against the exact ellipsoidal area of lat/lon
 * quadrangles (A = Δλ·a²·(q(φ2) − q(φ1))/2, independent of the projection) and its own inverse.
 */
class EqualAreaTest {

  private static Geometry box(double x0, double y0, double x1, double y1) {
    return Geometries.FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(x0, y0),
          new Coordinate(x1, y0),
          new Coordinate(x1, y1),
          new Coordinate(x0, y1),
          new Coordinate(x0, y0)
        });
  }

  @Test
  void quadrangleAreaMatchesAHandEstimate() {
    // 0.01° × 0.01° at 30.1°N: 0.01° of longitude ≈ 111.32 km · cos 30.105° / 100 ≈ 963.3 m,
    // 0.01° of latitude ≈ 1108.7 m → ≈ 1.068 km²
    assertThat(EqualArea.quadrangleArea(104.60, 30.10, 104.61, 30.11))
        .isCloseTo(1.068e6, within(0.002e6));
  }

  @Test
  void projectedAreasAreEqualAreaAcrossTheZone() {
    EqualArea p = EqualArea.centredOn(104.65, 30.15);
    // cells near and 40 km away from the centre, 1 km and 10 km wide
    double[][] cells = {
      {104.60, 30.10, 104.61, 30.11},
      {104.20, 30.40, 104.21, 30.41},
      {104.60, 30.10, 104.70, 30.20},
      {105.00, 29.80, 105.10, 29.90}
    };
    for (double[] c : cells) {
      double exact = EqualArea.quadrangleArea(c[0], c[1], c[2], c[3]);
      double projected = p.project(box(c[0], c[1], c[2], c[3])).getArea();
      // the only error is the straight edges between projected corners (parallels curve)
      assertThat(projected / exact)
          .as("cell %s", java.util.Arrays.toString(c))
          .isCloseTo(1, within(2e-5));
    }
  }

  @Test
  void inverseUndoesForward() {
    long seed = System.nanoTime();
    System.out.println("EqualAreaTest seed " + seed);
    Random r = new Random(seed);
    EqualArea p = EqualArea.centredOn(104.6, 30.1);
    assertThat(p.forward(104.6, 30.1)[0]).isCloseTo(0, within(1e-9));
    assertThat(p.forward(104.6, 30.1)[1]).isCloseTo(0, within(1e-9));
    for (int i = 0; i < 1000; i++) {
      double lon = 103 + 3 * r.nextDouble();
      double lat = 28.5 + 3 * r.nextDouble();
      double[] xy = p.forward(lon, lat);
      double[] back = p.inverse(xy[0], xy[1]);
      assertThat(back[0]).isCloseTo(lon, within(1e-9));
      assertThat(back[1]).isCloseTo(lat, within(1e-9));
    }
  }

  @Test
  void distancesNearTheCentreAreTrue() {
    EqualArea p = EqualArea.centredOn(104.6, 30.1);
    double[] a = p.forward(104.55, 30.08);
    double[] b = p.forward(104.66, 30.13);
    double planar = Math.hypot(a[0] - b[0], a[1] - b[1]);
    double geodesic = Geodesy.distanceMeters(104.55, 30.08, 104.66, 30.13);
    assertThat(planar / geodesic).isCloseTo(1, within(1e-4));
  }
}
