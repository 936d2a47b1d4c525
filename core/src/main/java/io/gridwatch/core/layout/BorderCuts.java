package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Candidate cuts (metric) that hand a donor's enterprises nearest a shared border to the neighbour
 * across it, for {@link LayoutSuggest}. Two shapes: blocks of Voronoi cells of the donor's sites
 * grown from the border (they follow the enterprises, so they can split a cluster), and strips of
 * constant depth along the border (they keep both grids' outlines straight, so they stay compact
 * where a Voronoi block would leave a spike). Hand-written: domain logic.
 */
final class BorderCuts {
  private BorderCuts() {}

  /** Length (metres) of shared boundary that makes two shapes touch. */
  private static final double TOUCH_M = 1.0;

  /** Smallest gap (metres) between the last site inside a strip and the first one outside. */
  private static final double STRIP_GAP_M = 2.0;

  /**
   * Voronoi growths: for each of the (at most {@code maxSeeds}, nearest first) cells touching
   * {@code line}, the growth's cells in growth order, grown nearest-to-the-border first through
   * cells that touch the border or the block, until the block holds {@code k} enterprises, never
   * more than {@code most}. A block is a prefix of a growth, shaped by {@link #block}: only on
   * demand, as one union per length up front would be quadratic.
   */
  static List<List<Geometry>> voronoi(
      Map<Coordinate, List<String>> sites,
      Geometry donorM,
      Geometry line,
      int k,
      int most,
      int maxSeeds) {
    Envelope clip = new Envelope(donorM.getEnvelopeInternal());
    clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()));
    VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
    vb.setSites(sites.keySet());
    vb.setClipEnvelope(clip);
    Geometry diagram = vb.getDiagram(EqualArea.METRIC);
    List<Geometry> cells = new ArrayList<>();
    List<Integer> size = new ArrayList<>();
    List<Double> dist = new ArrayList<>();
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Geometry cell = diagram.getGeometryN(i);
      List<String> at = sites.get((Coordinate) cell.getUserData());
      if (at == null) {
        continue;
      }
      cells.add(cell);
      size.add(at.size());
      dist.add(line.distance(EqualArea.METRIC.createPoint((Coordinate) cell.getUserData())));
    }
    int n = cells.size();
    boolean[] touchesBorder = new boolean[n];
    List<Integer> seeds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      touchesBorder[i] =
          OverlayNGRobust.overlay(cells.get(i), line, OverlayNG.INTERSECTION).getLength() > TOUCH_M;
      if (touchesBorder[i]) {
        seeds.add(i);
      }
    }
    seeds.sort(Comparator.comparingDouble(dist::get));
    List<List<Geometry>> out = new ArrayList<>();
    for (int seed : seeds.subList(0, Math.min(maxSeeds, seeds.size()))) {
      if (size.get(seed) > most) {
        continue;
      }
      boolean[] chosen = new boolean[n];
      List<Integer> order = new ArrayList<>(List.of(seed));
      chosen[seed] = true;
      int total = size.get(seed);
      while (total < k) {
        int best = -1;
        for (int i = 0; i < n; i++) {
          if (chosen[i] || total + size.get(i) > most) {
            continue;
          }
          boolean reachable = touchesBorder[i];
          for (int j = 0; !reachable && j < n; j++) {
            reachable = chosen[j] && touching(cells.get(i), cells.get(j));
          }
          if (reachable && (best < 0 || dist.get(i) < dist.get(best))) {
            best = i;
          }
        }
        if (best < 0) {
          break;
        }
        chosen[best] = true;
        order.add(best);
        total += size.get(best);
      }
      List<Geometry> growth = new ArrayList<>();
      for (int i : order) {
        growth.add(cells.get(i));
      }
      out.add(growth);
    }
    return out;
  }

  /** The block of a {@link #voronoi} growth's first {@code len} cells: their union. */
  static Geometry block(List<Geometry> growth, int len) {
    // the cut's own shape may be snapped: only the grids' overlays must not be
    return OverlayNGRobust.union(new ArrayList<>(growth.subList(0, len)));
  }

  /**
   * Strips along {@code line}: for every depth that falls between two sites (by distance to the
   * line, at least {@link #STRIP_GAP_M} apart) and holds at most {@code most} enterprises, the
   * buffer of the line to that depth with flat ends and with round ends; deepest first.
   */
  static List<Geometry> strips(Map<Coordinate, List<String>> sites, Geometry line, int most) {
    List<double[]> d = new ArrayList<>(); // {distance, enterprises}
    sites.forEach(
        (c, ids) ->
            d.add(new double[] {line.distance(EqualArea.METRIC.createPoint(c)), ids.size()}));
    d.sort(Comparator.comparingDouble((double[] x) -> x[0]));
    List<Geometry> out = new ArrayList<>();
    int total = 0;
    for (int j = 0; j + 1 < d.size(); j++) {
      total += (int) d.get(j)[1];
      if (total > most) {
        break;
      }
      double gap = d.get(j + 1)[0] - d.get(j)[0];
      if (gap < STRIP_GAP_M) {
        continue;
      }
      double depth = (d.get(j)[0] + d.get(j + 1)[0]) / 2;
      for (int cap : new int[] {BufferParameters.CAP_FLAT, BufferParameters.CAP_ROUND}) {
        BufferParameters p = new BufferParameters(8, cap, BufferParameters.JOIN_ROUND, 5);
        out.add(0, BufferOp.bufferOp(line, depth, p));
      }
    }
    return out;
  }

  private static boolean touching(Geometry a, Geometry b) {
    return a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())
        && a.relate(b).get(Location.BOUNDARY, Location.BOUNDARY) == 1;
  }
}
