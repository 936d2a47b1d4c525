package io.gridwatch.analytics.spatial;

import io.gridwatch.core.index.GridIndex;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * One {@link GridIndex} per layout version, built on the driver from the (small) {@code grids}
 * table and meant to be broadcast to executors.
 */
public final class LayoutIndexes implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TreeMap<Integer, GridIndex> byVersion;

  private LayoutIndexes(TreeMap<Integer, GridIndex> byVersion) {
    this.byVersion = byVersion;
  }

  /**
   * Builds the indexes from a {@code grids} DataFrame (grid_id, layout_version, geometry WKB); a
   * null layout_version counts as 1. Collects only ids and WKB (a dimension table).
   */
  public static LayoutIndexes fromGrids(Dataset<Row> grids) {
    List<Row> rows =
        grids
            .select(
                functions.col("grid_id"),
                functions.coalesce(functions.col("layout_version"), functions.lit(1)).cast("int"),
                functions.col("geometry"))
            .where("grid_id IS NOT NULL AND geometry IS NOT NULL")
            .collectAsList();
    Map<Integer, Map<String, byte[]>> wkb = new HashMap<>();
    for (Row r : rows) {
      wkb.computeIfAbsent(r.getInt(1), k -> new HashMap<>()).put(r.getString(0), r.getAs(2));
    }
    TreeMap<Integer, GridIndex> out = new TreeMap<>();
    wkb.forEach((v, m) -> out.put(v, GridIndex.ofWkb(m)));
    return new LayoutIndexes(out);
  }

  /** Layout versions present, ascending. */
  public List<Integer> versions() {
    return new ArrayList<>(byVersion.keySet());
  }

  /** The grid of layout {@code version} containing the point, or null (also for no layout). */
  public String locate(int version, double lon, double lat) {
    GridIndex idx = byVersion.get(version);
    return idx == null ? null : idx.locate(lon, lat);
  }
}
