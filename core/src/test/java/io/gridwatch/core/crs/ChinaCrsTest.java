package io.gridwatch.core.crs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.geo.Geodesy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChinaCrsTest {

  /** Published reference pairs: eviltransform's test points (WGS84 → GCJ-02, lat/lon). */
  private static final double[][] WGS_GCJ = {
    {121.5272106, 31.1774276, 121.531541859215, 31.17530398364597}, // Shanghai
    {113.912316, 22.543847, 113.9171764808363, 22.540796131694766}, // Shenzhen
    {116.377817, 39.911954, 116.38404722455657, 39.91334545536069}, // Beijing
    {116.404, 39.915, 116.41024449916938, 39.91640428150164}, // coordtransform README
  };

  private static double metres(double[] a, double lon, double lat) {
    return Geodesy.distanceMeters(a[0], a[1], lon, lat);
  }

  @Test
  void wgs84ToGcj02MatchesPublishedPoints() {
    for (double[] r : WGS_GCJ) {
      assertThat(metres(ChinaCrs.wgs84ToGcj02(r[0], r[1]), r[2], r[3])).isLessThan(0.5);
      assertThat(metres(ChinaCrs.gcj02ToWgs84(r[2], r[3]), r[0], r[1])).isLessThan(0.5);
    }
  }

  // BD-09 has no exact published WGS84 pairs: values captured from Baidu's own service differ from
  // the public formula by up to ~10 m, so BD-09 is checked through GCJ-02 ↔ BD-09 (below), whose
  // formula is the public one, and through the round trips.

  @Test
  void gcjToBdMatchesCoordtransform() {
    double[] bd = ChinaCrs.gcj02ToBd09(116.404, 39.915);
    assertThat(metres(bd, 116.41036949371029, 39.92133699351021)).isLessThan(0.5);
    double[] gcj = ChinaCrs.bd09ToGcj02(116.404, 39.915);
    // coordtransform's bd09togcj02 is a one-step approximation; ours iterates, so allow 1 m
    assertThat(metres(gcj, 116.39762729119315, 39.90865673957631)).isLessThan(1.0);
  }

  @Test
  void roundTripsStayWithinHalfAMetreAcrossChina() {
    long seed = System.nanoTime();
    System.out.println("ChinaCrsTest seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      double lon = 73 + rnd.nextDouble() * 62;
      double lat = 18 + rnd.nextDouble() * 35;
      for (Crs crs : Crs.values()) {
        double[] there = crs.fromWgs84(lon, lat);
        double[] back = crs.toWgs84(there[0], there[1]);
        assertThat(metres(back, lon, lat))
            .as("%s at %f,%f seed %d", crs, lon, lat, seed)
            .isLessThan(0.05);
      }
    }
  }

  @Test
  void outsideChinaIsIdentity() {
    assertThat(ChinaCrs.wgs84ToGcj02(2.35, 48.85)).containsExactly(2.35, 48.85);
  }

  @Test
  void parsesNamesAndRejectsUnknown() {
    assertThat(Crs.parse("GCJ-02")).isEqualTo(Crs.GCJ02);
    assertThat(Crs.parse("EPSG:4490")).isEqualTo(Crs.WGS84);
    assertThat(Crs.parse("bd09")).isEqualTo(Crs.BD09);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Crs.parse("utm48"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("utm48");
  }
}
