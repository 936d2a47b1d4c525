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
 * GeoParquet 1.1 file metadata ({@code geo} key): WKB encoding, geometry types seen, the file bbox
 * and the per-row bbox {@code covering} column per geometry column; {@code crs} is omitted, which
 * means OGC:CRS84 (WGS84 lon/lat).
 */
public final class GeoMetadata {
  private GeoMetadata() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Field names of a bbox covering struct column, in GeoParquet order. */
  public static final List<String> BBOX_FIELDS = List.of("xmin", "ymin", "xmax", "ymax");

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
      if (c.covering != null) {
        ObjectNode box = col.putObject("covering").putObject("bbox");
        for (String field : BBOX_FIELDS) {
          box.putArray(field).add(c.covering).add(field);
        }
      }
    }
    return root.toString();
  }

  /** Accumulates geometry types and the envelope of one geometry column while writing. */
  public static final class Collector {
    private final String name;
    private final String covering;
    private final TreeSet<String> types = new TreeSet<>();
    private final Envelope envelope = new Envelope();

    /** A collector for the named column without a bbox covering column. */
    public Collector(String name) {
      this(name, null);
    }

    /** A collector for the named column whose per-row bbox struct column is {@code covering}. */
    public Collector(String name, String covering) {
      this.name = name;
      this.covering = covering;
    }

    /** Records one WKB value; returns its envelope, or null for an empty geometry. */
    public Envelope add(byte[] wkb) {
      Geometry g = Geometries.fromWkb(wkb);
      types.add(g.getGeometryType());
      Envelope e = g.getEnvelopeInternal();
      envelope.expandToInclude(e);
      return e.isNull() ? null : e;
    }
  }
}
