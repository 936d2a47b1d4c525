package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.index.GridIndex;
import io.gridwatch.core.layout.LayoutDiff.Enterprise;
import io.gridwatch.core.rules.Rules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Edits of a draft layout in the planners' workbench (issue 6 item 2), pure JTS: {@link #split} a
 * grid along a line, {@link #merge} two adjacent grids, {@link #reassign} the block around chosen
 * enterprises to an adjacent grid. Every edit keeps the union of the layout unchanged; vertices it
 * creates on a border with an untouched grid are inserted into that grid too, and new vertices are
 * rounded to 7 decimals (the GeoJSON precision of the service) in every grid that has them, so the
 * edited draft tiles the zone without slivers. Unusable requests throw {@link
 * IllegalArgumentException} with a bilingual message (Chinese / English).
 *
 * <p>The reassign block follows the idea of {@link LayoutSuggest}: the donor's enterprises get
 * Voronoi cells in the equal-area projection centred on the donor, and the cells of the chosen
 * enterprises (with any enterprise at the same spot) are the block handed over.
 */
public final class LayoutEdits {
  private LayoutEdits() {}

  /** Two grids are adjacent when they share more than this length of border (metres). */
  static final double ADJACENT_M = 1.0;

  /** Buffer (metres) used to find the stretch of border two grids share. */
  private static final double BORDER_BUFFER_M = 0.05;

  /** Overlay residue (m²) dropped from results: parts and holes this small are float noise. */
  private static final double CLEAN_M2 = 1e-4;

  /**
   * The layout after an edit.
   *
   * @param grids every grid in order (an added grid follows the one it came from; {@code feature}
   *     renumbered from 0)
   * @param changed ids of the grids added, altered or removed, in that order of appearance
   * @param moved enterprises handed to another grid (reassign only; ascending)
   */
  public record Result(List<LayoutGrid> grids, List<String> changed, List<String> moved) {
    /** Copies the lists. */
    public Result {
      grids = List.copyOf(grids);
      changed = List.copyOf(changed);
      moved = List.copyOf(moved);
    }
  }

  /**
   * Splits grid {@code gridId} along {@code line} (WGS84), which must cross it from border to
   * border into exactly two pieces: the larger keeps the id and attributes, the smaller becomes
   * {@code <id>-2} (or the next free {@code -n}) with the same kind, town and community.
   */
  public static Result split(List<LayoutGrid> grids, String gridId, Geometry line) {
    int at = position(grids, gridId);
    LayoutGrid g = grids.get(at);
    Polygon p = polygon(g);
    if (!(line instanceof LineString) || line.getNumPoints() < 2 || line.getLength() == 0) {
      throw new IllegalArgumentException("分割线须为折线 / the split line must be a LineString");
    }
    Geometry noded = OverlayNGRobust.overlay(p.getBoundary(), line, OverlayNG.UNION);
    Polygonizer pz = new Polygonizer();
    pz.add(noded);
    List<Polygon> pieces = new ArrayList<>();
    for (Object o : pz.getPolygons()) {
      Polygon q = (Polygon) o;
      if (!q.isEmpty() && p.contains(q.getInteriorPoint())) {
        pieces.add(q);
      }
    }
    if (pieces.size() != 2) {
      throw new IllegalArgumentException(
          (pieces.size() < 2
                  ? "分割线须从网格 " + gridId + " 边界的一侧穿到另一侧 / the line must cross grid "
                  : "分割线须只穿过网格 " + gridId + " 一次（得到两块） / the line must cross grid ")
              + gridId
              + (pieces.size() < 2
                  ? " from one side of its border to the other"
                  : " once (two pieces)"));
    }
    EqualArea proj = EqualArea.centredOn(p.getEnvelopeInternal());
    pieces.sort(Comparator.comparingDouble((Polygon q) -> -Polygons.area(q, proj)));
    String newId = freshId(grids, gridId);
    List<LayoutGrid> out = new ArrayList<>(grids);
    out.set(at, with(g, g.gridId(), g.name(), pieces.get(0)));
    String name = g.name() == null ? null : g.name() + newId.substring(gridId.length());
    out.add(at + 1, with(g, newId, name, pieces.get(1)));
    return finish(grids, out, List.of(gridId, newId), List.of());
  }

  /**
   * Merges grid {@code otherId} into grid {@code keepId}: the two must share a border; the result
   * is their union (one polygon) with the id and attributes of {@code keepId}.
   */
  public static Result merge(List<LayoutGrid> grids, String keepId, String otherId) {
    if (keepId != null && keepId.equals(otherId)) {
      throw new IllegalArgumentException("合并须选择两个不同的网格 / merge needs two different grids");
    }
    int a = position(grids, keepId);
    int b = position(grids, otherId);
    Polygon pa = polygon(grids.get(a));
    Polygon pb = polygon(grids.get(b));
    Envelope env = new Envelope(pa.getEnvelopeInternal());
    env.expandToInclude(pb.getEnvelopeInternal());
    EqualArea proj = EqualArea.centredOn(env);
    if (sharedBorderM(pa, pb, proj) <= ADJACENT_M) {
      throw new IllegalArgumentException(
          "网格 "
              + keepId
              + " 与 "
              + otherId
              + " 不相邻，不能合并 / grids "
              + keepId
              + " and "
              + otherId
              + " share no border and cannot be merged");
    }
    Geometry u = clean(Polygons.union(List.of(pa, pb)), proj);
    if (!(u instanceof Polygon merged)) {
      throw new IllegalArgumentException(
          "合并结果不是单个多边形 / the merged grid would not be a single polygon");
    }
    List<LayoutGrid> out = new ArrayList<>(grids);
    out.set(a, with(grids.get(a), keepId, grids.get(a).name(), merged));
    out.remove(b);
    return finish(grids, out, List.of(keepId, otherId), List.of());
  }

  /**
   * Hands the enterprises {@code enterpriseIds} (all in one grid, the donor) to the adjacent grid
   * {@code toId}: the donor's enterprises get Voronoi cells, and the part of the donor inside the
   * chosen ones' cells moves to {@code toId}. Both grids must stay single polygons and the block
   * must touch {@code toId}. {@code enterprises} are the enterprises in force (located in the draft
   * by {@link GridIndex}: smallest grid_id on shared edges).
   */
  public static Result reassign(
      List<LayoutGrid> grids,
      List<Enterprise> enterprises,
      Collection<String> enterpriseIds,
      String toId) {
    if (enterpriseIds == null || enterpriseIds.isEmpty()) {
      throw new IllegalArgumentException("请选择企业 / choose at least one enterprise");
    }
    int r = position(grids, toId);
    Map<String, Geometry> byId = new LinkedHashMap<>();
    for (LayoutGrid g : grids) {
      if (g.gridId() != null && g.geometry() != null && !g.geometry().isEmpty()) {
        if (byId.put(g.gridId(), g.geometry()) != null) {
          throw new IllegalArgumentException(
              "网格编号 " + g.gridId() + " 重复 / grid id " + g.gridId() + " is not unique");
        }
      }
    }
    GridIndex index = GridIndex.of(byId);
    Map<String, Enterprise> known = new HashMap<>();
    for (Enterprise e : enterprises) {
      known.put(e.id(), e);
    }
    Set<String> donors = new TreeSet<>();
    for (String id : enterpriseIds) {
      Enterprise e = known.get(id);
      if (e == null) {
        throw new IllegalArgumentException("没有企业 " + id + " / no enterprise " + id);
      }
      String in = index.locate(e.lon(), e.lat());
      if (in == null) {
        throw new IllegalArgumentException(
            "企业 " + id + " 不在任何网格内 / enterprise " + id + " lies in no grid");
      }
      donors.add(in);
    }
    if (donors.size() != 1) {
      throw new IllegalArgumentException(
          "所选企业须在同一网格内（现在在 "
              + String.join("、", donors)
              + "） / the chosen enterprises must lie in one grid (they lie in "
              + String.join(", ", donors)
              + ")");
    }
    String from = donors.iterator().next();
    if (from.equals(toId)) {
      throw new IllegalArgumentException(
          "所选企业已在网格 " + toId + " 内 / the chosen enterprises already lie in grid " + toId);
    }
    int d = position(grids, from);
    Polygon donor = polygon(grids.get(d));
    Polygon receiver = polygon(grids.get(r));
    EqualArea proj = EqualArea.centredOn(donor.getEnvelopeInternal());
    // one Voronoi site per distinct location of the donor's enterprises
    Map<Coordinate, List<String>> sites = new LinkedHashMap<>();
    for (Enterprise e : enterprises) {
      if (from.equals(index.locate(e.lon(), e.lat()))) {
        double[] xy = proj.forward(e.lon(), e.lat());
        sites.computeIfAbsent(new Coordinate(xy[0], xy[1]), x -> new ArrayList<>()).add(e.id());
      }
    }
    Set<Coordinate> chosen = new HashSet<>();
    sites.forEach(
        (c, ids) -> {
          if (ids.stream().anyMatch(enterpriseIds::contains)) {
            chosen.add(c);
          }
        });
    if (chosen.size() == sites.size()) {
      throw new IllegalArgumentException(
          "所选企业是网格 "
              + from
              + " 的全部企业，请改用合并 / these are all the enterprises of grid "
              + from
              + ": merge the grids instead");
    }
    Geometry donorM = proj.project(donor);
    Envelope clip = new Envelope(donorM.getEnvelopeInternal());
    clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()));
    VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
    vb.setSites(sites.keySet());
    vb.setClipEnvelope(clip);
    Geometry diagram = vb.getDiagram(EqualArea.METRIC);
    List<Geometry> cells = new ArrayList<>();
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Geometry cell = diagram.getGeometryN(i);
      if (chosen.contains((Coordinate) cell.getUserData())) {
        cells.add(proj.unproject(cell));
      }
    }
    // snapped to the pair so a cell edge that nearly follows the border follows it exactly
    Geometry cut = Lattice.snappedTo(OverlayNGRobust.union(cells), donor, receiver);
    Geometry block = clean(Polygons.intersection(donor, cut), proj);
    if (block.isEmpty() || sharedBorderM(block, receiver, proj) <= ADJACENT_M) {
      throw new IllegalArgumentException(
          "所选企业周围的区块未与网格 "
              + toId
              + " 相邻（请选择靠近边界的企业） / the block around the chosen enterprises does not"
              + " reach grid "
              + toId
              + " (choose enterprises nearer the border)");
    }
    Geometry d2 = clean(Polygons.difference(donor, cut), proj);
    Geometry r2 = clean(Polygons.union(List.of(receiver, block)), proj);
    if (!(d2 instanceof Polygon dp)) {
      throw new IllegalArgumentException(
          "移交后网格 "
              + from
              + " 会分成几块 / handing over this block would cut grid "
              + from
              + " in pieces");
    }
    if (!(r2 instanceof Polygon rp)) {
      throw new IllegalArgumentException(
          "移交后网格 " + toId + " 不连通 / grid " + toId + " would not be one piece");
    }
    List<LayoutGrid> out = new ArrayList<>(grids);
    out.set(d, with(grids.get(d), from, grids.get(d).name(), dp));
    out.set(r, with(grids.get(r), toId, grids.get(r).name(), rp));
    Result done = finish(grids, out, List.of(from, toId), List.of());
    // who changed grid: the donor's enterprises now located in the receiver
    Map<String, Geometry> after = new LinkedHashMap<>(byId);
    for (LayoutGrid g : done.grids()) {
      if (g.gridId().equals(from) || g.gridId().equals(toId)) {
        after.put(g.gridId(), g.geometry());
      }
    }
    GridIndex next = GridIndex.of(after);
    List<String> moved = new ArrayList<>();
    for (List<String> ids : sites.values()) {
      for (String id : ids) {
        Enterprise e = known.get(id);
        if (toId.equals(next.locate(e.lon(), e.lat()))) {
          moved.add(id);
        }
      }
    }
    moved.sort(null);
    return new Result(done.grids(), done.changed(), moved);
  }

  /** Shared border of two WGS84 polygons in metres (projected). */
  static double sharedBorderM(Geometry a, Geometry b, EqualArea proj) {
    Geometry am = proj.project(a);
    Geometry bm = proj.project(b);
    if (!am.getEnvelopeInternal().intersects(bm.getEnvelopeInternal())) {
      return 0;
    }
    return OverlayNGRobust.overlay(
            am.getBoundary(), bm.buffer(BORDER_BUFFER_M), OverlayNG.INTERSECTION)
        .getLength();
  }

  /** Index of the grid with this id; throws when missing or not unique. */
  private static int position(List<LayoutGrid> grids, String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("缺少网格编号 / a grid_id is missing");
    }
    int at = -1;
    for (int i = 0; i < grids.size(); i++) {
      if (id.equals(grids.get(i).gridId())) {
        if (at >= 0) {
          throw new IllegalArgumentException(
              "网格编号 " + id + " 重复 / grid id " + id + " is not unique");
        }
        at = i;
      }
    }
    if (at < 0) {
      throw new IllegalArgumentException("草案中没有网格 " + id + " / no grid " + id + " in the draft");
    }
    return at;
  }

  /** The grid's single valid polygon; throws otherwise. */
  private static Polygon polygon(LayoutGrid g) {
    Geometry geom = g.geometry();
    if (geom != null && geom.getNumGeometries() == 1) {
      geom = geom.getGeometryN(0);
    }
    if (!(geom instanceof Polygon p) || p.isEmpty()) {
      throw new IllegalArgumentException(
          "网格 " + g.label() + " 不是单个多边形 / grid " + g.label() + " is not a single polygon");
    }
    if (!p.isValid()) {
      throw new IllegalArgumentException(
          "网格 "
              + g.label()
              + " 的几何无效，请先修复 / grid "
              + g.label()
              + " has an invalid geometry: fix it first");
    }
    return p;
  }

  /** {@code <id>-2}, or the next {@code -n} not used in the layout. */
  private static String freshId(List<LayoutGrid> grids, String id) {
    Set<String> used = new HashSet<>();
    for (LayoutGrid g : grids) {
      used.add(g.gridId());
    }
    for (int n = 2; ; n++) {
      if (!used.contains(id + "-" + n)) {
        return id + "-" + n;
      }
    }
  }

  private static LayoutGrid with(LayoutGrid g, String id, String name, Geometry geom) {
    return new LayoutGrid(id, name, g.kind(), g.town(), g.community(), geom, g.feature());
  }

  /** The polygonal result without parts or holes of at most {@link #CLEAN_M2}. */
  private static Geometry clean(Geometry g, EqualArea proj) {
    List<Polygon> keep = new ArrayList<>();
    for (Polygon p : Polygons.parts(g)) {
      if (Polygons.area(p, proj) <= CLEAN_M2) {
        continue;
      }
      List<LinearRing> holes = new ArrayList<>();
      for (int i = 0; i < p.getNumInteriorRing(); i++) {
        LinearRing h = p.getInteriorRingN(i);
        if (Polygons.area(p.getFactory().createPolygon(h), proj) > CLEAN_M2) {
          holes.add(h);
        }
      }
      keep.add(p.getFactory().createPolygon(p.getExteriorRing(), holes.toArray(new LinearRing[0])));
    }
    return keep.size() == 1 ? keep.get(0) : Geometries.FACTORY.buildGeometry(keep);
  }

  /**
   * Makes the edit lattice-exact ({@link Lattice#stitch}: new vertices rounded to 7 decimals in
   * every grid that has them, inserted into untouched grids whose edges they lie on), checks the
   * edited grids are valid and add no overlap or gap as written ({@link Lattice#leavesClean}), and
   * renumbers {@code feature}.
   */
  private static Result finish(
      List<LayoutGrid> before, List<LayoutGrid> after, List<String> changed, List<String> moved) {
    Set<String> touched = new LinkedHashSet<>(changed);
    Map<String, Geometry> layout = new LinkedHashMap<>();
    for (LayoutGrid g : before) {
      if (g.gridId() != null && g.geometry() != null) {
        layout.putIfAbsent(g.gridId(), g.geometry());
      }
    }
    Map<String, Geometry> edited = new LinkedHashMap<>();
    for (LayoutGrid g : after) {
      if (touched.contains(g.gridId())) {
        edited.put(g.gridId(), g.geometry());
      }
    }
    Map<String, Geometry> exact = Lattice.stitch(layout, touched, edited);
    for (String id : exact == null ? edited.keySet() : exact.keySet()) {
      if (exact == null || !exact.get(id).isValid()) {
        throw new IllegalArgumentException(
            "编辑后网格 " + id + " 的几何无效 / the edit leaves grid " + id + " with an invalid geometry");
      }
    }
    Set<String> all = new LinkedHashSet<>(touched);
    all.addAll(exact.keySet());
    Envelope env = new Envelope();
    exact.values().forEach(g -> env.expandToInclude(g.getEnvelopeInternal()));
    if (!Lattice.leavesClean(
        layout, all, exact, EqualArea.centredOn(env), Rules.defaults().layout().zoneToleranceM())) {
      throw new IllegalArgumentException(
          "编辑结果按 7 位小数写出后会与相邻网格重叠或留下空隙，请稍微调整后重试 / written at 7 decimals, the"
              + " edit would overlap a neighbour or leave a gap: adjust it slightly and retry");
    }
    List<LayoutGrid> out = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      LayoutGrid g = after.get(i);
      Geometry geom = exact.getOrDefault(g.gridId(), g.geometry());
      out.add(new LayoutGrid(g.gridId(), g.name(), g.kind(), g.town(), g.community(), geom, i));
    }
    return new Result(out, changed, moved);
  }
}
