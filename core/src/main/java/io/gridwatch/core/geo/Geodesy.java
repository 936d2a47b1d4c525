package io.gridwatch.core.geo;

/**
 * Distances on the WGS84 ellipsoid. Hand-written (Vincenty's inverse formula, ≈ 0.1 mm) because it
 * is a hot path of the visit check and no light library on Maven Central offers it; falls back to
 * the spherical haversine distance in the rare near-antipodal non-convergent case.
 */
public final class Geodesy {
  private Geodesy() {}

  private static final double A = 6378137.0;
  private static final double F = 1 / 298.257223563;
  private static final double B = A * (1 - F);
  private static final double MEAN_RADIUS = 6371008.8;

  /** Geodesic distance in metres between two WGS84 points (degrees). */
  public static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
    if (lon1 == lon2 && lat1 == lat2) {
      return 0;
    }
    double l = Math.toRadians(lon2 - lon1);
    double u1 = Math.atan((1 - F) * Math.tan(Math.toRadians(lat1)));
    double u2 = Math.atan((1 - F) * Math.tan(Math.toRadians(lat2)));
    double sinU1 = Math.sin(u1);
    double cosU1 = Math.cos(u1);
    double sinU2 = Math.sin(u2);
    double cosU2 = Math.cos(u2);
    double lambda = l;
    for (int iter = 0; iter < 200; iter++) {
      double sinLambda = Math.sin(lambda);
      double cosLambda = Math.cos(lambda);
      double sinSigma =
          Math.sqrt(
              (cosU2 * sinLambda) * (cosU2 * sinLambda)
                  + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda)
                      * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
      if (sinSigma == 0) {
        return 0;
      }
      double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
      double sigma = Math.atan2(sinSigma, cosSigma);
      double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
      double cosSqAlpha = 1 - sinAlpha * sinAlpha;
      double cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha;
      double c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
      double lambdaPrev = lambda;
      lambda =
          l
              + (1 - c)
                  * F
                  * sinAlpha
                  * (sigma
                      + c
                          * sinSigma
                          * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
      if (Math.abs(lambda - lambdaPrev) < 1e-12) {
        double uSq = cosSqAlpha * (A * A - B * B) / (B * B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma =
            bigB
                * sinSigma
                * (cos2SigmaM
                    + bigB
                        / 4
                        * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                            - bigB
                                / 6
                                * cos2SigmaM
                                * (-3 + 4 * sinSigma * sinSigma)
                                * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
      }
    }
    return haversine(lon1, lat1, lon2, lat2);
  }

  /** Great-circle distance in metres on the mean-radius sphere. */
  public static double haversine(double lon1, double lat1, double lon2, double lat2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double h =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
