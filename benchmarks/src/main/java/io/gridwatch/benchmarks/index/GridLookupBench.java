package io.gridwatch.benchmarks.index;

import io.gridwatch.benchmarks.join.Tiling;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.index.GridIndex;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: one point lookup with {@link GridIndex#locate} vs an STR-tree over prepared polygons and vs
 * a brute-force loop over the prepared polygons (first cover in id order = the tie rule), on the
 * join benchmark's tilings. Points are the join benchmark's own mix (6 % on edges and corners, some
 * outside every grid).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class GridLookupBench {
  /** Points per benchmark invocation. */
  static final int BATCH = 1024;

  /** Grids in the tiling. */
  @Param({"1000", "10000", "50000"})
  public int grids;

  private GridIndex index;
  private String[] ids;
  private PreparedGeometry[] prepared;
  private STRtree tree;
  private double[] xs;
  private double[] ys;

  /** Builds the tiling, the index (forced) and the prepared polygons in id order. */
  @Setup
  public void setUp() {
    Tiling t = Tiling.of(grids);
    Map<String, Geometry> byId = new TreeMap<>(t.grids());
    index = GridIndex.of(byId);
    ids = byId.keySet().toArray(new String[0]);
    prepared = new PreparedGeometry[ids.length];
    tree = new STRtree();
    int k = 0;
    for (Geometry g : byId.values()) {
      tree.insert(g.getEnvelopeInternal(), k);
      prepared[k++] = PreparedGeometryFactory.prepare(g);
    }
    tree.build();
    xs = new double[BATCH];
    ys = new double[BATCH];
    for (int i = 0; i < BATCH; i++) {
      double[] p = t.point(1_000_003L * i + 7);
      xs[i] = p[0];
      ys[i] = p[1];
    }
    index.locate(xs[0], ys[0]);
  }

  /** The project's index: STR-tree candidates, prepared {@code covers}, smallest id. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void gridIndex(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      bh.consume(index.locate(xs[i], ys[i]));
    }
  }

  /**
   * The textbook JTS lookup (and GridIndex's own before issue 7): STR-tree candidates, every one
   * tested with prepared {@code covers}, smallest id kept.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void strTree(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      double x = xs[i];
      double y = ys[i];
      Point p = Geometries.FACTORY.createPoint(new Coordinate(x, y));
      int best = Integer.MAX_VALUE;
      for (Object o : tree.query(new Envelope(x, x, y, y))) {
        int k = (Integer) o;
        if (k < best && prepared[k].covers(p)) {
          best = k;
        }
      }
      bh.consume(best == Integer.MAX_VALUE ? null : ids[best]);
    }
  }

  /** Every prepared polygon in id order until the first that covers the point. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void bruteForce(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      Point p = Geometries.FACTORY.createPoint(new Coordinate(xs[i], ys[i]));
      String found = null;
      for (int k = 0; k < prepared.length; k++) {
        if (prepared[k].covers(p)) {
          found = ids[k];
          break;
        }
      }
      bh.consume(found);
    }
  }
}
