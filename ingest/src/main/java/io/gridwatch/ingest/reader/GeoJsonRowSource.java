package io.gridwatch.ingest.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.lake.TableDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the features of a GeoJSON FeatureCollection (grid files are small: the whole file is
 * parsed). Property names map to columns like CSV headers; the geometry object is handed on as
 * GeoJSON text under column {@code geometry}. Line numbers are 0-based feature indexes.
 */
public final class GeoJsonRowSource implements RowSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RAW = 2000;

  private final String file;
  private final TableDef table;
  private final JsonNode features;
  private final String crsName;
  private final String name;
  private int index;

  /** Parses {@code path} (shown as {@code file} in rejects); throws IOException if not JSON. */
  public GeoJsonRowSource(Path path, String file, TableDef table) throws IOException {
    this.file = file;
    this.table = table;
    JsonNode root = JSON.readTree(path.toFile());
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw new IOException(file + ": not a GeoJSON FeatureCollection / 不是 GeoJSON 要素集合");
    }
    this.features = root.path("features");
    this.crsName = root.hasNonNull("crs_name") ? root.get("crs_name").asText() : null;
    this.name = root.hasNonNull("name") ? root.get("name").asText() : null;
  }

  /** The top-level {@code crs_name} member, or null. */
  public String crsName() {
    return crsName;
  }

  /** The top-level {@code name} member, or null. */
  public String name() {
    return name;
  }

  @Override
  public SourceRow next() {
    if (index >= features.size()) {
      return null;
    }
    int i = index++;
    JsonNode f = features.get(i);
    JsonNode props = f.path("properties");
    List<String> keys = new ArrayList<>();
    List<String> vals = new ArrayList<>();
    if (props.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        keys.add(e.getKey());
        vals.add(e.getValue().isNull() ? "" : e.getValue().asText());
      }
    }
    HeaderMap header = HeaderMap.of(table, keys);
    Map<String, Object> values = new HashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      String col = header.column(k);
      if (col != null && !col.equals("geometry")) {
        values.put(col, vals.get(k).strip());
      }
    }
    JsonNode geom = f.get("geometry");
    if (geom != null && !geom.isNull()) {
      values.put("geometry", geom.toString());
    }
    String raw = f.toString();
    if (raw.length() > MAX_RAW) {
      raw = raw.substring(0, MAX_RAW) + "…";
    }
    return new SourceRow(file, i, values, raw);
  }

  @Override
  public void close() {}
}
