package io.gridwatch.core.layout;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.layout.LayoutProblem.Type;
import io.gridwatch.core.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * {@code gridwatch layout check} (data-contract.md §4), pure: a layout's grids against a zone, the
 * set of held grids and the {@code rules.layout.*} thresholds → problems. Overlays run in the
 * source lon/lat (JTS OverlayNG, robust), where shared edges and T-junctions are exact; every piece
 * is then measured in m² in a Lambert azimuthal equal-area projection centred on the zone ({@link
 * EqualArea}). Invalid grids are repaired with GeometryFixer before the area checks so one bad grid
 * does not hide the others' problems.
 */
public final class LayoutCheck {
  private LayoutCheck() {}

  /** Pieces smaller than this (m²) are floating-point residue of overlays and are ignored. */
  public static final double NOISE_M2 = 0.01;

  /** Envelope margin (degrees, ≈ 1 cm) when looking for the grids around a gap. */
  private static final double NEAR_DEG = 1e-7;

  /** Grid kinds of data-contract.md §1. */
  public static final Set<String> KINDS = Set.of("enterprise", "community", "village");

  /** A feature with its repaired WGS84 polygon ({@code geom}, maybe empty) and its area in m². */
  private record Item(LayoutGrid grid, Geometry geom, double areaM2) {}

  /**
   * Checks {@code grids} against {@code zone}; {@code heldGridIds} are the grids some worker holds
   * (null: skip the no_worker check).
   */
  public static CheckReport run(
      List<LayoutGrid> grids, Zone zone, Set<String> heldGridIds, Rules.LayoutRules rules) {
    Envelope env = new Envelope(zone.wgs84().getEnvelopeInternal());
    EqualArea proj = EqualArea.centredOn(env);
    Geometry zoneG = Polygons.fixed(zone.wgs84());
    List<LayoutProblem> out = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    for (LayoutGrid g : grids) {
      Geometry fixed = features(g, out);
      items.add(new Item(g, fixed, Polygons.area(fixed, proj)));
    }
    duplicates(items, out);
    overlaps(items, proj, rules, out);
    gaps(items, zoneG, proj, rules, out);
    slivers(items, proj, rules, out);
    outside(items, zoneG, proj, rules, out);
    if (heldGridIds != null) {
      noWorker(items, heldGridIds, out);
    }
    out.sort(
        Comparator.comparing((LayoutProblem p) -> p.type().ordinal())
            .thenComparing(p -> String.join(",", p.gridIds()))
            .thenComparing(p -> p.location() == null ? "" : p.location()[0] + "," + p.location()[1])
            .thenComparing(LayoutProblem::detail));
    return new CheckReport(out, grids.size(), zone.description(), Polygons.area(zoneG, proj));
  }

  /** Geometry and attribute checks of one feature; returns its repaired WGS84 polygon. */
  private static Geometry features(LayoutGrid g, List<LayoutProblem> out) {
    Geometry geom = g.geometry();
    List<String> ids = g.gridId() == null ? List.of() : List.of(g.gridId());
    Geometry fixed = io.gridwatch.core.geo.Geometries.FACTORY.createMultiPolygon();
    double[] at = null;
    if (geom == null || geom.isEmpty()) {
      out.add(
          new LayoutProblem(
              Type.INVALID,
              ids,
              0,
              null,
              "网格 " + g.label() + " 没有可用的几何 / grid " + g.label() + " has no usable geometry"));
    } else if (!(geom instanceof Polygonal)) {
      at = Polygons.lonLat(new double[] {geom.getCoordinate().x, geom.getCoordinate().y});
      out.add(
          new LayoutProblem(
              Type.INVALID,
              ids,
              0,
              at,
              "网格 "
                  + g.label()
                  + " 不是面 / grid "
                  + g.label()
                  + " is not a polygon: "
                  + geom.getGeometryType()));
    } else {
      TopologyValidationError err = new IsValidOp(geom).getValidationError();
      if (err != null) {
        Coordinate c = err.getCoordinate() != null ? err.getCoordinate() : geom.getCoordinate();
        double[] p = Polygons.lonLat(new double[] {c.x, c.y});
        out.add(
            new LayoutProblem(
                Type.INVALID,
                ids,
                0,
                p,
                "网格 "
                    + g.label()
                    + " 几何无效："
                    + errorZh(err.getErrorType())
                    + " / grid "
                    + g.label()
                    + " is invalid: "
                    + err.getMessage()
                    + " at "
                    + p[0]
                    + ", "
                    + p[1]));
      }
      fixed = Polygons.fixed(geom);
      at = Polygons.inside(fixed);
    }
    List<String> zh = new ArrayList<>();
    List<String> en = new ArrayList<>();
    if (g.gridId() == null) {
      zh.add("缺少网格编号");
      en.add("missing grid_id");
    }
    if (g.kind() == null) {
      zh.add("缺少网格类型");
      en.add("missing kind");
    } else if (!KINDS.contains(g.kind())) {
      zh.add("网格类型无效 " + g.kind());
      en.add("unknown kind '" + g.kind() + "' (enterprise|community|village)");
    }
    if (g.town() == null) {
      zh.add("缺少镇街");
      en.add("missing town");
    }
    if (g.community() == null && ("community".equals(g.kind()) || "village".equals(g.kind()))) {
      zh.add("社区/村网格缺少社区");
      en.add("community and village grids need community");
    }
    if (!zh.isEmpty()) {
      out.add(
          new LayoutProblem(
              Type.INVALID,
              ids,
              0,
              at,
              "网格 "
                  + g.label()
                  + " 属性："
                  + String.join("；", zh)
                  + " / grid "
                  + g.label()
                  + " attributes: "
                  + String.join("; ", en)));
    }
    return fixed;
  }

  private static void duplicates(List<Item> items, List<LayoutProblem> out) {
    Map<String, List<Item>> byId = new TreeMap<>();
    for (Item it : items) {
      if (it.grid().gridId() != null) {
        byId.computeIfAbsent(it.grid().gridId(), k -> new ArrayList<>()).add(it);
      }
    }
    byId.forEach(
        (id, list) -> {
          if (list.size() > 1) {
            double area = list.stream().mapToDouble(Item::areaM2).sum();
            List<String> features = list.stream().map(i -> "#" + (i.grid().feature() + 1)).toList();
            out.add(
                new LayoutProblem(
                    Type.DUPLICATE_ID,
                    List.of(id),
                    area,
                    Polygons.inside(list.get(0).geom()),
                    "网格编号 "
                        + id
                        + " 出现 "
                        + list.size()
                        + " 次（要素 "
                        + String.join("、", features)
                        + "） / grid_id "
                        + id
                        + " appears "
                        + list.size()
                        + " times (features "
                        + String.join(", ", features)
                        + ")"));
          }
        });
  }

  private static STRtree index(List<Item> items) {
    STRtree tree = new STRtree();
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).geom().isEmpty()) {
        tree.insert(items.get(i).geom().getEnvelopeInternal(), i);
      }
    }
    tree.build();
    return tree;
  }

  private static void overlaps(
      List<Item> items, EqualArea proj, Rules.LayoutRules rules, List<LayoutProblem> out) {
    STRtree tree = index(items);
    for (int i = 0; i < items.size(); i++) {
      Item a = items.get(i);
      if (a.geom().isEmpty()) {
        continue;
      }
      List<Integer> hits = new ArrayList<>();
      for (Object o : tree.query(a.geom().getEnvelopeInternal())) {
        hits.add((Integer) o);
      }
      hits.sort(null);
      for (int j : hits) {
        Item b = items.get(j);
        if (j <= i || (a.grid().gridId() != null && a.grid().gridId().equals(b.grid().gridId()))) {
          continue; // each pair once; features sharing an id are a duplicate_id
        }
        if (a.geom().relate(b.geom()).get(Location.INTERIOR, Location.INTERIOR) < 0) {
          continue;
        }
        Geometry inter = Polygons.intersection(a.geom(), b.geom());
        double area = Polygons.area(inter, proj);
        if (area <= NOISE_M2) {
          continue;
        }
        TreeSet<String> ids = new TreeSet<>(List.of(a.grid().label(), b.grid().label()));
        String pair = String.join(" 与 ", ids);
        String pairEn = String.join(" and ", ids);
        boolean sliver = area < rules.sliverM2();
        out.add(
            new LayoutProblem(
                sliver ? Type.SLIVER : Type.OVERLAP,
                List.copyOf(ids),
                area,
                Polygons.inside(inter),
                sliver
                    ? "网格 "
                        + pair
                        + " 重叠碎片 "
                        + m2(area)
                        + " / overlap sliver of "
                        + pairEn
                        + ": "
                        + m2(area)
                        + " (below rules.layout.sliver_m2 = "
                        + m2(rules.sliverM2())
                        + ")"
                    : "网格 "
                        + pair
                        + " 重叠 "
                        + m2(area)
                        + " / "
                        + pairEn
                        + " overlap by "
                        + m2(area)));
      }
    }
  }

  private static void gaps(
      List<Item> items,
      Geometry zoneG,
      EqualArea proj,
      Rules.LayoutRules rules,
      List<LayoutProblem> out) {
    List<Geometry> all = items.stream().map(Item::geom).toList();
    Geometry uncovered = Polygons.difference(zoneG, Polygons.union(all));
    STRtree tree = index(items);
    Geometry inner = null; // the zone shrunk by the tolerance, in metres; built when needed
    for (Polygon piece : Polygons.parts(uncovered)) {
      double area = Polygons.area(piece, proj);
      if (area <= NOISE_M2) {
        continue;
      }
      if (rules.zoneToleranceM() > 0) {
        // a strip along the zone's boundary no wider than the tolerance is digitising noise (the
        // mirror of outside_zone), e.g. an outline rounded to the 7 decimals layouts are written in
        if (inner == null) {
          inner = proj.project(zoneG).buffer(-rules.zoneToleranceM());
        }
        Geometry pieceM = Polygons.fixed(proj.project(piece));
        if (!pieceM.intersects(inner)
            || OverlayNGRobust.overlay(pieceM, inner, OverlayNG.INTERSECTION).getArea()
                <= NOISE_M2) {
          continue;
        }
      }
      TreeSet<String> neighbours = new TreeSet<>();
      Envelope e = new Envelope(piece.getEnvelopeInternal());
      e.expandBy(NEAR_DEG);
      for (Object o : tree.query(e)) {
        Item it = items.get((Integer) o);
        // bordering = sharing a stretch of boundary (a common corner alone does not count)
        if (it.geom().relate(piece).get(Location.BOUNDARY, Location.BOUNDARY) == 1) {
          neighbours.add(it.grid().label());
        }
      }
      boolean sliver = area < rules.sliverM2();
      String by = neighbours.isEmpty() ? "" : "（邻接 " + String.join("、", neighbours) + "）";
      String byEn = neighbours.isEmpty() ? "" : " (next to " + String.join(", ", neighbours) + ")";
      out.add(
          new LayoutProblem(
              sliver ? Type.SLIVER : Type.GAP,
              List.copyOf(neighbours),
              area,
              Polygons.inside(piece),
              sliver
                  ? "区域内空隙碎片 "
                      + m2(area)
                      + by
                      + " / gap sliver of "
                      + m2(area)
                      + " inside the zone"
                      + byEn
                  : "区域内有 "
                      + m2(area)
                      + " 未被任何网格覆盖"
                      + by
                      + " / "
                      + m2(area)
                      + " of the zone covered by no grid"
                      + byEn));
    }
  }

  private static void slivers(
      List<Item> items, EqualArea proj, Rules.LayoutRules rules, List<LayoutProblem> out) {
    for (Item it : items) {
      for (Polygon part : Polygons.parts(it.geom())) {
        double area = Polygons.area(part, proj);
        if (area > NOISE_M2 && area < rules.sliverM2()) {
          String l = it.grid().label();
          out.add(
              new LayoutProblem(
                  Type.SLIVER,
                  it.grid().gridId() == null ? List.of() : List.of(it.grid().gridId()),
                  area,
                  Polygons.inside(part),
                  "网格 "
                      + l
                      + " 有 "
                      + m2(area)
                      + " 的碎片 / grid "
                      + l
                      + " has a part of only "
                      + m2(area)
                      + " (below rules.layout.sliver_m2 = "
                      + m2(rules.sliverM2())
                      + ")"));
        }
      }
    }
  }

  private static void outside(
      List<Item> items,
      Geometry zoneG,
      EqualArea proj,
      Rules.LayoutRules rules,
      List<LayoutProblem> out) {
    Geometry tolerated = null; // the zone grown by the tolerance, in metres; built when needed
    for (Item it : items) {
      if (it.geom().isEmpty() || zoneG.covers(it.geom())) {
        continue;
      }
      Geometry outPart = Polygons.difference(it.geom(), zoneG);
      double area = Polygons.area(outPart, proj);
      if (area <= NOISE_M2) {
        continue;
      }
      if (tolerated == null) {
        Geometry zoneM = proj.project(zoneG);
        tolerated = rules.zoneToleranceM() > 0 ? zoneM.buffer(rules.zoneToleranceM()) : zoneM;
      }
      // metres: a part thinner than the projection's rounding can come out self-touching, so it
      // is repaired first (GeometryFixer keeps its area)
      Geometry beyondM =
          Polygons.polygonal(
              OverlayNGRobust.overlay(
                  Polygons.fixed(proj.project(outPart)), tolerated, OverlayNG.DIFFERENCE));
      if (beyondM.getArea() <= NOISE_M2) {
        continue;
      }
      String l = it.grid().label();
      out.add(
          new LayoutProblem(
              Type.OUTSIDE_ZONE,
              it.grid().gridId() == null ? List.of() : List.of(it.grid().gridId()),
              area,
              Polygons.inside(proj.unproject(beyondM)),
              "网格 "
                  + l
                  + " 有 "
                  + m2(area)
                  + " 超出区域 / grid "
                  + l
                  + " has "
                  + m2(area)
                  + " outside the zone"));
    }
  }

  private static void noWorker(List<Item> items, Set<String> held, List<LayoutProblem> out) {
    Map<String, Item> firstById = new LinkedHashMap<>();
    for (Item it : items) {
      if (it.grid().gridId() != null) {
        firstById.putIfAbsent(it.grid().gridId(), it);
      }
    }
    new TreeMap<>(firstById)
        .forEach(
            (id, it) -> {
              if (!held.contains(id)) {
                out.add(
                    new LayoutProblem(
                        Type.NO_WORKER,
                        List.of(id),
                        it.areaM2(),
                        Polygons.inside(it.geom()),
                        "网格 " + id + " 没有网格员 / no worker holds grid " + id));
              }
            });
  }

  /** Square metres with two decimals and a unit, e.g. {@code 1234.50 m²}. */
  static String m2(double area) {
    return String.format(Locale.ROOT, "%.2f m²", area);
  }

  private static String errorZh(int type) {
    return switch (type) {
      case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "洞在外环之外";
      case TopologyValidationError.NESTED_HOLES -> "洞相互嵌套";
      case TopologyValidationError.DISCONNECTED_INTERIOR -> "内部不连通";
      case TopologyValidationError.SELF_INTERSECTION -> "自相交";
      case TopologyValidationError.RING_SELF_INTERSECTION -> "环自相交";
      case TopologyValidationError.NESTED_SHELLS -> "外环相互嵌套";
      case TopologyValidationError.DUPLICATE_RINGS -> "环重复";
      case TopologyValidationError.TOO_FEW_POINTS -> "点数太少";
      case TopologyValidationError.INVALID_COORDINATE -> "坐标无效";
      case TopologyValidationError.RING_NOT_CLOSED -> "环未闭合";
      default -> "拓扑错误";
    };
  }
}
