package io.gridwatch.core.layout.read;

import java.util.Locale;

/**
 * Decides from a {@code .prj} (or GeoPackage SRS) WKT whether coordinates are WGS84 / CGCS2000
 * longitude/latitude, the only source CRS a layout file may use (data-contract.md §1: CGCS2000 is
 * treated as identical to WGS84). Projected systems (UTM, Gauss–Krüger) and other datums (Beijing
 * 1954, Xi'an 1980) are refused with a clear message rather than silently misplaced.
 */
public final class PrjText {
  private PrjText() {}

  /** Returns normally when {@code wkt} (null/blank: none) is acceptable; throws otherwise. */
  public static void requireGeographicWgs84(String wkt, String where) {
    if (wkt == null || wkt.isBlank()) {
      return;
    }
    String t = wkt.strip().toUpperCase(Locale.ROOT);
    if (t.startsWith("PROJCS") || t.startsWith("PROJCRS") || t.contains("PROJECTION[")) {
      throw new LayoutFileException(
          where
              + " 是投影坐标系，只支持 WGS84/CGCS2000 经纬度 / uses a projected CRS ("
              + name(wkt)
              + "); only WGS84 or CGCS2000 longitude/latitude is supported — export the layout in"
              + " EPSG:4326 or EPSG:4490");
    }
    boolean geographic =
        t.startsWith("GEOGCS") || t.startsWith("GEOGCRS") || t.startsWith("GEODCRS");
    boolean datum =
        t.contains("WGS_1984")
            || t.contains("WGS 84")
            || t.contains("WGS84")
            || t.contains("WGS_84")
            || t.contains("CHINA_2000")
            || t.contains("CHINA 2000")
            || t.contains("CGCS2000")
            || t.contains("CGCS_2000")
            || t.contains("CHINA GEODETIC COORDINATE SYSTEM 2000")
            || t.contains("CHINA_GEODETIC_COORDINATE_SYSTEM_2000");
    if (!geographic || !datum) {
      throw new LayoutFileException(
          where
              + " 的坐标系不是 WGS84/CGCS2000 经纬度 / CRS is not WGS84 or CGCS2000 longitude/latitude ("
              + name(wkt)
              + "); export the layout in EPSG:4326 or EPSG:4490");
    }
  }

  /** The quoted name of the outermost WKT node, or the start of the text. */
  static String name(String wkt) {
    int q1 = wkt.indexOf('"');
    int q2 = q1 < 0 ? -1 : wkt.indexOf('"', q1 + 1);
    if (q2 > q1) {
      return wkt.substring(q1 + 1, q2);
    }
    return wkt.length() > 40 ? wkt.substring(0, 40) + "…" : wkt;
  }
}
