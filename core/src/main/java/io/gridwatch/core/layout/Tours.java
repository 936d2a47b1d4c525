package io.gridwatch.core.layout;

import io.gridwatch.core.geo.Geodesy;

/**
 * Estimated monthly patrol tour of a grid: one closed round visiting each of its enterprises once
 * (the regulation asks for every enterprise every month). Nearest-neighbour construction from the
 * first point, then 2-opt until no exchange shortens it; geodesic metres ({@link Geodesy}).
 * Hand-written on purpose: it is a few lines of domain logic, and an approximate tour is all a
 * planner's comparison needs (2-opt tours are typically within ~5 % of optimal).
 */
public final class Tours {
  private Tours() {}

  /** Above this many points the tour is nearest-neighbour only (2-opt is O(n²) per pass). */
  static final int MAX_TWO_OPT = 2000;

  private static final int MAX_PASSES = 100;

  /** Length in metres of a closed tour over the points (degrees); 0 for fewer than two. */
  public static double closedTourMeters(double[] lon, double[] lat) {
    int n = lon.length;
    if (n < 2) {
      return 0;
    }
    double[][] d = n <= MAX_TWO_OPT ? new double[n][n] : null;
    if (d != null) {
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          d[i][j] = Geodesy.distanceMeters(lon[i], lat[i], lon[j], lat[j]);
          d[j][i] = d[i][j];
        }
      }
    }
    int[] t = nearestNeighbour(lon, lat, d);
    if (d != null) {
      twoOpt(t, d);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      int a = t[i];
      int b = t[(i + 1) % n];
      total += d != null ? d[a][b] : Geodesy.distanceMeters(lon[a], lat[a], lon[b], lat[b]);
    }
    return total;
  }

  private static int[] nearestNeighbour(double[] lon, double[] lat, double[][] d) {
    int n = lon.length;
    boolean[] used = new boolean[n];
    int[] t = new int[n];
    used[0] = true;
    for (int k = 1; k < n; k++) {
      int from = t[k - 1];
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (!used[j]) {
          double dj =
              d != null ? d[from][j] : Geodesy.distanceMeters(lon[from], lat[from], lon[j], lat[j]);
          if (dj < bestD) {
            bestD = dj;
            best = j;
          }
        }
      }
      used[best] = true;
      t[k] = best;
    }
    return t;
  }

  private static void twoOpt(int[] t, double[][] d) {
    int n = t.length;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean improved = false;
      for (int i = 0; i < n - 1; i++) {
        for (int j = i + 2; j < n; j++) {
          if (i == 0 && j == n - 1) {
            continue; // the same two edges
          }
          int a = t[i];
          int b = t[i + 1];
          int c = t[j];
          int e = t[(j + 1) % n];
          double delta = d[a][c] + d[b][e] - d[a][b] - d[c][e];
          if (delta < -1e-7) {
            for (int lo = i + 1, hi = j; lo < hi; lo++, hi--) {
              int tmp = t[lo];
              t[lo] = t[hi];
              t[hi] = tmp;
            }
            improved = true;
          }
        }
      }
      if (!improved) {
        return;
      }
    }
  }
}
