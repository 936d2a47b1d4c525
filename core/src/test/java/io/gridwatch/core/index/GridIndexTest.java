package io.gridwatch.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.geo.Geometries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

class GridIndexTest {

  private static Geometry box(double x0, double y0, double x1, double y1) {
    return Geometries.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(x0, x1, y0, y1));
  }

  @Test
  void sharedEdgeGoesToSmallestId() {
    Map<String, Geometry> grids = new LinkedHashMap<>();
    grids.put("B", box(0, 0, 1, 1));
    grids.put("A", box(1, 0, 2, 1));
    grids.put("C", box(0, 1, 2, 2));
    GridIndex idx = GridIndex.of(grids);
    assertThat(idx.locate(1.0, 0.5)).isEqualTo("A"); // edge B|A
    assertThat(idx.locate(0.5, 1.0)).isEqualTo("B"); // edge B|C
    assertThat(idx.locate(1.0, 1.0)).isEqualTo("A"); // vertex of A, B, C
    assertThat(idx.locate(0.5, 0.5)).isEqualTo("B");
    assertThat(idx.locate(5, 5)).isNull();
    assertThat(idx.locate(Double.NaN, 0)).isNull();
  }

  @Test
  void randomizedAgainstBruteForce() throws Exception {
    long seed = System.nanoTime();
    System.out.println("GridIndexTest seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    // a jittered 12x12 lattice of quadrilaterals sharing vertices exactly, plus random triangles
    int n = 12;
    Coordinate[][] v = new Coordinate[n + 1][n + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= n; j++) {
        double jx = (i == 0 || i == n) ? 0 : (rnd.nextDouble() - 0.5) * 0.4;
        double jy = (j == 0 || j == n) ? 0 : (rnd.nextDouble() - 0.5) * 0.4;
        v[i][j] = new Coordinate(104.0 + (i + jx) * 0.01, 30.0 + (j + jy) * 0.01);
      }
    }
    Map<String, Geometry> grids = new LinkedHashMap<>();
    List<Coordinate> vertices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Coordinate[] ring = {v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1], v[i][j]};
        grids.put(
            String.format("G%03d", rnd.nextInt(1000)) + "-" + i + "-" + j,
            Geometries.FACTORY.createPolygon(ring));
        vertices.add(v[i][j]);
      }
    }
    GridIndex idx = roundTrip(GridIndex.of(grids));
    for (int k = 0; k < 20_000; k++) {
      double x;
      double y;
      if (k % 4 == 0) { // exactly on a lattice vertex or edge midpoint-ish
        Coordinate c = vertices.get(rnd.nextInt(vertices.size()));
        x = c.x;
        y = c.y;
      } else {
        x = 103.995 + rnd.nextDouble() * 0.13;
        y = 29.995 + rnd.nextDouble() * 0.13;
      }
      assertThat(idx.locate(x, y))
          .as("point %f,%f seed %d", x, y, seed)
          .isEqualTo(brute(grids, x, y));
    }
  }

  private static String brute(Map<String, Geometry> grids, double x, double y) {
    Point p = Geometries.FACTORY.createPoint(new Coordinate(x, y));
    String best = null;
    for (var e : grids.entrySet()) {
      if (e.getValue().covers(p) && (best == null || e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
      }
    }
    return best;
  }

  private static GridIndex roundTrip(GridIndex idx) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(idx);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (GridIndex) in.readObject();
    }
  }
}
