package io.gridwatch.ingest.synthetic;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The generated zone and its grids.
 *
 * @param zone the zone polygon (WGS84, 1e-6° lattice) that the grids tile
 * @param grids grids sorted by id
 * @param towns town names in order (the park town {@code 高新区} excluded)
 */
record Layout(Geometry zone, List<SynthGrid> grids, List<String> towns) {}
