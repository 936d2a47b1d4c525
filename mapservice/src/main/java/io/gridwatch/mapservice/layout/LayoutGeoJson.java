package io.gridwatch.mapservice.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutGrid;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * Layouts as GeoJSON FeatureCollections in WGS84 with the {@code grids.geojson} properties of
 * data-contract.md §1 ({@code grid_id, name, kind, town, community}): the form in which a proposal
 * keeps its draft and {@code gridwatch layout activate} reads it back.
 */
public final class LayoutGeoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LayoutGeoJson() {}

  /** The grids as a FeatureCollection. */
  public static ObjectNode featureCollection(List<LayoutGrid> grids) {
    ObjectNode fc = MAPPER.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (LayoutGrid g : grids) {
      ObjectNode f = features.addObject().put("type", "Feature");
      f.set("geometry", geometry(g.geometry()));
      f.putObject("properties")
          .put("grid_id", g.gridId())
          .put("name", g.name())
          .put("kind", g.kind())
          .put("town", g.town())
          .put("community", g.community());
    }
    return fc;
  }

  /** A geometry as a GeoJSON node (null node when null or empty). */
  public static com.fasterxml.jackson.databind.JsonNode geometry(Geometry g) {
    if (g == null || g.isEmpty()) {
      return MAPPER.nullNode();
    }
    try {
      return MAPPER.readTree(Geometries.toGeoJson(g));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("geometry could not be written as GeoJSON", e);
    }
  }

  /** The FeatureCollection as compact JSON text. */
  public static String text(ObjectNode fc) {
    try {
      return MAPPER.writeValueAsString(fc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
