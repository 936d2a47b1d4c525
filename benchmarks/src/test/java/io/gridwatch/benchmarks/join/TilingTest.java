package io.gridwatch.benchmarks.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.index.GridIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

class TilingTest {

  @Test
  void tilingsHaveTheAskedSizeAndValidPolygonsThatFillTheBox() {
    for (int n : new int[] {1000, 10000}) {
      Tiling t = Tiling.of(n);
      Map<String, Polygon> grids = t.grids();
      assertThat(grids).hasSize(n);
      double area = 0;
      for (Polygon p : grids.values()) {
        assertThat(p.isValid()).isTrue();
        assertThat(p.getNumPoints()).isEqualTo(Tiling.RING_VERTICES + 1);
        area += p.getArea();
      }
      Coordinate lo = t.vertex(0, 0);
      Coordinate hi = t.vertex(t.cols(), t.rows());
      assertThat(area)
          .isCloseTo((hi.x - lo.x) * (hi.y - lo.y), org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void everyPointIsCoveredOnceInsideAndSeveralTimesOnSharedBoundaries() {
    Tiling t = Tiling.of(1000);
    TreeMap<String, Geometry> byId = new TreeMap<>(t.grids());
    List<String> ids = new ArrayList<>(byId.keySet());
    List<PreparedGeometry> prepared = new ArrayList<>();
    byId.values().forEach(g -> prepared.add(PreparedGeometryFactory.prepare(g)));
    GridIndex index = GridIndex.of(byId);
    int multi = 0;
    int outside = 0;
    for (long id = 0; id < 20_000; id++) {
      double[] xy = t.point(id);
      Point p = Geometries.FACTORY.createPoint(new Coordinate(xy[0], xy[1]));
      List<String> covering = new ArrayList<>();
      int interior = 0;
      for (int k = 0; k < ids.size(); k++) {
        if (prepared.get(k).covers(p)) {
          covering.add(ids.get(k));
          if (prepared.get(k).containsProperly(p)) {
            interior++;
          }
        }
      }
      // a tiling: no point is in the interior of two grids, none inside the box is uncovered
      assertThat(interior).isLessThanOrEqualTo(1);
      if (interior == 1) {
        assertThat(covering).hasSize(1);
      }
      boolean inBox =
          xy[0] >= t.minX() && xy[0] <= t.maxX() && xy[1] >= t.minY() && xy[1] <= t.maxY();
      if (id % 50 < 3) {
        assertThat(covering).as("boundary point %d lies on a grid", id).isNotEmpty();
        assertThat(interior).isZero();
      } else if (inBox) {
        assertThat(covering).isNotEmpty();
      }
      if (covering.size() > 1) {
        multi++;
      }
      if (covering.isEmpty()) {
        outside++;
      }
      // the benchmark's expected answer: the smallest covering id (GridIndex's tie rule)
      assertThat(index.locate(xy[0], xy[1])).isEqualTo(covering.isEmpty() ? null : covering.get(0));
    }
    assertThat(multi).isGreaterThan(500); // 6 % of the points sit on edges/corners
    assertThat(outside).isGreaterThan(500); // the box is grown by 3 % per side
  }

  @Test
  void gridIdsAreAPermutation() {
    Tiling t = Tiling.of(10000);
    assertThat(new java.util.HashSet<>(t.grids().keySet())).hasSize(10000);
    assertThat(t.gridId(0, 0)).isNotEqualTo("G000000");
  }
}
