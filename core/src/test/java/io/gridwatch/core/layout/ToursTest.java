package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.core.geo.Geodesy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nearest neighbour + 2-opt tours against hand values and a brute-force oracle. */
class ToursTest {

  private static double d(double[] lon, double[] lat, int a, int b) {
    return Geodesy.distanceMeters(lon[a], lat[a], lon[b], lat[b]);
  }

  @Test
  void smallCases() {
    assertThat(Tours.closedTourMeters(new double[0], new double[0])).isZero();
    assertThat(Tours.closedTourMeters(new double[] {104.6}, new double[] {30.1})).isZero();
    double[] lon = {104.60, 104.61};
    double[] lat = {30.10, 30.10};
    assertThat(Tours.closedTourMeters(lon, lat)).isCloseTo(2 * d(lon, lat, 0, 1), within(1e-6));
  }

  @Test
  void crossedStartIsUntangled() {
    // corners of a cell given in a crossing order; the tour is its perimeter
    double[] lon = {104.60, 104.61, 104.61, 104.60};
    double[] lat = {30.10, 30.11, 30.10, 30.11};
    double perimeter =
        d(lon, lat, 0, 2) + d(lon, lat, 2, 1) + d(lon, lat, 1, 3) + d(lon, lat, 3, 0);
    assertThat(Tours.closedTourMeters(lon, lat)).isCloseTo(perimeter, within(1e-6));
  }

  @Test
  void convexPositionGivesTheOptimalTourAndNeverBeatsBruteForce() {
    long seed = System.nanoTime();
    System.out.println("ToursTest seed " + seed);
    Random r = new Random(seed);
    for (int round = 0; round < 30; round++) {
      int n = 3 + r.nextInt(6);
      // points on a circle, shuffled: a 2-opt-optimal tour visits them in circle order
      List<Double> angles = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        angles.add(2 * Math.PI * r.nextDouble());
      }
      Collections.sort(angles);
      double[] clon = new double[n];
      double[] clat = new double[n];
      for (int i = 0; i < n; i++) {
        clon[i] = 104.6 + 0.01 * Math.cos(angles.get(i));
        clat[i] = 30.1 + 0.01 * Math.sin(angles.get(i));
      }
      double circleOrder = 0;
      for (int i = 0; i < n; i++) {
        circleOrder += d(clon, clat, i, (i + 1) % n);
      }
      int[] perm = shuffled(n, r);
      double[] lon = new double[n];
      double[] lat = new double[n];
      for (int i = 0; i < n; i++) {
        lon[i] = clon[perm[i]];
        lat[i] = clat[perm[i]];
      }
      double tour = Tours.closedTourMeters(lon, lat);
      assertThat(tour).as("seed %d round %d", seed, round).isCloseTo(circleOrder, within(1e-3));
      // random points: never shorter than the optimum found by brute force
      for (int i = 0; i < n; i++) {
        lon[i] = 104.6 + 0.02 * r.nextDouble();
        lat[i] = 30.1 + 0.02 * r.nextDouble();
      }
      assertThat(Tours.closedTourMeters(lon, lat) + 1e-6)
          .as("seed %d round %d", seed, round)
          .isGreaterThanOrEqualTo(bruteForce(lon, lat));
    }
  }

  private static int[] shuffled(int n, Random r) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    Collections.shuffle(l, r);
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double bruteForce(double[] lon, double[] lat) {
    int n = lon.length;
    int[] p = new int[n - 1];
    for (int i = 0; i < n - 1; i++) {
      p[i] = i + 1;
    }
    double[] best = {Double.POSITIVE_INFINITY};
    permute(p, 0, lon, lat, best);
    return best[0];
  }

  private static void permute(int[] p, int k, double[] lon, double[] lat, double[] best) {
    if (k == p.length) {
      double t = d(lon, lat, 0, p[0]) + d(lon, lat, p[p.length - 1], 0);
      for (int i = 0; i + 1 < p.length; i++) {
        t += d(lon, lat, p[i], p[i + 1]);
      }
      best[0] = Math.min(best[0], t);
      return;
    }
    for (int i = k; i < p.length; i++) {
      int tmp = p[k];
      p[k] = p[i];
      p[i] = tmp;
      permute(p, k + 1, lon, lat, best);
      p[i] = p[k];
      p[k] = tmp;
    }
  }
}
