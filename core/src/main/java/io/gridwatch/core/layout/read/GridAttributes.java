package io.gridwatch.core.layout.read;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.layout.LayoutGrid;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Maps a feature's attributes to the {@code grids} columns of data-contract.md §1 the way ingest
 * maps headers: the English name in any case (shapefile fields are upper case) or a Chinese alias
 * of {@link LakeSchema#GRIDS}; {@code kind} accepts the code or the Chinese label.
 */
final class GridAttributes {
  private GridAttributes() {}

  private static final List<String> COLUMNS =
      List.of("grid_id", "name", "kind", "town", "community");

  /** A layout grid from raw attribute values (any type) and a WGS84 geometry. */
  static LayoutGrid grid(Map<String, ?> attributes, Geometry geometry, int feature) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String col : COLUMNS) {
      Column c = column(col);
      for (var e : attributes.entrySet()) {
        if (matches(c, e.getKey()) && !v.containsKey(col)) {
          String s = text(e.getValue());
          if (s != null) {
            v.put(col, s);
          }
        }
      }
    }
    return new LayoutGrid(
        v.get("grid_id"),
        v.get("name"),
        kindCode(v.get("kind")),
        v.get("town"),
        v.get("community"),
        geometry,
        feature);
  }

  /** The kind code of a code or Chinese label; the raw text when unknown; null stays null. */
  static String kindCode(String raw) {
    if (raw == null) {
      return null;
    }
    for (var e : column("kind").enumLabels().entrySet()) {
      if (e.getKey().equalsIgnoreCase(raw) || e.getValue().equals(raw)) {
        return e.getKey();
      }
    }
    return raw;
  }

  private static Column column(String name) {
    return LakeSchema.GRIDS.columns().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static boolean matches(Column c, String key) {
    String k = key == null ? "" : key.replace("\uFEFF", "").strip();
    return c.name().equalsIgnoreCase(k) || c.aliases().stream().anyMatch(a -> a.strip().equals(k));
  }

  /** Attribute text: strings stripped (blank → null), integral numbers without a fraction. */
  static String text(Object o) {
    if (o == null) {
      return null;
    }
    String s;
    if (o instanceof Double || o instanceof Float || o instanceof BigDecimal) {
      BigDecimal d = new BigDecimal(o.toString()).stripTrailingZeros();
      s = d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    } else {
      s = o.toString();
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }
}
