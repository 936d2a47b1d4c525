package io.gridwatch.benchmarks.join;

import java.nio.file.Path;

/**
 * Where the join benchmark keeps its Parquet files, shared by the gridwatch JVM and the Sedona JVM
 * (benchmarks-sedona's {@code SedonaJoin} repeats these names): grids per tiling, points per tiling
 * and size, and each engine's output and timings per point count.
 *
 * @param root the scratch folder
 * @param points points per tiling
 */
public record ScratchLayout(Path root, long points) {

  /** Grid table of the {@code grids}-cell tiling: grid_id string, geometry WKB. */
  public Path grids(int grids) {
    return root.resolve("grids-" + grids);
  }

  /** Point table of that tiling: point_id long, lon double, lat double. */
  public Path points(int grids) {
    return root.resolve("points-" + grids + "-" + points);
  }

  /** The small untimed warm-up point set (on the given tiling). */
  public Path warmupPoints(int grids, long n) {
    return root.resolve("points-" + grids + "-" + n);
  }

  /** Folder of this size's results. */
  public Path out() {
    return root.resolve("out-" + points);
  }

  /** One engine's join output (point_id, grid_id) on one tiling. */
  public Path result(String engine, int grids) {
    return out().resolve(engine + "-" + grids);
  }

  /** One engine's timings file (TSV: engine, grids, points, seconds..., rows). */
  public Path timings(String engine) {
    return out().resolve("timings-" + engine + ".tsv");
  }
}
