package io.gridwatch.ingest.validate;

import io.gridwatch.core.crs.Crs;
import java.util.Set;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;

/**
 * What row validation needs besides the row: the source CRS of the table, the allowed WGS84 extent
 * for points (null = not checked, when the lake has no grids) and the key sets of referenced
 * tables.
 *
 * @param crs source CRS of the table's coordinates
 * @param extent allowed WGS84 lon/lat envelope (already including the margin), or null
 * @param marginM the margin included in {@code extent}, for messages
 * @param keys key set of a referenced table by name
 */
public record RowContext(
    Crs crs, Envelope extent, double marginM, Function<String, Set<String>> keys) {}
