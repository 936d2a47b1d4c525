package io.gridwatch.ingest.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.geo.Geometries;
import java.util.List;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * GeoParquet 1.1 file metadata ({@code geo} key): WKB encoding, geometry types seen and the file
 * bbox per geometry column; {@code crs} is omitted, which means OGC:CRS84 (WGS84 lon/lat).
 */
public final class GeoMetadata {
  private GeoMetadata() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code geo} JSON for the collected columns; the first one is the primary column. */
  public static String json(List<Collector> columns) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.1.0");
    root.put("primary_column", columns.get(0).name);
    ObjectNode cols = root.putObject("columns");
    for (Collector c : columns) {
      ObjectNode col = cols.putObject(c.name);
      col.put("encoding", "WKB");
      ArrayNode types = col.putArray("geometry_types");
      c.types.forEach(types::add);
      if (!c.envelope.isNull()) {
        ArrayNode bbox = col.putArray("bbox");
        bbox.add(c.envelope.getMinX());
        bbox.add(c.envelope.getMinY());
        bbox.add(c.envelope.getMaxX());
        bbox.add(c.envelope.getMaxY());
      }
    }
    return root.toString();
  }

  /** Accumulates geometry types and the envelope of one geometry column while writing. */
  public static final class Collector {
    private final String name;
    private final TreeSet<String> types = new TreeSet<>();
    private final Envelope envelope = new Envelope();

    /** A collector for the named column. */
    public Collector(String name) {
      this.name = name;
    }

    /** Records one WKB value. */
    public void add(byte[] wkb) {
      Geometry g = Geometries.fromWkb(wkb);
      types.add(g.getGeometryType());
      envelope.expandToInclude(g.getEnvelopeInternal());
    }
  }
}
