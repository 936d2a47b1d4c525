package io.gridwatch.ingest.synthetic;

import org.locationtech.jts.geom.Geometry;

/**
 * One generated grid (WGS84, coordinates on the 1e-6° lattice).
 *
 * @param id grid_id, e.g. {@code QY-001}
 * @param name Chinese name
 * @param kind {@code enterprise}, {@code community} or {@code village}
 * @param town town (镇街); {@code 高新区} for enterprise grids
 * @param community community (社区/村), null for enterprise grids
 * @param geometry Polygon or MultiPolygon
 */
record SynthGrid(
    String id, String name, String kind, String town, String community, Geometry geometry) {}
