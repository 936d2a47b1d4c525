package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutDiff.Enterprise;
import io.gridwatch.core.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * {@link LayoutEdits} on a hand-made layout: A = 104.60–104.61° × 30.10–30.11°, B east of it
 * (104.61–104.62°), C above both (104.60–104.62° × 30.11–30.12°, its bottom edge without a vertex
 * at 104.61°), D apart (104.63–104.64°, no shared border). Areas in degrees² are exact products of
 * the rectangles' sides; areas in m² are the exact ellipsoidal quadrangles of {@link
 * EqualArea#quadrangleArea} (1e-4 relative, the projection's straight-edge error). Every result is
 * checked by {@link LayoutCheck} against the union of the original layout: no overlap, gap or
 * sliver.
 */
class LayoutEditsTest {
  private static final double DEG2 = 1e-12;

  private static Polygon rect(double x0, double y0, double x1, double y1) {
    return Geometries.FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(x0, y0),
          new Coordinate(x1, y0),
          new Coordinate(x1, y1),
          new Coordinate(x0, y1),
          new Coordinate(x0, y0)
        });
  }

  private static List<LayoutGrid> layout() {
    return List.of(
        new LayoutGrid(
            "A", "一号", "enterprise", "高新区", "迎宾社区", rect(104.60, 30.10, 104.61, 30.11), 0),
        new LayoutGrid(
            "B", "二号", "enterprise", "高新区", "迎宾社区", rect(104.61, 30.10, 104.62, 30.11), 1),
        new LayoutGrid(
            "C", "三号", "community", "高新区", "迎宾社区", rect(104.60, 30.11, 104.62, 30.12), 2),
        new LayoutGrid("D", "四号", "village", "松涛镇", "松涛村", rect(104.63, 30.10, 104.64, 30.11), 3));
  }

  private static final List<Enterprise> ENTERPRISES =
      List.of(
          new Enterprise("E1", "一号企业", 104.602, 30.105),
          new Enterprise("E2", "二号企业", 104.608, 30.105),
          new Enterprise("E3", "三号企业", 104.615, 30.105));

  private static Geometry line(double... xy) {
    Coordinate[] cs = new Coordinate[xy.length / 2];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
    }
    return Geometries.FACTORY.createLineString(cs);
  }

  private static LayoutGrid grid(LayoutEdits.Result r, String id) {
    return r.grids().stream().filter(g -> id.equals(g.gridId())).findFirst().orElseThrow();
  }

  private static List<String> ids(LayoutEdits.Result r) {
    List<String> out = new ArrayList<>();
    r.grids().forEach(g -> out.add(g.gridId()));
    return out;
  }

  private static boolean hasVertex(Geometry g, double x, double y) {
    for (Coordinate c : g.getCoordinates()) {
      if (c.x == x && c.y == y) {
        return true;
      }
    }
    return false;
  }

  /** The check of the edited layout against the union of the original one: no problem at all. */
  private static void assertTiles(LayoutEdits.Result r) {
    CheckReport check =
        LayoutCheck.run(
            r.grids(), Zone.unionOf(layout(), false, "original"), null, Rules.defaults().layout());
    assertThat(check.problems()).as(check.toText()).isEmpty();
  }

  private static void assertM2(Geometry g, double x0, double y0, double x1, double y1) {
    double expected = EqualArea.quadrangleArea(x0, y0, x1, y1);
    double actual = EqualArea.centredOn(g.getEnvelopeInternal()).project(g).getArea();
    assertThat(actual).isCloseTo(expected, within(expected * 1e-4));
  }

  @Test
  void splitKeepsTheLargerPieceAndAddsDash2WithTheSameAttributes() {
    // a north–south line at 104.607° from below A into C: A keeps the west 0.007°, A-2 the east
    LayoutEdits.Result r = LayoutEdits.split(layout(), "A", line(104.607, 30.095, 104.607, 30.115));
    assertThat(ids(r)).containsExactly("A", "A-2", "B", "C", "D");
    assertThat(r.changed()).containsExactly("A", "A-2");
    LayoutGrid a = grid(r, "A");
    LayoutGrid a2 = grid(r, "A-2");
    assertThat(a.geometry().getArea()).isCloseTo(0.007 * 0.01, within(DEG2));
    assertThat(a2.geometry().getArea()).isCloseTo(0.003 * 0.01, within(DEG2));
    assertThat(a.geometry().getEnvelopeInternal().getMaxX()).isEqualTo(104.607);
    assertThat(a2.geometry().getEnvelopeInternal().getMinX()).isEqualTo(104.607);
    assertM2(a2.geometry(), 104.607, 30.10, 104.61, 30.11);
    assertThat(a2.name()).isEqualTo("一号-2");
    assertThat(a2.kind()).isEqualTo("enterprise");
    assertThat(a2.town()).isEqualTo("高新区");
    assertThat(a2.community()).isEqualTo("迎宾社区");
    assertThat(a2.feature()).isEqualTo(1);
    assertThat(grid(r, "D").feature()).isEqualTo(4);
    // the new corner on C's bottom edge is a vertex of C too
    assertThat(hasVertex(grid(r, "C").geometry(), 104.607, 30.11)).isTrue();
    assertThat(grid(r, "B").geometry()).isEqualTo(layout().get(1).geometry());
    assertTiles(r);
  }

  @Test
  void splitTakesTheNextFreeIdWhenDash2IsTaken() {
    List<LayoutGrid> grids = new ArrayList<>(layout());
    LayoutGrid d = grids.get(3);
    grids.set(
        3, new LayoutGrid("A-2", d.name(), d.kind(), d.town(), d.community(), d.geometry(), 3));
    LayoutEdits.Result r = LayoutEdits.split(grids, "A", line(104.60, 30.104, 104.611, 30.104));
    // a west–east line at 30.104°: the north piece (0.006°) keeps A, the south one is A-3
    assertThat(ids(r)).containsExactly("A", "A-3", "B", "C", "A-2");
    assertThat(grid(r, "A").geometry().getArea()).isCloseTo(0.01 * 0.006, within(DEG2));
    assertThat(grid(r, "A-3").geometry().getEnvelopeInternal().getMaxY()).isEqualTo(30.104);
    assertThat(hasVertex(grid(r, "B").geometry(), 104.61, 30.104)).isTrue();
  }

  @Test
  void aLineThatDoesNotCrossOrCrossesTwiceIsRefused() {
    assertThatThrownBy(
            () -> LayoutEdits.split(layout(), "A", line(104.602, 30.105, 104.608, 30.105)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from one side of its border to the other")
        .hasMessageContaining("边界");
    // up through A, across C, down through A again: three pieces
    assertThatThrownBy(
            () ->
                LayoutEdits.split(
                    layout(),
                    "A",
                    line(104.602, 30.095, 104.602, 30.115, 104.608, 30.115, 104.608, 30.095)))
        .hasMessageContaining("once");
    assertThatThrownBy(() -> LayoutEdits.split(layout(), "Z", line(0, 0, 1, 1)))
        .hasMessageContaining("no grid Z");
  }

  @Test
  void mergeUnitesTwoAdjacentGridsUnderTheFirstId() {
    LayoutEdits.Result r = LayoutEdits.merge(layout(), "B", "A");
    assertThat(ids(r)).containsExactly("B", "C", "D");
    assertThat(r.changed()).containsExactly("B", "A");
    LayoutGrid b = grid(r, "B");
    assertThat(b.geometry()).isInstanceOf(Polygon.class);
    assertThat(((Polygon) b.geometry()).getNumInteriorRing()).isZero();
    assertThat(b.geometry().getArea()).isCloseTo(0.02 * 0.01, within(DEG2));
    assertM2(b.geometry(), 104.60, 30.10, 104.62, 30.11);
    assertThat(b.name()).isEqualTo("二号");
    assertTiles(r);
  }

  @Test
  void mergeRefusesGridsWithoutASharedBorder() {
    assertThatThrownBy(() -> LayoutEdits.merge(layout(), "B", "D"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("不相邻")
        .hasMessageContaining("share no border");
    assertThatThrownBy(() -> LayoutEdits.merge(layout(), "A", "A"))
        .hasMessageContaining("two different grids");
  }

  @Test
  void reassignHandsTheVoronoiBlockOfTheChosenEnterpriseToTheNeighbour() {
    // A's sites E1 (104.602°) and E2 (104.608°) are symmetric about 104.605°, the centre of the
    // projection: their Voronoi border is that meridian, so E2's block is A's east half
    LayoutEdits.Result r = LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E2"), "B");
    assertThat(r.changed()).containsExactly("A", "B");
    assertThat(r.moved()).containsExactly("E2");
    Geometry a = grid(r, "A").geometry();
    Geometry b = grid(r, "B").geometry();
    assertThat(a.getArea()).isCloseTo(0.005 * 0.01, within(DEG2));
    assertThat(b.getArea()).isCloseTo(0.015 * 0.01, within(DEG2));
    assertThat(a.getEnvelopeInternal().getMaxX()).isEqualTo(104.605);
    assertThat(b.getEnvelopeInternal().getMinX()).isEqualTo(104.605);
    assertM2(a, 104.60, 30.10, 104.605, 30.11);
    assertThat(hasVertex(grid(r, "C").geometry(), 104.605, 30.11)).isTrue();
    assertThat(ids(r)).containsExactly("A", "B", "C", "D");
    assertTiles(r);
  }

  @Test
  void reassignToTheGridAboveCarvesTheWestHalf() {
    LayoutEdits.Result r = LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E1"), "C");
    assertThat(r.moved()).containsExactly("E1");
    assertThat(grid(r, "A").geometry().getArea()).isCloseTo(0.005 * 0.01, within(DEG2));
    assertThat(grid(r, "C").geometry().getArea())
        .isCloseTo(0.02 * 0.01 + 0.005 * 0.01, within(DEG2));
    assertTiles(r);
  }

  @Test
  void reassignRefusesBlocksAwayFromTheNeighbourAndBadChoices() {
    assertThatThrownBy(() -> LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E1"), "B"))
        .hasMessageContaining("does not reach grid B");
    assertThatThrownBy(() -> LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E1", "E2"), "B"))
        .hasMessageContaining("all the enterprises of grid A");
    assertThatThrownBy(() -> LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E2", "E3"), "C"))
        .hasMessageContaining("must lie in one grid (they lie in A, B)");
    assertThatThrownBy(() -> LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E9"), "B"))
        .hasMessageContaining("no enterprise E9");
    assertThatThrownBy(() -> LayoutEdits.reassign(layout(), ENTERPRISES, List.of("E2"), "A"))
        .hasMessageContaining("already lie in grid A");
    assertThatThrownBy(() -> LayoutEdits.reassign(layout(), ENTERPRISES, List.of(), "A"))
        .hasMessageContaining("at least one enterprise");
  }
}
