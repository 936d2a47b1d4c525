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

  @Test
  void randomizedMixedShapesBothLookupPathsAgainstBruteForce() throws Exception {
    long seed = System.nanoTime();
    System.out.println("GridIndexTest mixed seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    // overlapping shapes of every kind the index treats differently: rectangles, small polygons
    // with a hole (ring scan), many-vertex circles (interval index), multipolygons, a line
    // (prepared fallback) and an empty polygon
    Map<String, Geometry> grids = new LinkedHashMap<>();
    List<Coordinate> onBoundary = new ArrayList<>();
    var f = Geometries.FACTORY;
    for (int k = 0; k < 300; k++) {
      double x = 104.0 + rnd.nextDouble() * 0.2;
      double y = 30.0 + rnd.nextDouble() * 0.2;
      double r = 0.002 + rnd.nextDouble() * 0.02;
      Geometry g =
          switch (k % 4) {
            case 0 -> box(x, y, x + r, y + r * 0.7);
            case 1 ->
                f.createPolygon(
                    f.createLinearRing(
                        new Coordinate[] {
                          new Coordinate(x, y),
                          new Coordinate(x + r, y),
                          new Coordinate(x + r, y + r),
                          new Coordinate(x, y)
                        }),
                    new org.locationtech.jts.geom.LinearRing[] {
                      f.createLinearRing(
                          new Coordinate[] {
                            new Coordinate(x + r * 0.6, y + r * 0.2),
                                new Coordinate(x + r * 0.8, y + r * 0.2),
                            new Coordinate(x + r * 0.8, y + r * 0.4),
                                new Coordinate(x + r * 0.6, y + r * 0.2)
                          })
                    });
            case 2 -> f.createPoint(new Coordinate(x, y)).buffer(r, 32);
            default ->
                f.createMultiPolygon(
                    new org.locationtech.jts.geom.Polygon[] {
                      (org.locationtech.jts.geom.Polygon) box(x, y, x + r / 2, y + r / 2),
                      (org.locationtech.jts.geom.Polygon) box(x + r, y, x + 1.5 * r, y + r / 2)
                    });
          };
      grids.put(String.format("G%04d", rnd.nextInt(10_000)) + "-" + k, g);
      for (Coordinate c : g.getCoordinates()) {
        onBoundary.add(c);
      }
    }
    grids.put(
        "L-line",
        f.createLineString(
            new Coordinate[] {new Coordinate(104.05, 30.05), new Coordinate(104.15, 30.15)}));
    grids.put("E-empty", f.createPolygon());
    onBoundary.add(new Coordinate(104.1, 30.1)); // on the line
    GridIndex buckets = roundTrip(GridIndex.of(grids));
    Map<String, Geometry> withOutlier = new LinkedHashMap<>(grids);
    withOutlier.put("Z-far", box(-170, -80, -169.999, -79.999)); // forces the STR-tree path
    GridIndex tree = roundTrip(GridIndex.of(withOutlier));
    assertThat(buckets.lookupKind()).isEqualTo("buckets");
    assertThat(tree.lookupKind()).isEqualTo("str-tree");
    for (int k = 0; k < 20_000; k++) {
      double x;
      double y;
      if (k % 3 == 0) {
        Coordinate c = onBoundary.get(rnd.nextInt(onBoundary.size()));
        x = c.x;
        y = c.y;
      } else {
        x = 103.99 + rnd.nextDouble() * 0.24;
        y = 29.99 + rnd.nextDouble() * 0.24;
      }
      String expected = brute(grids, x, y);
      assertThat(buckets.locate(x, y)).as("buckets %f,%f seed %d", x, y, seed).isEqualTo(expected);
      assertThat(tree.locate(x, y)).as("tree %f,%f seed %d", x, y, seed).isEqualTo(expected);
    }
    assertThat(buckets.locate(Double.POSITIVE_INFINITY, 30.1)).isNull();
    assertThat(tree.locate(-169.9995, -79.9995)).isEqualTo("Z-far");
    assertThat(GridIndex.of(Map.of()).locate(104, 30)).isNull();
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
