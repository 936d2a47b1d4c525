package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.rules.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * A draft whose coordinates differ from the zone's by floating-point noise (30.118 typed by a
 * planner vs 30.10 + 0.018 = 30.118000000000002 computed by a tool) must not produce phantom gap
 * slivers at the corners of an overlap.
 */
class LayoutCheckNoiseTest {
  private static Polygon box(double x0, double y0, double x1, double y1) {
    return Geometries.FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(x0, y0),
          new Coordinate(x1, y0),
          new Coordinate(x1, y1),
          new Coordinate(x0, y1),
          new Coordinate(x0, y0)
        });
  }

  private static LayoutGrid grid(String id, Polygon p, int i) {
    return new LayoutGrid(id, id, "enterprise", "高新区", null, p, i);
  }

  @Test
  void floatingPointNoiseAgainstTheZoneIsNotAGap() {
    double top = 30.10 + 0.018; // 30.118000000000002
    List<LayoutGrid> active =
        List.of(
            grid("G1", box(104.60, 30.10, 104.60 + 0.018, top), 0),
            grid("G2", box(104.62, 30.10, 104.62 + 0.018, top), 1));
    Zone zone = Zone.unionOf(active, false, "active");
    // the draft: G2 also takes the strip 104.616–104.618 of G1, with the top typed as 30.118
    List<LayoutGrid> draft =
        List.of(
            grid("G1", box(104.60, 30.10, 104.618, 30.118), 0),
            grid(
                "G2",
                (Polygon)
                    box(104.616, 30.10, 104.618, 30.118)
                        .union(box(104.62, 30.10, 104.638, 30.118))
                        .getGeometryN(0),
                1),
            grid("G3", box(104.62, 30.10, 104.638, 30.118), 2));
    CheckReport r = LayoutCheck.run(draft.subList(0, 2), zone, null, Rules.defaults().layout());
    assertThat(r.problems())
        .as(r.toText())
        .allSatisfy(
            p -> assertThat(p.type()).isIn(LayoutProblem.Type.OVERLAP, LayoutProblem.Type.GAP));
    assertThat(r.problems().stream().filter(p -> p.type() == LayoutProblem.Type.SLIVER))
        .as(r.toText())
        .isEmpty();
  }
}
