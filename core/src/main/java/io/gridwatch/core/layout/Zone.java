package io.gridwatch.core.layout;

import io.gridwatch.core.geo.Geometries;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The area a layout must cover exactly (data-contract.md §4): a boundary file ({@code --zone}),
 * else the union of the active layout, else the union of the checked file with its holes filled (so
 * holes between its grids show as gaps).
 *
 * @param wgs84 the zone polygon(s) in WGS84
 * @param description bilingual description of where the zone came from
 */
public record Zone(Geometry wgs84, String description) {

  /** The union of the grids' (repaired) polygons; {@code fillHoles}: keep exterior rings only. */
  public static Zone unionOf(List<LayoutGrid> grids, boolean fillHoles, String description) {
    List<Geometry> parts = new ArrayList<>();
    for (LayoutGrid g : grids) {
      if (g.geometry() != null && !g.geometry().isEmpty()) {
        Geometry p = Polygons.fixed(g.geometry());
        if (!p.isEmpty()) {
          parts.add(p);
        }
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("区域为空 / the zone has no polygon: " + description);
    }
    Geometry u = Polygons.union(parts);
    if (fillHoles) {
      u = Polygons.withoutHoles(u);
    }
    Geometry z = Geometries.FACTORY.createGeometry(u);
    z.setSRID(4326);
    return new Zone(z, description);
  }
}
