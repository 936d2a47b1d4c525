package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.index.GridIndex;
import io.gridwatch.core.layout.LayoutDiff.Enterprise;
import io.gridwatch.core.layout.LayoutSuggest.Move;
import io.gridwatch.core.layout.LayoutSuggest.Options;
import io.gridwatch.core.layout.LayoutSuggest.Outcome;
import io.gridwatch.core.layout.read.LayoutFiles;
import io.gridwatch.core.rules.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * {@link LayoutSuggest}: seeded random clustered 4×4 tilings reach ±15 % while every grid stays one
 * valid polygon, the union is unchanged and {@link LayoutCheck} finds nothing; a hand-made 10-vs-2
 * pair gives exactly one move of the 4 enterprises nearest the border; a balanced layout gives
 * none; rejecting a move equals applying the others. Counts are checked against a fresh {@link
 * GridIndex} lookup of every enterprise (oracle).
 */
class LayoutSuggestTest {
  private static final double X0 = 104.60;
  private static final double Y0 = 30.10;
  private static final double STEP = 0.01;

  private static LayoutGrid cell(String id, int col, int row) {
    Geometry g =
        Geometries.FACTORY.toGeometry(
            new Envelope(
                X0 + col * STEP, X0 + (col + 1) * STEP, Y0 + row * STEP, Y0 + (row + 1) * STEP));
    return new LayoutGrid(id, id + "网格", "enterprise", "中和镇", null, g, 0);
  }

  private static List<LayoutGrid> tiling(int cols, int rows) {
    List<LayoutGrid> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out.add(cell(String.format("G%02d", r * cols + c + 1), c, r));
      }
    }
    return out;
  }

  /** Grid id → enterprises, by a fresh index over the layout (every enterprise must be in one). */
  private static Map<String, Integer> oracle(List<LayoutGrid> grids, List<Enterprise> es) {
    Map<String, Geometry> m = new HashMap<>();
    grids.forEach(g -> m.put(g.gridId(), g.geometry()));
    GridIndex index = GridIndex.of(m);
    Map<String, Integer> c = new TreeMap<>();
    grids.forEach(g -> c.put(g.gridId(), 0));
    for (Enterprise e : es) {
      String g = index.locate(e.lon(), e.lat());
      assertThat(g).as("enterprise %s in a grid", e.id()).isNotNull();
      int covering = 0;
      for (LayoutGrid lg : grids) {
        covering +=
            lg.geometry().contains(Geometries.FACTORY.createPoint(new Coordinate(e.lon(), e.lat())))
                ? 1
                : 0;
      }
      assertThat(covering)
          .as("enterprise %s strictly inside at most one grid", e.id())
          .isLessThan(2);
      c.merge(g, 1, Integer::sum);
    }
    return c;
  }

  private static void assertSoundLayout(List<LayoutGrid> before, Outcome r, List<Enterprise> es) {
    for (LayoutGrid g : r.grids()) {
      assertThat(g.geometry()).as(g.gridId()).isInstanceOf(Polygon.class);
      assertThat(g.geometry().isValid()).as(g.gridId()).isTrue();
      assertThat(((Polygon) g.geometry()).getNumInteriorRing()).isZero();
    }
    // planar areas in degrees² (exactly additive; projected areas of split edges bend slightly)
    double a0 = Polygons.union(before.stream().map(LayoutGrid::geometry).toList()).getArea();
    double a1 = Polygons.union(r.grids().stream().map(LayoutGrid::geometry).toList()).getArea();
    assertThat(a1).isCloseTo(a0, within(a0 * 1e-6));
    double sum = r.grids().stream().mapToDouble(g -> g.geometry().getArea()).sum();
    assertThat(sum).isCloseTo(a0, within(a0 * 1e-6));
    CheckReport check =
        LayoutCheck.run(
            r.grids(), Zone.unionOf(before, false, "before"), null, Rules.defaults().layout());
    assertThat(check.problems()).isEmpty();
    assertThat(r.counts()).isEqualTo(oracle(r.grids(), es));
    assertWrittenLayoutChecksClean(before, r);
  }

  /**
   * The suggested layout as written (GeoJSON, 7 decimals) and read back is the same layout, vertex
   * for vertex, and checks clean against the zone it came from.
   */
  static void assertWrittenLayoutChecksClean(List<LayoutGrid> before, Outcome r) {
    List<LayoutGrid> written;
    try {
      Path f = Files.createTempFile("suggested", ".geojson");
      try {
        Files.writeString(f, SuggestReport.geoJson(r));
        written = LayoutFiles.read(f);
      } finally {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(written).hasSameSizeAs(r.grids());
    for (int i = 0; i < written.size(); i++) {
      assertThat(written.get(i).geometry().equalsExact(r.grids().get(i).geometry()))
          .as("grid %s as written", r.grids().get(i).gridId())
          .isTrue();
    }
    CheckReport check =
        LayoutCheck.run(
            written, Zone.unionOf(before, false, "before"), null, Rules.defaults().layout());
    assertThat(check.problems()).as("check of the written layout").isEmpty();
  }

  /** 4×4 cells with 4..7 scattered enterprises each plus three clusters of 12..19. */
  private static List<Enterprise> clustered(long seed) {
    Random rnd = new Random(seed);
    List<Enterprise> es = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      for (int r = 0; r < 4; r++) {
        int n = 4 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          es.add(
              ent(
                  es.size(),
                  X0 + (c + 0.05 + 0.9 * rnd.nextDouble()) * STEP,
                  Y0 + (r + 0.05 + 0.9 * rnd.nextDouble()) * STEP));
        }
      }
    }
    for (int k = 0; k < 3; k++) { // three clusters of 12..19 enterprises in a quarter of a cell
      int c = rnd.nextInt(4);
      int r = rnd.nextInt(4);
      double cx = X0 + (c + 0.25 + 0.5 * rnd.nextDouble()) * STEP;
      double cy = Y0 + (r + 0.25 + 0.5 * rnd.nextDouble()) * STEP;
      int n = 12 + rnd.nextInt(8);
      for (int i = 0; i < n; i++) {
        es.add(
            ent(
                es.size(),
                cx + (rnd.nextDouble() - 0.5) * 0.2 * STEP,
                cy + (rnd.nextDouble() - 0.5) * 0.2 * STEP));
      }
    }
    return es;
  }

  /**
   * Seeds 1..20 (fixed, reproducible; {@code -Dgridwatch.suggest.seed=N} runs one): every result is
   * sound and every one reaches ±15 %, including tight cases such as seed 3 (mean 7.81: every grid
   * must hold exactly 7 or 8) and seed 16 (reached only by the second run, with border strips).
   */
  @Test
  void clusteredTilingsReachTheTarget() {
    Long only = Long.getLong("gridwatch.suggest.seed");
    List<Long> missed = new ArrayList<>();
    int runs = 0;
    for (long seed = only == null ? 1 : only; seed <= (only == null ? 20 : only); seed++) {
      runs++;
      if (!clusteredCase(seed, true)) {
        missed.add(seed);
      }
    }
    System.out.println("LayoutSuggestTest: target missed for seeds " + missed);
    assertThat(missed).as("seeds that missed the target").isEmpty();
    assertThat(runs).isEqualTo(only == null ? 20 : 1);
  }

  /** One generated case: soundness always, the reject path when asked; true when reached. */
  private static boolean clusteredCase(long seed, boolean rejectPath) {
    System.out.println("LayoutSuggestTest seed = " + seed);
    List<LayoutGrid> grids = tiling(4, 4);
    List<Enterprise> es = clustered(seed);
    Outcome r = LayoutSuggest.suggest(grids, es, Options.of("enterprise", 0.15));
    System.out.println(SuggestReport.toText(r));
    assertThat(r.before().reached()).isFalse();
    assertThat(r.after().balance().cv()).as("seed %d", seed).isLessThan(r.before().balance().cv());
    if (r.after().reached()) {
      for (int n : r.counts().values()) {
        assertThat((double) n).isBetween(r.after().low(), r.after().high());
      }
    }
    assertThat(r.moves())
        .allSatisfy(
            m ->
                assertThat(m.ppFromAfter())
                    .isGreaterThanOrEqualTo(Math.min(0.2, 0.8 * m.ppFromBefore())));
    assertSoundLayout(grids, r, es);

    if (!rejectPath) {
      return r.after().reached();
    }
    // rejecting move 2 = applying the others in order (each re-validated)
    assertThat(r.moves().size()).isGreaterThanOrEqualTo(3);
    Set<Integer> others = new HashSet<>();
    r.moves().forEach(m -> others.add(m.id()));
    others.remove(2);
    Outcome rej = LayoutSuggest.apply(grids, es, r.moves(), others, Options.of("enterprise", 0.15));
    assertThat(rej.moves().get(1).status()).isEqualTo("rejected");
    List<Move> without = new ArrayList<>(r.moves());
    without.remove(1);
    Outcome direct =
        LayoutSuggest.apply(grids, es, without, others, Options.of("enterprise", 0.15));
    assertThat(rej.counts()).isEqualTo(direct.counts());
    for (int i = 0; i < grids.size(); i++) {
      assertThat(rej.grids().get(i).geometry().equalsExact(direct.grids().get(i).geometry()))
          .isTrue();
    }
    assertSoundLayout(grids, rej, es);

    // accepting everything reproduces the suggestion exactly
    others.add(2);
    Outcome all = LayoutSuggest.apply(grids, es, r.moves(), others, Options.of("enterprise", 0.15));
    assertThat(all.moves()).allSatisfy(m -> assertThat(m.status()).isEqualTo("accepted"));
    assertThat(all.counts()).isEqualTo(r.counts());
    for (int i = 0; i < grids.size(); i++) {
      assertThat(all.grids().get(i).geometry().equalsExact(r.grids().get(i).geometry())).isTrue();
    }
    return r.after().reached();
  }

  @Test
  void tenVersusTwoMovesTheFourNearestTheBorder() {
    List<LayoutGrid> grids = tiling(2, 1);
    List<Enterprise> es = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // A01..A10 west to east, zig-zag around the middle line
      es.add(
          new Enterprise(
              String.format("A%02d", i + 1),
              null,
              X0 + (i + 0.5) * 0.001,
              Y0 + 0.005 + (i % 2 == 0 ? -0.001 : 0.001)));
    }
    es.add(new Enterprise("B1", null, X0 + 0.015, Y0 + 0.003));
    es.add(new Enterprise("B2", null, X0 + 0.015, Y0 + 0.007));
    Outcome r = LayoutSuggest.suggest(grids, es, Options.of("enterprise", 0.15));
    System.out.println(SuggestReport.toText(r));
    // mean 6: G01 gives 4 (10 → 6), the nearest to the border x = 104.61
    assertThat(r.moves()).hasSize(1);
    Move m = r.moves().get(0);
    assertThat(m.from()).isEqualTo("G01");
    assertThat(m.to()).isEqualTo("G02");
    assertThat(m.enterpriseIds()).containsExactly("A07", "A08", "A09", "A10");
    assertThat(List.of(m.fromBefore(), m.fromAfter(), m.toBefore(), m.toAfter()))
        .containsExactly(10, 6, 2, 6);
    // the cut follows the bisectors between A06 and A07 (x = 104.606 on the middle line), so
    // about 4/10 of G01's area moves
    double cellArea = EqualArea.quadrangleArea(X0, Y0, X0 + STEP, Y0 + STEP);
    assertThat(m.areaM2()).isCloseTo(0.4 * cellArea, within(0.05 * cellArea));
    assertThat(r.after().reached()).isTrue();
    assertThat(r.counts()).containsEntry("G01", 6).containsEntry("G02", 6);
    assertSoundLayout(grids, r, es);
  }

  /**
   * A 1000 m square donor bordering its receiver along x = 1000: sites 100, 300, 305 and 600 m from
   * the border. With at most 2 enterprises the strips are 302.5 m deep (the 2 nearest; 300/305 are
   * 5 m apart) and 200 m deep (the nearest), each with flat and round ends, deepest first; each
   * covers exactly depth × 1000 m of the donor.
   */
  @Test
  void stripsAlongTheBorderHoldTheNearestEnterprises() {
    org.locationtech.jts.geom.GeometryFactory f = EqualArea.METRIC;
    Geometry donor = f.toGeometry(new Envelope(0, 1000, 0, 1000));
    Geometry line =
        f.createLineString(new Coordinate[] {new Coordinate(1000, 0), new Coordinate(1000, 1000)});
    Map<Coordinate, List<String>> sites = new java.util.LinkedHashMap<>();
    sites.put(new Coordinate(400, 500), List.of("far"));
    sites.put(new Coordinate(900, 200), List.of("near"));
    sites.put(new Coordinate(700, 800), List.of("second"));
    sites.put(new Coordinate(695, 100), List.of("third"));
    List<Geometry> strips = BorderCuts.strips(sites, line, 2);
    assertThat(strips).hasSize(4);
    double[] depth = {302.5, 302.5, 200, 200};
    for (int i = 0; i < 4; i++) {
      Geometry block = strips.get(i).intersection(donor);
      // a rectangle along the border (round caps fall beyond the donor's ends)
      assertThat(block.getArea()).isCloseTo(depth[i] * 1000, within(1.0));
      int inside = 0;
      for (Coordinate c : sites.keySet()) {
        inside += block.contains(f.createPoint(c)) ? 1 : 0;
      }
      assertThat(inside).as("strip %d", i).isEqualTo(i < 2 ? 2 : 1);
    }
    assertThat(BorderCuts.strips(sites, line, 0)).isEmpty();
  }

  /**
   * Scoped to one town (the west half of seed 5's tiling is 中和镇, the east half 高新区): only that
   * town's grids are counted, balanced and moved; every other grid keeps its area, and the written
   * result checks clean.
   */
  @Test
  void aTownIsBalancedOnItsOwn() {
    List<LayoutGrid> grids = new ArrayList<>();
    for (LayoutGrid g : tiling(4, 4)) {
      int col = (Integer.parseInt(g.gridId().substring(1)) - 1) % 4;
      grids.add(
          new LayoutGrid(
              g.gridId(),
              g.name(),
              g.kind(),
              col < 2 ? "中和镇" : "高新区",
              null,
              g.geometry(),
              g.feature()));
    }
    Set<String> west = new HashSet<>();
    grids.forEach(
        g -> {
          if (g.town().equals("中和镇")) {
            west.add(g.gridId());
          }
        });
    List<Enterprise> es = clustered(5);
    Outcome r = LayoutSuggest.suggest(grids, es, Options.of("enterprise", 0.15).inTown(" 中和镇 "));
    System.out.println(SuggestReport.toText(r));
    assertThat(r.options().town()).isEqualTo("中和镇");
    assertThat(r.counts().keySet()).isEqualTo(west);
    assertThat(r.before().reached()).isFalse();
    assertThat(r.moves()).isNotEmpty();
    assertThat(r.after().balance().cv()).isLessThan(r.before().balance().cv());
    for (Move m : r.moves()) {
      assertThat(west).contains(m.from(), m.to());
    }
    Map<String, Integer> all = oracle(r.grids(), es);
    r.counts().forEach((g, n) -> assertThat(all.get(g)).as(g).isEqualTo(n));
    for (int i = 0; i < grids.size(); i++) {
      if (!west.contains(grids.get(i).gridId())) {
        // the same area (a third grid may gain a vertex where a cut meets its border)
        Geometry sym = r.grids().get(i).geometry().symDifference(grids.get(i).geometry());
        assertThat(sym.getArea()).as(grids.get(i).gridId()).isLessThan(1e-14);
      }
    }
    assertWrittenLayoutChecksClean(grids, r);
    assertThat(SuggestReport.toJson(r)).contains("\"town\" : \"中和镇\"");
    assertThatThrownBy(
            () -> LayoutSuggest.suggest(grids, es, Options.of("enterprise", 0.15).inTown("无此镇")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("无此镇");
  }

  /** A province-sized miss names the first 30 grids outside and counts the rest. */
  @Test
  void theTextNamesAtMost30GridsOutside() {
    List<String> outside = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int i = 1; i <= 45; i++) {
      outside.add(String.format("QY-%04d", i));
      counts.add(i);
    }
    LayoutSuggest.KindBalance k =
        new LayoutSuggest.KindBalance(GridMetrics.balance(counts), 19.55, 26.45, outside);
    Outcome r = new Outcome(Options.of("enterprise", 0.15), List.of(), List.of(), Map.of(), k, k);
    String text = SuggestReport.toText(r);
    assertThat(text).contains("QY-0030 … 另 15 个 / and 15 more").doesNotContain("QY-0031");
    assertThat(SuggestReport.toJson(r)).contains("QY-0045");
  }

  @Test
  void balancedLayoutNeedsNoMove() {
    List<LayoutGrid> grids = tiling(2, 2);
    List<Enterprise> es = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int r = 0; r < 2; r++) {
        for (int i = 0; i < 5; i++) {
          es.add(ent(es.size(), X0 + (c + 0.1 + 0.15 * i) * STEP, Y0 + (r + 0.5) * STEP));
        }
      }
    }
    Outcome r = LayoutSuggest.suggest(grids, es, Options.of("enterprise", 0.15));
    assertThat(r.moves()).isEmpty();
    assertThat(r.after().reached()).isTrue();
    assertThat(r.after().balance().cv()).isEqualTo(0.0);
    assertThat(SuggestReport.toText(r)).contains("target reached");
  }

  @Test
  void badOptionsAndLayouts() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.of("market", 0.15))
        .hasMessageContaining("--kind");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.of("enterprise", 1.5))
        .hasMessageContaining("--target");
    List<LayoutGrid> dup = List.of(cell("G01", 0, 0), cell("G01", 1, 0));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LayoutSuggest.suggest(dup, List.of(), Options.of("enterprise", 0.15)))
        .hasMessageContaining("duplicate grid_id");
  }

  private static Enterprise ent(int i, double lon, double lat) {
    return new Enterprise(String.format("E%04d", i), null, lon, lat);
  }
}
