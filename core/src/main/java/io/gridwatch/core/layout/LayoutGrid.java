package io.gridwatch.core.layout;

import org.locationtech.jts.geom.Geometry;

/**
 * One grid of a layout as read from a layout file or from the lake: the {@code grids.geojson}
 * properties of data-contract.md §1 (values as given; {@code kind} normalised to its code when it
 * is a known code or label) and the geometry in WGS84 (any type, possibly invalid or null: the
 * check reports it).
 *
 * @param gridId grid_id (网格编号), null when missing
 * @param name name (网格名称)
 * @param kind kind code ({@code enterprise|community|village}), the raw value when unknown
 * @param town town (镇街)
 * @param community community (社区)
 * @param geometry the polygon in WGS84 lon/lat, or null
 * @param feature 0-based position of the feature in its file (for messages)
 */
public record LayoutGrid(
    String gridId,
    String name,
    String kind,
    String town,
    String community,
    Geometry geometry,
    int feature) {

  /** The id for messages: grid_id, or {@code #n} (1-based feature number) when missing. */
  public String label() {
    return gridId != null ? gridId : "#" + (feature + 1);
  }
}
