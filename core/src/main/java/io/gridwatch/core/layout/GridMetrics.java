package io.gridwatch.core.layout;

import java.util.List;

/** Shape and balance figures of the layout diff. */
public final class GridMetrics {
  private GridMetrics() {}

  /**
   * Polsby–Popper compactness 4πA/P² of a polygon in a metric projection: 1 for a disc, π/4 for a
   * square, near 0 for a thin strip; 0 for an empty geometry. Holes count in the perimeter.
   */
  public static double polsbyPopper(org.locationtech.jts.geom.Geometry metric) {
    double p = metric.getLength();
    return p <= 0 ? 0 : 4 * Math.PI * metric.getArea() / (p * p);
  }

  /**
   * Balance of enterprise counts over the grids of one kind.
   *
   * @param grids number of grids
   * @param min smallest count
   * @param max largest count
   * @param maxMinRatio max ÷ min, null when min is 0
   * @param mean mean count
   * @param cv coefficient of variation: population standard deviation ÷ mean, null when the mean is
   *     0
   */
  public record Balance(int grids, int min, int max, Double maxMinRatio, double mean, Double cv) {}

  /** The balance of the counts; null when there are none. */
  public static Balance balance(List<Integer> counts) {
    if (counts.isEmpty()) {
      return null;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    double sum = 0;
    for (int c : counts) {
      min = Math.min(min, c);
      max = Math.max(max, c);
      sum += c;
    }
    double mean = sum / counts.size();
    double ss = 0;
    for (int c : counts) {
      ss += (c - mean) * (c - mean);
    }
    double sd = Math.sqrt(ss / counts.size());
    return new Balance(
        counts.size(),
        min,
        max,
        min == 0 ? null : (double) max / min,
        mean,
        mean == 0 ? null : sd / mean);
  }
}
