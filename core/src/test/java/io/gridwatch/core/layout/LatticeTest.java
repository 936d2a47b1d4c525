package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutDiff.Enterprise;
import io.gridwatch.core.layout.LayoutSuggest.Options;
import io.gridwatch.core.layout.LayoutSuggest.Outcome;
import io.gridwatch.core.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.ConvexHull;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * {@link Lattice}: on seeded random layouts with slanted borders (Voronoi cells of random sites
 * clipped to a random convex zone, on the 7-decimal lattice), splits and suggested moves are
 * exactly what gets written (GeoJSON round trip is vertex for vertex the same) and the written
 * layout passes {@link LayoutCheck} against the zone it came from (oracle); every suggestion
 * reaches its target (12 seeds). New vertices land on slanted third-grid borders and on the slanted
 * zone boundary, where rounding alone opens gaps.
 */
class LatticeTest {

  /** A random convex zone of about 5 km and {@code n} Voronoi grids in it, on the lattice. */
  static List<LayoutGrid> slantedLayout(Random rnd, int n, String kind) {
    List<Coordinate> hull = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      double a = 2 * Math.PI * i / 9 + rnd.nextDouble() * 0.5;
      double r = 0.02 + 0.01 * rnd.nextDouble();
      hull.add(new Coordinate(104.63 + r * Math.cos(a), 30.13 + r * Math.sin(a)));
    }
    Geometry zone =
        Lattice.rounded(
            new ConvexHull(hull.toArray(new Coordinate[0]), Geometries.FACTORY).getConvexHull());
    List<Coordinate> sites = new ArrayList<>();
    while (sites.size() < n) {
      Coordinate c =
          new Coordinate(104.60 + 0.06 * rnd.nextDouble(), 30.10 + 0.06 * rnd.nextDouble());
      if (zone.contains(Geometries.FACTORY.createPoint(c))) {
        sites.add(c);
      }
    }
    VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
    vb.setSites(sites);
    vb.setClipEnvelope(zone.getEnvelopeInternal());
    Geometry cells = vb.getDiagram(Geometries.FACTORY);
    List<LayoutGrid> out = new ArrayList<>();
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Geometry cell = Lattice.rounded(Polygons.intersection(cells.getGeometryN(i), zone));
      String id = String.format("G%02d", i + 1);
      out.add(new LayoutGrid(id, id + "网格", kind, "中和镇", null, cell, i));
    }
    return out;
  }

  /** Every grid survives the GeoJSON round trip unchanged and the layout checks clean. */
  static void assertWrittenClean(List<LayoutGrid> before, List<LayoutGrid> after, String what) {
    for (LayoutGrid g : after) {
      Geometry written = Geometries.readGeoJsonGeometry(Geometries.toGeoJson(g.geometry()));
      assertThat(written.equalsExact(g.geometry()))
          .as("%s: %s as written", what, g.gridId())
          .isTrue();
    }
    CheckReport check =
        LayoutCheck.run(
            after, Zone.unionOf(before, false, "before"), null, Rules.defaults().layout());
    assertThat(check.problems()).as("%s: check of the written layout", what).isEmpty();
  }

  @Test
  void splitsOfSlantedLayoutsAreWrittenExactly() {
    int splits = 0;
    for (long seed = 1; seed <= 40; seed++) {
      System.out.println("LatticeTest split seed = " + seed);
      Random rnd = new Random(seed);
      List<LayoutGrid> grids = slantedLayout(rnd, 8, "enterprise");
      assertWrittenClean(grids, grids, "seed " + seed + " generated layout");
      LayoutGrid g = grids.get(rnd.nextInt(grids.size()));
      Coordinate c = g.geometry().getInteriorPoint().getCoordinate();
      double a = Math.PI * rnd.nextDouble();
      LineString line =
          Geometries.FACTORY.createLineString(
              new Coordinate[] {
                new Coordinate(c.x - 0.1 * Math.cos(a), c.y - 0.1 * Math.sin(a)),
                new Coordinate(c.x + 0.1 * Math.cos(a), c.y + 0.1 * Math.sin(a))
              });
      LayoutEdits.Result r = LayoutEdits.split(grids, g.gridId(), line);
      assertThat(r.grids()).hasSize(grids.size() + 1);
      assertWrittenClean(grids, r.grids(), "seed " + seed + " split of " + g.gridId());
      splits++;
    }
    assertThat(splits).isEqualTo(40);
  }

  @Test
  void suggestionsOnSlantedLayoutsAreWrittenExactly() {
    for (long seed = 1; seed <= 12; seed++) {
      System.out.println("LatticeTest suggest seed = " + seed);
      Random rnd = new Random(seed);
      List<LayoutGrid> grids = slantedLayout(rnd, 9, "enterprise");
      List<Enterprise> es = new ArrayList<>();
      Geometry zone = Zone.unionOf(grids, false, "z").wgs84();
      double cx = 104.61 + 0.04 * rnd.nextDouble();
      double cy = 30.11 + 0.04 * rnd.nextDouble();
      while (es.size() < 160) {
        // half spread over the zone, half in one cluster, so some grids are far over the mean
        boolean cluster = es.size() % 2 == 0;
        double x = cluster ? cx + 0.01 * rnd.nextGaussian() : 104.60 + 0.06 * rnd.nextDouble();
        double y = cluster ? cy + 0.01 * rnd.nextGaussian() : 30.10 + 0.06 * rnd.nextDouble();
        if (zone.contains(Geometries.FACTORY.createPoint(new Coordinate(x, y)))) {
          es.add(new Enterprise(String.format("E%04d", es.size()), null, x, y));
        }
      }
      Outcome r = LayoutSuggest.suggest(grids, es, Options.of("enterprise", 0.15));
      System.out.println(SuggestReport.toText(r));
      assertThat(r.moves()).as("seed %d moves", seed).isNotEmpty();
      assertThat(r.after().reached()).as("seed %d reaches ±15 %%", seed).isTrue();
      assertWrittenClean(grids, r.grids(), "seed " + seed + " suggestion");
    }
  }
}
