package io.gridwatch.core.crs;

import java.util.Locale;

/** Source coordinate systems accepted in a drop; everything is stored as WGS84. */
public enum Crs {
  /** WGS84 / EPSG:4326; CGCS2000 (EPSG:4490) is treated as identical. */
  WGS84,
  /** GCJ-02, used by AMap and Tencent phone apps. */
  GCJ02,
  /** BD-09, used by Baidu. */
  BD09;

  /** Parses wgs84|gcj02|bd09|cgcs2000|epsg:4326|epsg:4490 (any case); rejects anything else. */
  public static Crs parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("-", "");
    return switch (t) {
      case "wgs84", "epsg:4326", "cgcs2000", "epsg:4490", "crs84", "ogc:crs84" -> WGS84;
      case "gcj02", "gcj", "amap", "tencent" -> GCJ02;
      case "bd09", "bd09ll", "baidu" -> BD09;
      default ->
          throw new IllegalArgumentException(
              "unknown CRS '" + text + "' (expected wgs84, gcj02 or bd09)");
    };
  }

  /** Converts a point in this CRS to WGS84; returns {lon, lat}. */
  public double[] toWgs84(double lon, double lat) {
    return switch (this) {
      case WGS84 -> new double[] {lon, lat};
      case GCJ02 -> ChinaCrs.gcj02ToWgs84(lon, lat);
      case BD09 -> ChinaCrs.bd09ToWgs84(lon, lat);
    };
  }

  /** Converts a WGS84 point to this CRS; returns {lon, lat}. */
  public double[] fromWgs84(double lon, double lat) {
    return switch (this) {
      case WGS84 -> new double[] {lon, lat};
      case GCJ02 -> ChinaCrs.wgs84ToGcj02(lon, lat);
      case BD09 -> ChinaCrs.wgs84ToBd09(lon, lat);
    };
  }
}
