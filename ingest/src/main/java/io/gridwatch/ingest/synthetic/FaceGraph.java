package io.gridwatch.ingest.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** Adjacency of polygonized faces (shared noded edges) used to keep each grid in one piece. */
final class FaceGraph {
  private FaceGraph() {}

  private record Seg(long x1, long y1, long x2, long y2) {
    static Seg of(Coordinate a, Coordinate b) {
      long ax = Math.round(a.x * 1e6);
      long ay = Math.round(a.y * 1e6);
      long bx = Math.round(b.x * 1e6);
      long by = Math.round(b.y * 1e6);
      if (ax < bx || (ax == bx && ay <= by)) {
        return new Seg(ax, ay, bx, by);
      }
      return new Seg(bx, by, ax, ay);
    }
  }

  /**
   * Relabels every piece of a label that is not its largest connected piece to the neighbouring
   * label sharing the longest border (preferring labels of the same group).
   */
  static void mergeStrayParts(List<Polygon> faces, int[] lab, IntUnaryOperator group) {
    int n = faces.size();
    List<TreeMap<Integer, Double>> adj = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      adj.add(new TreeMap<>());
    }
    Map<Seg, Integer> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Polygon f = faces.get(i);
      for (int r = 0; r <= f.getNumInteriorRing(); r++) {
        LineString ring = r == 0 ? f.getExteriorRing() : f.getInteriorRingN(r - 1);
        Coordinate[] cs = ring.getCoordinates();
        for (int k = 1; k < cs.length; k++) {
          Seg s = Seg.of(cs[k - 1], cs[k]);
          Integer j = seen.putIfAbsent(s, i);
          if (j != null && j != i) {
            double len = cs[k - 1].distance(cs[k]);
            adj.get(i).merge(j, len, Double::sum);
            adj.get(j).merge(i, len, Double::sum);
          }
        }
      }
    }
    double[] area = new double[n];
    for (int i = 0; i < n; i++) {
      area[i] = faces.get(i).getArea();
    }
    for (int round = 0; round < 20; round++) {
      int[] comp = components(adj, lab);
      // area and first face per component; largest component per label
      Map<Integer, Double> compArea = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        compArea.merge(comp[i], area[i], Double::sum);
      }
      Map<Integer, Integer> bestComp = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        Integer b = bestComp.get(lab[i]);
        if (b == null || compArea.get(comp[i]) > compArea.get(b)) {
          bestComp.put(lab[i], comp[i]);
        }
      }
      // for each stray component, border length per neighbouring label
      Map<Integer, TreeMap<Integer, Double>> border = new TreeMap<>();
      Map<Integer, Integer> compOwner = new HashMap<>();
      for (int i = 0; i < n; i++) {
        if (bestComp.get(lab[i]) == comp[i]) {
          continue;
        }
        compOwner.put(comp[i], lab[i]);
        TreeMap<Integer, Double> m = border.computeIfAbsent(comp[i], k -> new TreeMap<>());
        for (Map.Entry<Integer, Double> e : adj.get(i).entrySet()) {
          int j = e.getKey();
          if (lab[j] != lab[i]) {
            m.merge(lab[j], e.getValue(), Double::sum);
          }
        }
      }
      Map<Integer, Integer> newLabel = new TreeMap<>();
      for (Map.Entry<Integer, TreeMap<Integer, Double>> e : border.entrySet()) {
        int own = compOwner.get(e.getKey());
        Integer best = null;
        double bestScore = -1;
        for (Map.Entry<Integer, Double> c : e.getValue().entrySet()) {
          boolean same = group.applyAsInt(c.getKey()) == group.applyAsInt(own);
          double score = c.getValue() + (same ? 1e6 : 0);
          if (score > bestScore) {
            bestScore = score;
            best = c.getKey();
          }
        }
        if (best != null) {
          newLabel.put(e.getKey(), best);
        }
      }
      if (newLabel.isEmpty()) {
        return;
      }
      for (int i = 0; i < n; i++) {
        Integer nl = newLabel.get(comp[i]);
        if (nl != null) {
          lab[i] = nl;
        }
      }
    }
  }

  private static int[] components(List<TreeMap<Integer, Double>> adj, int[] lab) {
    int n = lab.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j : adj.get(i).keySet()) {
        if (lab[i] == lab[j]) {
          int a = find(parent, i);
          int b = find(parent, j);
          if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    int[] comp = new int[n];
    for (int i = 0; i < n; i++) {
      comp[i] = find(parent, i);
    }
    return comp;
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }
}
