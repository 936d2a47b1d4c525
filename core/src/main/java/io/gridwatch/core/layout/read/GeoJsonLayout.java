package io.gridwatch.core.layout.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads a GeoJSON FeatureCollection layout (the {@code grids.geojson} of data-contract.md §1): the
 * same rules as ingest's {@code GeoJsonRowSource} — top-level {@code crs_name} (wgs84|gcj02|bd09,
 * converted to WGS84 with {@link Geometries#toWgs84}), property names or Chinese aliases, geometry
 * parsed by JTS ({@link Geometries#readGeoJsonGeometry}). A legacy {@code crs} member must name
 * EPSG:4326, EPSG:4490 or CRS84.
 */
final class GeoJsonLayout {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonLayout() {}

  /** The grids of a GeoJSON file, in feature order. */
  static List<LayoutGrid> read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new LayoutFileException(
          file.getFileName() + " 不是有效的 JSON / is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new LayoutFileException(
          file.getFileName() + " 无法读取 / cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw new LayoutFileException(
          file.getFileName() + " 不是 GeoJSON 要素集合 / is not a GeoJSON FeatureCollection");
    }
    Crs crs = crs(root, file);
    List<LayoutGrid> out = new ArrayList<>();
    JsonNode features = root.path("features");
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      Map<String, Object> props = new LinkedHashMap<>();
      JsonNode p = f.path("properties");
      for (Map.Entry<String, JsonNode> e : p.properties()) {
        props.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
      }
      Geometry g = null;
      JsonNode gj = f.get("geometry");
      if (gj != null && !gj.isNull()) {
        try {
          g = Geometries.toWgs84(Geometries.readGeoJsonGeometry(gj.toString()), crs);
        } catch (IllegalArgumentException e) {
          g = null; // reported by the check as a feature without a usable geometry
        }
      }
      out.add(GridAttributes.grid(props, g, i));
    }
    return out;
  }

  private static Crs crs(JsonNode root, Path file) {
    if (root.hasNonNull("crs_name")) {
      try {
        return Crs.parse(root.get("crs_name").asText());
      } catch (IllegalArgumentException e) {
        throw new LayoutFileException(
            file.getFileName() + ": crs_name 无法识别 / unknown crs_name: " + e.getMessage(), e);
      }
    }
    String named = root.path("crs").path("properties").path("name").asText("");
    if (!named.isEmpty()) {
      String n = named.toUpperCase(Locale.ROOT);
      if (!(n.endsWith(":4326")
          || n.endsWith("::4326")
          || n.endsWith(":4490")
          || n.endsWith("CRS84"))) {
        throw new LayoutFileException(
            file.getFileName()
                + " 的坐标系不是 WGS84/CGCS2000 经纬度 / crs is not WGS84 or CGCS2000 longitude/latitude: "
                + named);
      }
    }
    return Crs.WGS84;
  }
}
