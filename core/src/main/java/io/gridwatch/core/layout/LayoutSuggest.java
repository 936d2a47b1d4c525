package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.index.GridIndex;
import io.gridwatch.core.layout.LayoutDiff.Enterprise;
import io.gridwatch.core.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * {@code gridwatch layout suggest}, pure: boundary moves between adjacent grids of one kind that
 * bring every grid's enterprise count within ±target of the kind's mean. Hand-written: it is domain
 * logic (no library proposes grid redistricting moves).
 *
 * <p>A move hands a "block" of the donor to an adjacent receiver ({@link BorderCuts}): the donor's
 * enterprises get Voronoi cells (in the equal-area projection); starting at the cells that touch
 * the shared border, cells are added nearest-to-the-border first while they touch the receiver or
 * the block, until the block holds the wanted number of enterprises (enough to bring one of the two
 * grids to the mean, never past the midpoint of the pair); or the block is a strip of the donor
 * along the shared border, as deep as the nearest enterprises. Only the parts of the donor inside
 * the cut that share a border with the receiver are handed over (a detached part would split the
 * receiver): donor' = donor − cut, receiver' = receiver ∪ (donor ∩ cut), so the union of all grids
 * is unchanged. A candidate is kept only when both results are single polygons with no new hole,
 * neither one's Polsby–Popper compactness falls below {@code min(minPolsbyPopper, (1 −
 * maxPolsbyPopperLoss) × before)}, and the sum of squared deviations from the mean drops. Greedy:
 * pairs are tried by the larger deviation of the two grids, then the fuller donor and the emptier
 * receiver; the first acceptable move is taken and the loop repeats until every grid is within the
 * target or no pair yields a move; when no single move helps, one enterprise is passed along a
 * chain of adjacent grids (one move per hop) from a fuller grid to one with at least 2 fewer.
 * Overlays use floating noding only (a failing overlay drops the candidate rather than snapping
 * vertices); a candidate must also conserve the pair's area and leave the pair covering what it
 * covered. The cut is first snapped to the pair's vertices and put on the 7-decimal lattice, and
 * the result is made lattice-exact ({@link Lattice}: every new vertex rounded alike in every grid
 * that has it, inserted into third grids whose edges it lies on), so the suggested layout is
 * exactly what gets written; a candidate is kept only when the grids around it then pass {@link
 * LayoutCheck} as they did before. The greedy runs with Voronoi blocks first (the first acceptable
 * start wins); when that run misses the target it is repeated from the start with strips as well
 * (the best candidate of every pair wins), see {@link Cuts}. Membership follows {@link GridIndex}
 * (smallest grid_id on shared edges).
 */
public final class LayoutSuggest {
  private LayoutSuggest() {}

  /** Two grids are adjacent when they share more than this length of border (metres). */
  private static final double ADJACENT_M = 1.0;

  /** Overlay residue (m²) dropped from results: parts and holes this small are float noise. */
  private static final double CLEAN_M2 = 1e-4;

  /** Largest area (m²) by which a move may change what the pair covers (overlay residue). */
  private static final double DRIFT_M2 = 1e-3;

  /** Border cells tried as the start of a block, nearest first. */
  private static final int MAX_SEEDS = 12;

  /** Longest chain (hops) a single enterprise is passed along. */
  private static final int MAX_CHAIN = 6;

  /** Chains tried per grid outside the target, shortest first. */
  private static final int MAX_PATHS = 60;

  /** Buffer (metres) used to find the stretch of border two grids share. */
  private static final double BORDER_BUFFER_M = 0.05;

  /** Thresholds of the local check of a move (the defaults: noise and slivers, zone tolerance). */
  private static final Rules.LayoutRules RULES = Rules.defaults().layout();

  /**
   * The target and the limits of a suggestion (validated).
   *
   * @param kind grid kind balanced ({@code enterprise|community|village})
   * @param target allowed relative deviation from the mean, e.g. 0.15 for ±15 %
   * @param minPolsbyPopper compactness floor of a grid after a move
   * @param maxPolsbyPopperLoss largest relative compactness loss allowed below the floor
   * @param maxMoves upper bound on the number of moves
   * @param town only grids of this town (镇街) are balanced and moved, null for every grid of the
   *     kind; a planner balances one town of a province-wide layout at a time
   */
  public record Options(
      String kind,
      double target,
      double minPolsbyPopper,
      double maxPolsbyPopperLoss,
      int maxMoves,
      String town) {
    /** Validates the values (the message names the option); a blank town means every town. */
    public Options {
      town = town == null || town.isBlank() ? null : town.trim();
      if (!LayoutCheck.KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "--kind must be enterprise, community or village, got " + kind);
      }
      if (!(target > 0 && target < 1)) {
        throw new IllegalArgumentException("--target must be between 0 and 1, got " + target);
      }
      if (!(minPolsbyPopper >= 0 && minPolsbyPopper < 1)
          || !(maxPolsbyPopperLoss >= 0 && maxPolsbyPopperLoss <= 1)
          || maxMoves < 0) {
        throw new IllegalArgumentException(
            "invalid compactness limits or --max-moves (must not be negative): " + maxMoves);
      }
    }

    /** The defaults for a kind and target: floor 0.2, 20 % loss, at most 500 moves. */
    public static Options of(String kind, double target) {
      return new Options(kind, target, 0.2, 0.2, 500, null);
    }

    /** These options with at most {@code n} moves (validated: not negative). */
    public Options withMaxMoves(int n) {
      return new Options(kind, target, minPolsbyPopper, maxPolsbyPopperLoss, n, town);
    }

    /** These options for the grids of {@code town} only (null or blank: every town). */
    public Options inTown(String town) {
      return new Options(kind, target, minPolsbyPopper, maxPolsbyPopperLoss, maxMoves, town);
    }
  }

  /**
   * One boundary move.
   *
   * @param id 1-based move number
   * @param from donor grid_id
   * @param to receiver grid_id
   * @param enterpriseIds enterprises that change grid (ascending)
   * @param areaM2 area handed over, m² (equal-area)
   * @param fromBefore donor's enterprises before
   * @param fromAfter donor's enterprises after
   * @param toBefore receiver's enterprises before
   * @param toAfter receiver's enterprises after
   * @param ppFromBefore donor's Polsby–Popper before
   * @param ppFromAfter donor's Polsby–Popper after
   * @param ppToBefore receiver's Polsby–Popper before
   * @param ppToAfter receiver's Polsby–Popper after
   * @param cut the cut (WGS84): the part of the donor inside it goes to the receiver
   * @param status {@code suggested}, {@code accepted}, {@code rejected} or {@code not_applicable}
   */
  public record Move(
      int id,
      String from,
      String to,
      List<String> enterpriseIds,
      double areaM2,
      int fromBefore,
      int fromAfter,
      int toBefore,
      int toAfter,
      double ppFromBefore,
      double ppFromAfter,
      double ppToBefore,
      double ppToAfter,
      Geometry cut,
      String status) {
    /** Copies the id list. */
    public Move {
      enterpriseIds = List.copyOf(enterpriseIds);
    }

    Move withStatus(String s) {
      return new Move(
          id,
          from,
          to,
          enterpriseIds,
          areaM2,
          fromBefore,
          fromAfter,
          toBefore,
          toAfter,
          ppFromBefore,
          ppFromAfter,
          ppToBefore,
          ppToAfter,
          cut,
          s);
    }
  }

  /**
   * Balance of the balanced kind against the target.
   *
   * @param balance counts' balance (max/min, CV)
   * @param low smallest count within the target
   * @param high largest count within the target
   * @param outside grids outside [low, high], ascending
   */
  public record KindBalance(
      GridMetrics.Balance balance, double low, double high, List<String> outside) {
    /** True when every grid is within the target. */
    public boolean reached() {
      return outside.isEmpty();
    }
  }

  /**
   * A suggestion or the application of chosen moves.
   *
   * @param options the options
   * @param moves every move in order, with its status
   * @param grids the resulting layout (input order, attributes kept)
   * @param counts grid_id → enterprises after, for the grids of the kind
   * @param before balance before any move
   * @param after balance of the result
   */
  public record Outcome(
      Options options,
      List<Move> moves,
      List<LayoutGrid> grids,
      Map<String, Integer> counts,
      KindBalance before,
      KindBalance after) {}

  /**
   * Proposes moves for {@code grids} (ids unique, polygons) holding {@code enterprises}: the first
   * run of the greedy, over the cut families of {@link Cuts} in order, that reaches the target,
   * else the run leaving the fewest grids outside (then the lower CV).
   */
  public static Outcome suggest(List<LayoutGrid> grids, List<Enterprise> enterprises, Options o) {
    Outcome best = null;
    for (Cuts cuts : Cuts.values()) {
      Outcome r = run(grids, enterprises, o, cuts);
      if (best == null
          || r.after().outside().size() < best.after().outside().size()
          || (r.after().outside().size() == best.after().outside().size()
              && r.after().balance().cv() < best.after().balance().cv() - 1e-12)) {
        best = r;
      }
      if (best.after().reached()) {
        break;
      }
    }
    return best;
  }

  /**
   * The cut families a greedy run may use: a run fails when its early moves leave shapes no later
   * move can cut acceptably, and which family avoids that depends on the layout, so a run that
   * misses the target is repeated with the next family (deterministic, at most once per family).
   */
  enum Cuts {
    /** Voronoi blocks only, the first acceptable starting cell wins. */
    VORONOI(true, false, true),
    /** Voronoi blocks and border strips, the best of all candidates wins. */
    VORONOI_AND_STRIPS(true, true, false);

    final boolean voronoi;
    final boolean strips;
    final boolean first;

    Cuts(boolean voronoi, boolean strips, boolean first) {
      this.voronoi = voronoi;
      this.strips = strips;
      this.first = first;
    }
  }

  static Outcome run(List<LayoutGrid> grids, List<Enterprise> enterprises, Options o, Cuts cuts) {
    State s = new State(grids, enterprises, o, cuts);
    KindBalance before = s.balance();
    List<Move> moves = new ArrayList<>();
    while (moves.size() < o.maxMoves() && !s.balance().reached()) {
      List<Move> m = s.bestMove(moves.size() + 1);
      if (m == null) {
        break;
      }
      moves.addAll(m);
    }
    return new Outcome(o, moves, s.result(), s.counts(), before, s.balance());
  }

  /**
   * Re-applies the {@code accepted} moves of a suggestion in order on the original layout, each one
   * re-validated (single polygons, no new hole, compactness floor); a move whose donor no longer
   * holds its block (an earlier move was rejected) is {@code not_applicable}.
   */
  public static Outcome apply(
      List<LayoutGrid> grids,
      List<Enterprise> enterprises,
      List<Move> proposed,
      Set<Integer> accepted,
      Options o) {
    State s = new State(grids, enterprises, o, Cuts.VORONOI);
    KindBalance before = s.balance();
    List<Move> out = new ArrayList<>();
    for (Move p : proposed) {
      if (!accepted.contains(p.id())) {
        out.add(p.withStatus("rejected"));
        continue;
      }
      Move m = s.tryCut(p.id(), p.from(), p.to(), p.cut(), false);
      if (m == null
          || Math.abs(m.areaM2() - p.areaM2()) > 0.01 * p.areaM2()
          || !s.checksClean(s.pending)) {
        out.add(p.withStatus("not_applicable"));
        continue;
      }
      s.commit(m);
      out.add(m.withStatus("accepted"));
    }
    return new Outcome(o, out, s.result(), s.counts(), before, s.balance());
  }

  /** The mutable layout of one suggestion run. */
  private static final class State {
    private final Options o;
    private final Cuts cuts;
    private final List<LayoutGrid> input;
    private final Map<String, Geometry> geom = new LinkedHashMap<>();
    private final Map<String, String> kind = new HashMap<>();
    private final Map<String, String> town = new HashMap<>();
    private final Map<String, String> gridOf = new HashMap<>();
    private final Map<String, Enterprise> byId = new HashMap<>();

    /** Grid → its enterprises' ids (ascending), kept with {@link #gridOf}. */
    private final Map<String, TreeSet<String>> members = new HashMap<>();

    /** Grids of the kind → enterprises, kept with {@link #gridOf}. */
    private final Map<String, Integer> count = new TreeMap<>();

    /** Enterprise reassignments (id, previous grid) since the start, undone by {@link #restore}. */
    private final List<String[]> journal = new ArrayList<>();

    /** Grid → version, bumped whenever its polygon changes (keys of {@link #failed}). */
    private final Map<String, Long> version = new HashMap<>();

    private long clock;

    /** {@link #grow} calls that found no move, by pair, parameters and the pair's versions. */
    private final Set<String> failed = new HashSet<>();

    /** The enterprises' ids by location. */
    private final STRtree points;

    private final EqualArea proj;
    private final Map<String, Set<String>> adjacent = new TreeMap<>();
    private Candidate pending;

    /**
     * A move computed but not committed: the donor's and receiver's new polygons, the other grids
     * that received its new vertices ({@link Lattice#stitch}) and the enterprises' new grids.
     */
    private record Candidate(
        Move move,
        Geometry donor,
        Geometry receiver,
        Map<String, Geometry> others,
        Map<String, String> to) {}

    State(List<LayoutGrid> grids, List<Enterprise> enterprises, Options o, Cuts cuts) {
      this.o = o;
      this.cuts = cuts;
      this.input = grids;
      List<Enterprise> sorted =
          enterprises.stream().sorted(Comparator.comparing(Enterprise::id)).toList();
      Envelope env = new Envelope();
      for (LayoutGrid g : grids) {
        if (g.gridId() == null || g.geometry() == null || g.geometry().isEmpty()) {
          throw new IllegalArgumentException(
              "网格 "
                  + g.label()
                  + " 缺少编号或几何，请先运行 layout check / grid "
                  + g.label()
                  + " lacks an id or a geometry: run layout check first");
        }
        if (geom.containsKey(g.gridId())) {
          throw new IllegalArgumentException(
              "网格编号重复 / duplicate grid_id " + g.gridId() + ": run layout check first");
        }
        geom.put(g.gridId(), Polygons.fixed(g.geometry()));
        kind.put(g.gridId(), g.kind());
        town.put(g.gridId(), g.town());
        env.expandToInclude(g.geometry().getEnvelopeInternal());
      }
      if (env.isNull()) {
        throw new IllegalArgumentException("布局没有网格 / the layout has no grid");
      }
      geom.putAll(Lattice.roundedLayout(geom)); // what gets written; moves start from it
      proj = EqualArea.centredOn(env);
      for (String id : geom.keySet()) {
        if (balanced(id)) {
          count.put(id, 0);
        }
      }
      GridIndex index = GridIndex.of(geom);
      for (Enterprise e : sorted) {
        byId.put(e.id(), e);
        String g = index.locate(e.lon(), e.lat());
        if (g != null) {
          reassign(e.id(), g);
        }
      }
      journal.clear();
      STRtree points = new STRtree();
      for (Enterprise e : sorted) {
        points.insert(new Envelope(e.lon(), e.lon(), e.lat(), e.lat()), e.id());
      }
      points.build();
      this.points = points;
      for (String id : geom.keySet()) {
        if (balanced(id)) {
          adjacent.put(id, neighbours(id));
        }
      }
    }

    List<LayoutGrid> result() {
      List<LayoutGrid> out = new ArrayList<>();
      for (LayoutGrid g : input) {
        out.add(withGeometry(g, geom.get(g.gridId())));
      }
      return out;
    }

    private static LayoutGrid withGeometry(LayoutGrid g, Geometry geometry) {
      Geometry gm = Geometries.FACTORY.createGeometry(geometry);
      gm.setSRID(4326);
      return new LayoutGrid(
          g.gridId(), g.name(), g.kind(), g.town(), g.community(), gm, g.feature());
    }

    Map<String, Integer> counts() {
      return new TreeMap<>(count);
    }

    /** True for the grids balanced and moved: of the kind (and of the town, when given). */
    private boolean balanced(String id) {
      String t = town.get(id);
      return o.kind().equals(kind.get(id))
          && (o.town() == null || o.town().equals(t == null ? null : t.trim()));
    }

    /** Moves enterprise {@code x} to grid {@code g} in every index, journaled. */
    private void reassign(String x, String g) {
      String old = gridOf.put(x, g);
      journal.add(new String[] {x, old});
      if (old != null) {
        members.get(old).remove(x);
        count.computeIfPresent(old, (k, v) -> v - 1);
      }
      if (g == null) {
        gridOf.remove(x);
      } else {
        members.computeIfAbsent(g, k -> new TreeSet<>()).add(x);
        count.computeIfPresent(g, (k, v) -> v + 1);
      }
    }

    /** The change of each grid's count (kind grids only) if {@code changed} were applied. */
    private Map<String, Integer> deltas(Map<String, String> changed) {
      Map<String, Integer> d = new TreeMap<>();
      changed.forEach(
          (x, g) -> {
            String old = gridOf.get(x);
            if (old != null && count.containsKey(old)) {
              d.merge(old, -1, Integer::sum);
            }
            if (g != null && count.containsKey(g)) {
              d.merge(g, 1, Integer::sum);
            }
          });
      return d;
    }

    /** The sum of squared deviations from the mean if {@code changed} were applied (exact). */
    private double ssdWith(Map<String, String> changed) {
      Map<String, Integer> d = deltas(changed);
      double sum = 0;
      double squares = 0;
      for (Map.Entry<String, Integer> e : count.entrySet()) {
        double n = e.getValue() + d.getOrDefault(e.getKey(), 0);
        sum += n;
        squares += n * n;
      }
      return count.isEmpty() ? 0 : squares - sum * sum / count.size();
    }

    private void bump(String id) {
      version.put(id, ++clock);
    }

    KindBalance balance() {
      Map<String, Integer> c = counts();
      GridMetrics.Balance b = GridMetrics.balance(new ArrayList<>(c.values()));
      if (b == null) {
        throw new IllegalArgumentException(
            o.town() == null
                ? "布局中没有 " + o.kind() + " 类网格 / the layout has no grid of kind " + o.kind()
                : "镇街 "
                    + o.town()
                    + " 没有 "
                    + o.kind()
                    + " 类网格 / town "
                    + o.town()
                    + " has no grid of kind "
                    + o.kind());
      }
      double low = b.mean() * (1 - o.target());
      double high = b.mean() * (1 + o.target());
      List<String> outside = new ArrayList<>();
      c.forEach(
          (id, n) -> {
            if (n < low - 1e-9 || n > high + 1e-9) {
              outside.add(id);
            }
          });
      return new KindBalance(b, low, high, outside);
    }

    private static double ssd(Map<String, Integer> c) {
      double mean = c.values().stream().mapToInt(Integer::intValue).average().orElse(0);
      double s = 0;
      for (int n : c.values()) {
        s += (n - mean) * (n - mean);
      }
      return s;
    }

    /** Grids of the kind sharing more than {@link #ADJACENT_M} of border with {@code id}. */
    private Set<String> neighbours(String id) {
      Set<String> out = new TreeSet<>();
      Geometry a = geom.get(id);
      Envelope e = new Envelope(a.getEnvelopeInternal());
      e.expandBy(1e-6);
      for (Map.Entry<String, Geometry> b : geom.entrySet()) {
        if (!b.getKey().equals(id)
            && balanced(b.getKey())
            && e.intersects(b.getValue().getEnvelopeInternal())
            && border(proj.project(a), proj.project(b.getValue())).getLength() > ADJACENT_M) {
          out.add(b.getKey());
        }
      }
      return out;
    }

    /** The stretch of {@code a}'s boundary that runs along {@code b} (metric). */
    private static Geometry border(Geometry aM, Geometry bM) {
      return OverlayNGRobust.overlay(
          aM.getBoundary(), bM.buffer(BORDER_BUFFER_M, 2), OverlayNG.INTERSECTION);
    }

    /**
     * The first acceptable move over the pairs in priority order, else a chain of moves, committed;
     * null when none.
     */
    List<Move> bestMove(int id) {
      Map<String, Integer> c = counts();
      double mean = c.values().stream().mapToInt(Integer::intValue).average().orElse(0);
      record Pair(String from, String to, double priority) {}
      List<Pair> pairs = new ArrayList<>();
      adjacent.forEach(
          (a, ns) -> {
            for (String b : ns) {
              if (c.get(a) - c.get(b) >= 2) {
                pairs.add(
                    new Pair(a, b, Math.max(Math.abs(c.get(a) - mean), Math.abs(c.get(b) - mean))));
              }
            }
          });
      pairs.sort(
          Comparator.comparingDouble((Pair p) -> -p.priority())
              .thenComparing(p -> -c.get(p.from()))
              .thenComparing(p -> c.get(p.to()))
              .thenComparing(Pair::from)
              .thenComparing(Pair::to));
      double ssd = ssd(c);
      for (Pair p : pairs) {
        int d = c.get(p.from());
        int r = c.get(p.to());
        long want = Math.round(Math.min(d - mean, mean - r));
        int k = (int) Math.max(1, Math.min(want, (d - r) / 2));
        Move m = grow(id, p.from(), p.to(), k, d - r - 1, ssd);
        if (m != null) {
          commit(m);
          return List.of(m);
        }
      }
      return chain(id, c, mean, ssd);
    }

    /**
     * When no single move helps: passes one enterprise along a chain of adjacent grids (up to
     * {@link #MAX_CHAIN} hops, shortest first) from a fuller grid to one with at least 2 fewer, one
     * move per hop, kept only when the whole chain lowers the sum of squared deviations; null when
     * no chain does.
     */
    private List<Move> chain(int id, Map<String, Integer> c, double mean, double ssd) {
      List<String> ends = new ArrayList<>(c.keySet());
      ends.sort(
          Comparator.comparingDouble((String g) -> -Math.abs(c.get(g) - mean))
              .thenComparing(g -> g));
      KindBalance b = balance();
      Set<String> failedFirst = new java.util.HashSet<>();
      for (String end : ends) {
        if (!b.outside().contains(end)) {
          continue;
        }
        boolean over = c.get(end) > mean;
        // simple paths from the end over adjacent grids, shortest first
        List<List<String>> paths = new ArrayList<>();
        paths(end, new ArrayList<>(List.of(end)), over, c, paths);
        paths.sort(
            Comparator.comparingInt((List<String> x) -> x.size()).thenComparing(String::valueOf));
        if (paths.size() > MAX_PATHS) {
          paths = paths.subList(0, MAX_PATHS);
        }
        for (List<String> path : paths) {
          // path runs from end to the far grid; donors first
          List<String> hops = new ArrayList<>(path);
          if (!over) {
            java.util.Collections.reverse(hops);
          }
          if (failedFirst.contains(hops.get(0) + ">" + hops.get(1))) {
            continue;
          }
          Snapshot snap = snapshot();
          List<Move> done = new ArrayList<>();
          for (int h = 0; h + 1 < hops.size(); h++) {
            Move m = grow(id + h, hops.get(h), hops.get(h + 1), 1, 1, Double.POSITIVE_INFINITY);
            if (m == null) {
              if (h == 0) {
                failedFirst.add(hops.get(0) + ">" + hops.get(1));
              }
              break;
            }
            commit(m);
            done.add(m);
          }
          if (done.size() == hops.size() - 1 && ssd(counts()) < ssd - 1e-9) {
            return done;
          }
          restore(snap);
        }
      }
      return null;
    }

    /**
     * Collects simple paths of 2..MAX_CHAIN hops from {@code path}'s start ending at a grid with at
     * least 2 more ({@code over}: 2 fewer) enterprises than the start.
     */
    private void paths(
        String end,
        List<String> path,
        boolean over,
        Map<String, Integer> c,
        List<List<String>> out) {
      String last = path.get(path.size() - 1);
      int diff = over ? c.get(end) - c.get(last) : c.get(last) - c.get(end);
      if (path.size() > 2 && diff >= 2) {
        out.add(new ArrayList<>(path));
      }
      if (path.size() > MAX_CHAIN) {
        return;
      }
      for (String nb : adjacent.getOrDefault(last, Set.of())) {
        if (!path.contains(nb)) {
          path.add(nb);
          paths(end, path, over, c, out);
          path.remove(path.size() - 1);
        }
      }
    }

    private record Snapshot(
        Map<String, Geometry> geom, int journal, Map<String, Set<String>> adj) {}

    private Snapshot snapshot() {
      Map<String, Set<String>> adj = new TreeMap<>();
      adjacent.forEach((k, v) -> adj.put(k, new TreeSet<>(v)));
      return new Snapshot(new LinkedHashMap<>(geom), journal.size(), adj);
    }

    private void restore(Snapshot s) {
      for (Map.Entry<String, Geometry> g : s.geom().entrySet()) {
        if (geom.get(g.getKey()) != g.getValue()) {
          bump(g.getKey()); // failures recorded on the undone shapes must not match the old ones
        }
      }
      geom.clear();
      geom.putAll(s.geom());
      while (journal.size() > s.journal()) {
        String[] last = journal.remove(journal.size() - 1);
        reassign(last[0], last[1]);
        journal.remove(journal.size() - 1);
      }
      adjacent.clear();
      adjacent.putAll(s.adj());
    }

    /**
     * The best acceptable move of at most {@code most} (at least one, aiming at {@code k})
     * enterprises from {@code from} to {@code to} that lowers the sum of squared deviations below
     * {@code ssdBefore}: lowest resulting sum first, then the higher compactness of the worse of
     * the two grids. Candidates are Voronoi blocks grown from the shared border (the largest
     * acceptable one per starting cell) and strips of the donor along the border ({@link
     * BorderCuts}); null when none is acceptable. The chosen move is left in {@link #pending}.
     */
    private Move grow(int id, String from, String to, int k, int most, double ssdBefore) {
      String key =
          from
              + ">"
              + to
              + " "
              + k
              + " "
              + most
              + " "
              + Double.isInfinite(ssdBefore)
              + " "
              + version.get(from)
              + " "
              + version.get(to);
      if (failed.contains(key)) {
        return null;
      }
      Move m = growUncached(id, from, to, k, most, ssdBefore);
      if (m == null) {
        failed.add(key);
      }
      return m;
    }

    /** {@link #grow} without the memory of pairs that found no move. */
    private Move growUncached(int id, String from, String to, int k, int most, double ssdBefore) {
      // one site per distinct location, with the enterprises there
      Map<Coordinate, List<String>> sites = new LinkedHashMap<>();
      for (String eid : members.getOrDefault(from, new TreeSet<>())) {
        Enterprise e = byId.get(eid);
        double[] xy = proj.forward(e.lon(), e.lat());
        sites.computeIfAbsent(new Coordinate(xy[0], xy[1]), x -> new ArrayList<>()).add(e.id());
      }
      if (sites.size() < 2) {
        return null;
      }
      Geometry donorM = proj.project(geom.get(from));
      Geometry line = border(donorM, proj.project(geom.get(to)));
      if (line.getLength() <= ADJACENT_M) {
        return null;
      }
      Best best = new Best(ssdBefore);
      if (cuts.voronoi) {
        for (List<Geometry> growth : BorderCuts.voronoi(sites, donorM, line, k, most, MAX_SEEDS)) {
          // the largest acceptable prefix of each growth, its union built only when tried
          for (int len = growth.size(); len >= 1; len--) {
            if (consider(best, id, from, to, BorderCuts.block(growth, len))) {
              break;
            }
          }
          if (cuts.first && best.candidate != null) {
            break;
          }
        }
      }
      if (cuts.strips) {
        for (Geometry strip : BorderCuts.strips(sites, line, most)) {
          consider(best, id, from, to, strip);
        }
      }
      pending = best.candidate;
      return best.candidate == null ? null : best.candidate.move();
    }

    /** The best candidate so far of one {@link #grow}. */
    private static final class Best {
      private final double ssdBefore;
      private Candidate candidate;
      private double ssd;
      private double pp;

      Best(double ssdBefore) {
        this.ssdBefore = ssdBefore;
      }
    }

    /**
     * Tries the metric cut (only its parts of the donor that touch the receiver) and keeps it in
     * {@code best} when it beats it; true when the cut was acceptable at all.
     */
    private boolean consider(Best best, int id, String from, String to, Geometry cutM) {
      Geometry cut = attached(from, to, proj.unproject(cutM));
      if (cut == null) {
        return false;
      }
      Move m = tryCut(id, from, to, cut, true);
      if (m == null || m.enterpriseIds().isEmpty()) {
        return false;
      }
      Candidate c = pending;
      double ssd = ssdWith(c.to());
      if (!(ssd < best.ssdBefore - 1e-9)) {
        return false;
      }
      double pp = Math.min(m.ppFromAfter(), m.ppToAfter());
      boolean better =
          best.candidate == null
              || ssd < best.ssd - 1e-9
              || (ssd < best.ssd + 1e-9 && pp > best.pp);
      // the local check is the dearest step: run only for a candidate that would be kept
      if (better && !checksClean(c)) {
        return false;
      }
      if (better) {
        best.candidate = c;
        best.ssd = ssd;
        best.pp = pp;
      }
      return true;
    }

    /**
     * The parts of {@code from} inside {@code cut} that share a border with {@code to} (WGS84): the
     * cut itself when every part does, their union when only some do (a part cut off from the
     * receiver would split it), null when none does or the overlay fails.
     */
    private Geometry attached(String from, String to, Geometry cut) {
      try {
        List<Polygon> parts =
            Polygons.parts(clean(overlay(geom.get(from), cut, OverlayNG.INTERSECTION)));
        Geometry toM = proj.project(geom.get(to));
        List<Geometry> keep = new ArrayList<>();
        for (Polygon p : parts) {
          if (border(proj.project(p), toM).getLength() > ADJACENT_M) {
            keep.add(p);
          }
        }
        if (keep.isEmpty()) {
          return null;
        }
        return keep.size() == parts.size() ? cut : Geometries.FACTORY.buildGeometry(keep);
      } catch (TopologyException e) {
        return null;
      }
    }

    /**
     * Cuts {@code cut} out of {@code from} and adds that part to {@code to}; returns the move (kept
     * as {@link #pending} for {@link #commit}) or null when a result is not a single polygon, gains
     * a hole or loses too much compactness.
     */
    Move tryCut(int id, String from, String to, Geometry cut, boolean suggested) {
      try {
        return cutOrNull(id, from, to, cut, suggested);
      } catch (TopologyException e) {
        return null;
      }
    }

    private Move cutOrNull(int id, String from, String to, Geometry cut, boolean suggested) {
      Geometry d = geom.get(from);
      Geometry r = geom.get(to);
      if (d == null || r == null) {
        return null;
      }
      Geometry c = Lattice.snappedTo(cut, d, r);
      Geometry block = clean(overlay(d, c, OverlayNG.INTERSECTION));
      if (block.isEmpty()) {
        return null;
      }
      Geometry d2 = clean(overlay(d, c, OverlayNG.DIFFERENCE));
      Geometry r2 = clean(overlay(r, block, OverlayNG.UNION));
      if (!(d2 instanceof Polygon dp)
          || !(r2 instanceof Polygon rp)
          || !d2.isValid()
          || !r2.isValid()
          || dp.getNumInteriorRing() > holes(d)
          || rp.getNumInteriorRing() > holes(r)) {
        return null;
      }
      // the pair must still cover what it covered: areas in degrees² (additive under overlays;
      // projected areas are not, as straight edges in lon/lat bend slightly once split),
      // tolerance: the noise area in degrees². Overlaps and gaps are left to checksClean.
      double tol = DRIFT_M2 * d.getArea() / Polygons.area(d, proj);
      double aBlock = block.getArea();
      if (Math.abs(d2.getArea() + aBlock - d.getArea()) > tol
          || Math.abs(r2.getArea() - aBlock - r.getArea()) > tol) {
        return null;
      }
      // the lattice form (what gets written): each new vertex rounded alike in every grid
      Map<String, Geometry> edited = new LinkedHashMap<>();
      edited.put(from, d2);
      edited.put(to, r2);
      Map<String, Geometry> exact = Lattice.stitch(geom, edited.keySet(), edited);
      if (exact == null) {
        return null;
      }
      d2 = exact.remove(from);
      r2 = exact.remove(to);
      if (!(d2 instanceof Polygon dq)
          || !(r2 instanceof Polygon rq)
          || !d2.isValid()
          || !r2.isValid()
          || dq.getNumInteriorRing() > holes(d)
          || rq.getNumInteriorRing() > holes(r)
          || !exact.values().stream().allMatch(Geometry::isValid)) {
        return null;
      }
      double ppD = GridMetrics.polsbyPopper(proj.project(d));
      double ppR = GridMetrics.polsbyPopper(proj.project(r));
      double ppD2 = GridMetrics.polsbyPopper(proj.project(d2));
      double ppR2 = GridMetrics.polsbyPopper(proj.project(r2));
      if (ppD2 < floor(ppD) || ppR2 < floor(ppR)) {
        return null;
      }
      // enterprises whose grid may change lie in the block's envelope
      // enterprises whose grid may change: in the changed grids, inside the block's envelope;
      // located among the grids around it only (the same answer as a whole-layout index there)
      Envelope e = new Envelope(block.getEnvelopeInternal());
      e.expandBy(1e-7);
      for (Geometry g : exact.values()) {
        e.expandToInclude(g.getEnvelopeInternal());
      }
      Map<String, Geometry> near = new HashMap<>();
      geom.forEach(
          (g, p) -> {
            if (e.intersects(p.getEnvelopeInternal())) {
              near.put(g, p);
            }
          });
      near.putAll(exact);
      near.put(from, d2);
      near.put(to, r2);
      GridIndex index = GridIndex.of(near);
      // every enterprise there, of any grid or none (a tie on a shared edge can change hands)
      Map<String, String> changed = new TreeMap<>();
      for (Object item : points.query(e)) {
        String x = (String) item;
        Enterprise en = byId.get(x);
        String g = index.locate(en.lon(), en.lat());
        if (g != null && !g.equals(gridOf.get(x))) {
          changed.put(x, g);
        }
      }
      Map<String, Integer> delta = deltas(changed);
      List<String> moved = new ArrayList<>();
      changed.forEach(
          (x, g) -> {
            if (g.equals(to) && from.equals(gridOf.get(x))) {
              moved.add(x);
            }
          });
      Move m =
          new Move(
              id,
              from,
              to,
              moved,
              Polygons.area(block, proj),
              count.getOrDefault(from, 0),
              count.getOrDefault(from, 0) + delta.getOrDefault(from, 0),
              count.getOrDefault(to, 0),
              count.getOrDefault(to, 0) + delta.getOrDefault(to, 0),
              ppD,
              ppD2,
              ppR,
              ppR2,
              cut,
              suggested ? "suggested" : "accepted");
      pending = new Candidate(m, d2, r2, exact, changed);
      return m;
    }

    void commit(Move m) {
      if (pending == null || pending.move() != m) {
        throw new IllegalStateException("commit of a move that was not the last one tried");
      }
      geom.put(m.from(), pending.donor());
      geom.put(m.to(), pending.receiver());
      geom.putAll(pending.others());
      pending
          .to()
          .forEach(
              (x, g) -> {
                String old = gridOf.get(x);
                if (old != null) {
                  bump(old); // its count changed: failures remembered for it no longer hold
                }
                bump(g);
                reassign(x, g);
              });
      bump(m.from());
      bump(m.to());
      pending.others().keySet().forEach(this::bump);
      for (String g : List.of(m.from(), m.to())) {
        if (adjacent.containsKey(g)) {
          adjacent.put(g, neighbours(g));
        }
      }
      for (Map.Entry<String, Set<String>> a : adjacent.entrySet()) {
        for (String g : List.of(m.from(), m.to())) {
          if (!a.getKey().equals(g) && adjacent.containsKey(g)) {
            if (adjacent.get(g).contains(a.getKey())) {
              a.getValue().add(g);
            } else {
              a.getValue().remove(g);
            }
          }
        }
      }
      pending = null;
    }

    /**
     * True when the candidate, in the lattice form that gets written, adds none of the problems
     * {@link LayoutCheck} reports ({@link Lattice#leavesClean}) and the donor and receiver stay
     * above {@code rules.layout.sliver_m2}.
     */
    boolean checksClean(Candidate c) {
      Map<String, Geometry> changed = new LinkedHashMap<>(c.others());
      changed.put(c.move().from(), c.donor());
      changed.put(c.move().to(), c.receiver());
      if (Polygons.area(c.donor(), proj) < RULES.sliverM2()
          || Polygons.area(c.receiver(), proj) < RULES.sliverM2()) {
        return false;
      }
      return Lattice.leavesClean(geom, changed.keySet(), changed, proj, RULES.zoneToleranceM());
    }

    private double floor(double before) {
      return Math.min(o.minPolsbyPopper(), (1 - o.maxPolsbyPopperLoss()) * before);
    }

    private static int holes(Geometry g) {
      int h = 0;
      for (Polygon p : Polygons.parts(g)) {
        h += p.getNumInteriorRing();
      }
      return h;
    }

    /** The polygonal result without parts or holes of at most {@link #CLEAN_M2}. */
    private Geometry clean(Geometry g) {
      List<Polygon> keep = new ArrayList<>();
      for (Polygon p : Polygons.parts(g)) {
        if (Polygons.area(p, proj) <= CLEAN_M2) {
          continue;
        }
        List<org.locationtech.jts.geom.LinearRing> holes = new ArrayList<>();
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
          org.locationtech.jts.geom.LinearRing h = p.getInteriorRingN(i);
          if (Polygons.area(p.getFactory().createPolygon(h), proj) > CLEAN_M2) {
            holes.add(h);
          }
        }
        keep.add(
            p.getFactory()
                .createPolygon(
                    p.getExteriorRing(),
                    holes.toArray(new org.locationtech.jts.geom.LinearRing[0])));
      }
      if (keep.size() == 1) {
        return keep.get(0);
      }
      return Geometries.FACTORY.buildGeometry(keep);
    }

    /**
     * OverlayNG with floating noding only: a robust fallback would snap vertices, which can move
     * the outer edges of a grid by centimetres and open slivers against the untouched neighbours; a
     * failing overlay throws {@link TopologyException} and the candidate is dropped instead.
     */
    private static Geometry overlay(Geometry a, Geometry b, int op) {
      return Polygons.polygonal(OverlayNG.overlay(a, b, op));
    }
  }
}
