package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.index.GridIndex;
import io.gridwatch.core.layout.DiffReport.AffectedWorker;
import io.gridwatch.core.layout.DiffReport.GridChange;
import io.gridwatch.core.layout.DiffReport.KindBalance;
import io.gridwatch.core.layout.DiffReport.Move;
import io.gridwatch.core.layout.DiffReport.QuarterFigures;
import io.gridwatch.core.layout.DiffReport.Side;
import io.gridwatch.core.time.Periods;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * {@code gridwatch layout diff}, pure: the impact of a draft layout against the active one.
 * Enterprises are placed in grids by {@link GridIndex} (boundaries inside, smallest grid_id on
 * shared edges), areas and Polsby–Popper compactness are computed in a Lambert azimuthal equal-area
 * projection centred on both layouts ({@link EqualArea}), tours by {@link Tours}. Invalid draft
 * polygons are repaired (GeometryFixer) first; of features sharing a grid_id the first is used.
 */
public final class LayoutDiff {
  private LayoutDiff() {}

  /**
   * An enterprise in force on the diff's day, at its registered location (WGS84).
   *
   * @param id enterprise_id
   * @param name name
   * @param lon longitude
   * @param lat latitude
   */
  public record Enterprise(String id, String name, double lon, double lat) {}

  /**
   * One {@code grid_month} row (only the columns the diff needs).
   *
   * @param gridId grid_id
   * @param month YYYY-MM
   * @param patrols patrol records in the grid
   * @param visited enterprises visited
   * @param enterprises enterprises counted
   */
  public record GridMonth(
      String gridId, String month, long patrols, long visited, long enterprises) {}

  /**
   * The quarter of the latest month in {@code rows} and its per-grid sums (coverage is the ratio of
   * the sums, data-contract.md §3); empty map and null quarter when there are no rows.
   */
  public static Map.Entry<String, Map<String, QuarterFigures>> lastQuarter(List<GridMonth> rows) {
    YearMonth latest = null;
    for (GridMonth r : rows) {
      YearMonth m = Periods.parseMonth(r.month());
      if (latest == null || m.isAfter(latest)) {
        latest = m;
      }
    }
    if (latest == null) {
      return new java.util.AbstractMap.SimpleImmutableEntry<>(null, Map.of());
    }
    String quarter = Periods.quarterOf(latest);
    Set<YearMonth> months = new TreeSet<>(Periods.monthsOfQuarter(quarter));
    Map<String, long[]> sums = new TreeMap<>();
    for (GridMonth r : rows) {
      if (r.gridId() != null && months.contains(Periods.parseMonth(r.month()))) {
        long[] s = sums.computeIfAbsent(r.gridId(), k -> new long[3]);
        s[0] += r.patrols();
        s[1] += r.visited();
        s[2] += r.enterprises();
      }
    }
    Map<String, QuarterFigures> out = new TreeMap<>();
    sums.forEach((id, s) -> out.put(id, new QuarterFigures(s[0], s[1], s[2])));
    return new java.util.AbstractMap.SimpleImmutableEntry<>(quarter, out);
  }

  /**
   * Compares {@code draft} with the active layout {@code active} (version {@code activeVersion}) on
   * {@code day}: {@code holders} maps grid ids to the workers holding them that day; {@code
   * quarterFigures} (may be empty) holds the last quarter's figures of {@code quarter} per grid id.
   */
  public static DiffReport compute(
      List<LayoutGrid> active,
      int activeVersion,
      List<LayoutGrid> draft,
      List<Enterprise> enterprises,
      Map<String, List<String>> holders,
      String quarter,
      Map<String, QuarterFigures> quarterFigures,
      LocalDate day) {
    Map<String, LayoutGrid> before = byId(active);
    Map<String, LayoutGrid> after = byId(draft);
    Envelope env = new Envelope();
    before.values().forEach(g -> env.expandToInclude(g.geometry().getEnvelopeInternal()));
    after.values().forEach(g -> env.expandToInclude(g.geometry().getEnvelopeInternal()));
    if (env.isNull()) {
      throw new IllegalArgumentException("两个布局都没有网格 / neither layout has a grid");
    }
    EqualArea proj = EqualArea.centredOn(env);

    Map<String, String> gridBefore = locate(before, enterprises);
    Map<String, String> gridAfter = locate(after, enterprises);
    Map<String, List<Enterprise>> membersBefore = members(gridBefore, enterprises);
    Map<String, List<Enterprise>> membersAfter = members(gridAfter, enterprises);

    List<Move> moves = new ArrayList<>();
    for (Enterprise e : sorted(enterprises)) {
      String from = gridBefore.get(e.id());
      String to = gridAfter.get(e.id());
      if (!Objects.equals(from, to)) {
        moves.add(new Move(e.id(), e.name(), from, to));
      }
    }

    TreeSet<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    List<GridChange> grids = new ArrayList<>();
    List<AffectedWorker> affected = new ArrayList<>();
    Map<String, List<Integer>> countsBefore = new TreeMap<>();
    Map<String, List<Integer>> countsAfter = new TreeMap<>();
    for (String id : ids) {
      LayoutGrid b = before.get(id);
      LayoutGrid a = after.get(id);
      Geometry bg = b == null ? null : b.geometry();
      Geometry ag = a == null ? null : a.geometry();
      List<Enterprise> eb = membersBefore.getOrDefault(id, List.of());
      List<Enterprise> ea = membersAfter.getOrDefault(id, List.of());
      Set<String> setB = new TreeSet<>(eb.stream().map(Enterprise::id).toList());
      Set<String> setA = new TreeSet<>(ea.stream().map(Enterprise::id).toList());
      boolean sameShape =
          bg != null
              && ag != null
              && Polygons.area(Polygons.difference(bg, ag), proj) <= LayoutCheck.NOISE_M2
              && Polygons.area(Polygons.difference(ag, bg), proj) <= LayoutCheck.NOISE_M2;
      String status =
          b == null
              ? "added"
              : a == null ? "removed" : sameShape && setB.equals(setA) ? "unchanged" : "changed";
      String kind = a != null && a.kind() != null ? a.kind() : b != null ? b.kind() : null;
      if (b != null) {
        countsBefore
            .computeIfAbsent(String.valueOf(b.kind()), k -> new ArrayList<>())
            .add(eb.size());
      }
      if (a != null) {
        countsAfter
            .computeIfAbsent(String.valueOf(a.kind()), k -> new ArrayList<>())
            .add(ea.size());
      }
      List<String> held = holders.getOrDefault(id, List.of());
      grids.add(
          new GridChange(
              id,
              kind,
              status,
              b == null ? null : side(proj.project(bg), eb),
              a == null ? null : side(proj.project(ag), ea),
              quarterFigures.get(id),
              held));
      if (b != null && (a == null || !setB.equals(setA))) {
        int gained = (int) setA.stream().filter(x -> !setB.contains(x)).count();
        int lost = (int) setB.stream().filter(x -> !setA.contains(x)).count();
        for (String w : held) {
          affected.add(new AffectedWorker(w, id, gained, lost, a == null));
        }
      }
    }
    affected.sort(
        java.util.Comparator.comparing(AffectedWorker::workerId)
            .thenComparing(AffectedWorker::gridId));

    TreeSet<String> kinds = new TreeSet<>(countsBefore.keySet());
    kinds.addAll(countsAfter.keySet());
    List<KindBalance> balance = new ArrayList<>();
    for (String k : kinds) {
      balance.add(
          new KindBalance(
              k,
              GridMetrics.balance(countsBefore.getOrDefault(k, List.of())),
              GridMetrics.balance(countsAfter.getOrDefault(k, List.of()))));
    }
    return new DiffReport(
        activeVersion, day, enterprises.size(), moves, grids, balance, affected, quarter);
  }

  private static Side side(Geometry metric, List<Enterprise> members) {
    double[] lon = new double[members.size()];
    double[] lat = new double[members.size()];
    for (int i = 0; i < members.size(); i++) {
      lon[i] = members.get(i).lon();
      lat[i] = members.get(i).lat();
    }
    return new Side(
        members.size(),
        metric.getArea() / 1e6,
        Tours.closedTourMeters(lon, lat) / 1000,
        GridMetrics.polsbyPopper(metric));
  }

  /** First feature per grid_id, repaired; features without id or polygon are left out. */
  private static Map<String, LayoutGrid> byId(List<LayoutGrid> grids) {
    Map<String, LayoutGrid> out = new LinkedHashMap<>();
    for (LayoutGrid g : grids) {
      if (g.gridId() == null || g.geometry() == null || out.containsKey(g.gridId())) {
        continue;
      }
      Geometry fixed = Polygons.fixed(g.geometry());
      if (!fixed.isEmpty()) {
        out.put(
            g.gridId(),
            new LayoutGrid(
                g.gridId(), g.name(), g.kind(), g.town(), g.community(), fixed, g.feature()));
      }
    }
    return out;
  }

  private static Map<String, String> locate(
      Map<String, LayoutGrid> grids, List<Enterprise> enterprises) {
    Map<String, Geometry> geoms = new HashMap<>();
    grids.forEach((id, g) -> geoms.put(id, g.geometry()));
    GridIndex index = GridIndex.of(geoms);
    Map<String, String> out = new HashMap<>();
    for (Enterprise e : enterprises) {
      String g = index.locate(e.lon(), e.lat());
      if (g != null) {
        out.put(e.id(), g);
      }
    }
    return out;
  }

  private static Map<String, List<Enterprise>> members(
      Map<String, String> gridOf, List<Enterprise> enterprises) {
    Map<String, List<Enterprise>> out = new HashMap<>();
    for (Enterprise e : sorted(enterprises)) {
      String g = gridOf.get(e.id());
      if (g != null) {
        out.computeIfAbsent(g, k -> new ArrayList<>()).add(e);
      }
    }
    return out;
  }

  private static List<Enterprise> sorted(List<Enterprise> enterprises) {
    List<Enterprise> s = new ArrayList<>(enterprises);
    s.sort(java.util.Comparator.comparing(Enterprise::id));
    return s;
  }
}
