package io.gridwatch.core.crs;

/**
 * The Chinese obfuscated datums: GCJ-02 (AMap, Tencent; "Mars coordinates") and BD-09 (Baidu).
 *
 * <p>Hand-written on purpose: no maintained Java library on Maven Central implements them and
 * GeoTools is unavailable (architecture.md). The forward GCJ-02 transform is the published
 * Krasovsky-ellipsoid polynomial; every inverse is a fixed-point iteration of the forward transform
 * to 1e-10 degrees (≈ 1 cm), so round trips are far inside the 0.5 m budget. Points outside China
 * are returned unchanged, as the datum defines.
 */
public final class ChinaCrs {
  private ChinaCrs() {}

  private static final double A = 6378245.0;
  private static final double EE = 0.00669342162296594323;
  private static final double X_PI = Math.PI * 3000.0 / 180.0;
  private static final double EPS = 1e-10;
  private static final int MAX_ITER = 30;

  /** True for points outside the rough China box, where GCJ-02 equals WGS84. */
  public static boolean outOfChina(double lon, double lat) {
    return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
  }

  /** WGS84 → GCJ-02 (the forward, exact transform); returns {lon, lat}. */
  public static double[] wgs84ToGcj02(double lon, double lat) {
    if (outOfChina(lon, lat)) {
      return new double[] {lon, lat};
    }
    double x = lon - 105.0;
    double y = lat - 35.0;
    double dLat = transformLat(x, y);
    double dLon = transformLon(x, y);
    double radLat = Math.toRadians(lat);
    double magic = Math.sin(radLat);
    magic = 1 - EE * magic * magic;
    double sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return new double[] {lon + dLon, lat + dLat};
  }

  /** GCJ-02 → WGS84 by iterating the forward transform; returns {lon, lat}. */
  public static double[] gcj02ToWgs84(double lon, double lat) {
    double wLon = lon;
    double wLat = lat;
    for (int i = 0; i < MAX_ITER; i++) {
      double[] g = wgs84ToGcj02(wLon, wLat);
      double dLon = g[0] - lon;
      double dLat = g[1] - lat;
      wLon -= dLon;
      wLat -= dLat;
      if (Math.abs(dLon) < EPS && Math.abs(dLat) < EPS) {
        break;
      }
    }
    return new double[] {wLon, wLat};
  }

  /** GCJ-02 → BD-09 (Baidu's forward transform); returns {lon, lat}. */
  public static double[] gcj02ToBd09(double lon, double lat) {
    double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
    double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
    return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
  }

  /** BD-09 → GCJ-02 by iterating Baidu's forward transform; returns {lon, lat}. */
  public static double[] bd09ToGcj02(double lon, double lat) {
    double gLon = lon - 0.0065;
    double gLat = lat - 0.006;
    for (int i = 0; i < MAX_ITER; i++) {
      double[] b = gcj02ToBd09(gLon, gLat);
      double dLon = b[0] - lon;
      double dLat = b[1] - lat;
      gLon -= dLon;
      gLat -= dLat;
      if (Math.abs(dLon) < EPS && Math.abs(dLat) < EPS) {
        break;
      }
    }
    return new double[] {gLon, gLat};
  }

  /** WGS84 → BD-09; returns {lon, lat}. */
  public static double[] wgs84ToBd09(double lon, double lat) {
    double[] g = wgs84ToGcj02(lon, lat);
    return gcj02ToBd09(g[0], g[1]);
  }

  /** BD-09 → WGS84; returns {lon, lat}. */
  public static double[] bd09ToWgs84(double lon, double lat) {
    double[] g = bd09ToGcj02(lon, lat);
    return gcj02ToWgs84(g[0], g[1]);
  }

  private static double transformLat(double x, double y) {
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }

  private static double transformLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }
}
