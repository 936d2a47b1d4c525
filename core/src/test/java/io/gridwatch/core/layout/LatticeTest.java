package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.geo.EqualArea;
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

  private static Geometry box(double x0, double y0, double x1, double y1) {
    return Geometries.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(x0, x1, y0, y1));
  }

  /**
   * The local check against hand-made cases (two 1 km cells A | B, B edited): an overlap of A, a
   * gap left behind and a growth beyond the tolerance are refused; the same layout, a growth of 1
   * cm outward and an overlap below the noise area are not.
   */
  @Test
  void leavesCleanRefusesOverlapsGapsAndGrowthBeyondTheTolerance() {
    java.util.Map<String, Geometry> layout = new java.util.LinkedHashMap<>();
    layout.put("A", box(104.60, 30.10, 104.61, 30.11));
    layout.put("B", box(104.61, 30.10, 104.62, 30.11));
    EqualArea proj = EqualArea.centredOn(box(104.60, 30.10, 104.62, 30.11).getEnvelopeInternal());
    java.util.Set<String> b = java.util.Set.of("B");
    java.util.function.Function<Geometry, Boolean> clean =
        g -> Lattice.leavesClean(layout, b, java.util.Map.of("B", g), proj, 1.0);
    assertThat(clean.apply(layout.get("B"))).isTrue();
    assertThat(clean.apply(box(104.6099, 30.10, 104.62, 30.11)))
        .as("overlaps A by ≈ 10 m²")
        .isFalse();
    assertThat(clean.apply(box(104.6101, 30.10, 104.62, 30.11))).as("leaves a gap").isFalse();
    assertThat(clean.apply(box(104.61, 30.10, 104.6200001, 30.11))).as("1 cm outward").isTrue();
    assertThat(clean.apply(box(104.61, 30.10, 104.6201, 30.11))).as("10 m outward").isFalse();
    assertThat(clean.apply(box(104.6099999999, 30.10, 104.62, 30.11))).as("noise").isTrue();
  }

  /**
   * A layout off the lattice with a T-junction (B and C meet on A's slanted edge, which has no
   * vertex there): rounding each grid on its own opens a gap or overlap of square metres along the
   * edge (the check finds it); {@link Lattice#roundedLayout} inserts the junction into A first, and
   * the rounded layout checks clean.
   */
  @Test
  void roundingKeepsTJunctionsExact() {
    double x0 = 104.610000043;
    double x1 = 104.611345678;
    double y0 = 30.100000021;
    double y1 = 30.109876543;
    double tm = 0.43;
    Coordinate t = new Coordinate(x0 + tm * (x1 - x0), y0 + tm * (y1 - y0));
    Geometry a =
        Geometries.FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(104.60, y0),
              new Coordinate(x0, y0),
              new Coordinate(x1, y1),
              new Coordinate(104.60, y1),
              new Coordinate(104.60, y0)
            });
    Geometry b =
        Geometries.FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(x0, y0),
              new Coordinate(104.62, y0),
              new Coordinate(104.62, t.y),
              t,
              new Coordinate(x0, y0)
            });
    Geometry c =
        Geometries.FACTORY.createPolygon(
            new Coordinate[] {
              t, new Coordinate(104.62, t.y), new Coordinate(104.62, y1), new Coordinate(x1, y1), t
            });
    java.util.Map<String, Geometry> layout = new java.util.LinkedHashMap<>();
    layout.put("A", a);
    layout.put("B", b);
    layout.put("C", c);
    List<LayoutGrid> before = grids(layout);
    List<LayoutGrid> naive = new ArrayList<>();
    layout.forEach((id, g) -> naive.add(grid(id, Lattice.rounded(g))));
    CheckReport bad =
        LayoutCheck.run(naive, Zone.unionOf(before, false, "z"), null, Rules.defaults().layout());
    assertThat(bad.problems()).as("rounding each grid alone").isNotEmpty();
    List<LayoutGrid> after = grids(Lattice.roundedLayout(layout));
    assertWrittenClean(before, after, "T-junction");
    assertThat(after.get(0).geometry().getNumPoints()).isEqualTo(6); // A gained the junction
  }

  private static LayoutGrid grid(String id, Geometry g) {
    return new LayoutGrid(id, id + "网格", "enterprise", "中和镇", null, g, 0);
  }

  private static List<LayoutGrid> grids(java.util.Map<String, Geometry> layout) {
    List<LayoutGrid> out = new ArrayList<>();
    layout.forEach((id, g) -> out.add(grid(id, g)));
    return out;
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
