package io.gridwatch.ingest.synthetic;

import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.geo.Geometries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Cuts the zone into park, towns, communities and grids that tile it with no gap or overlap.
 *
 * <p>Every level is a Voronoi partition of well-spread seeds. All partition lines of all levels are
 * noded together once with snap rounding on the 1e-6° lattice and polygonized; each face is
 * labelled with the grid whose seeds are nearest at every level, and the faces of a grid are merged
 * by coverage union. Neighbouring grids therefore share exactly the same vertices.
 */
final class ZoneTiler {
  private ZoneTiler() {}

  static final String PARK_TOWN = "高新区";
  static final String BUNDLED_BOUNDARY = "/boundary/ziyang-districts.gcj02.geojson";
  private static final PrecisionModel PM = new PrecisionModel(1e6);
  private static final GeometryFactory GF = Geometries.FACTORY;
  private static final double MARGIN = 2e-4;

  /** Reads the DataV district file (GCJ-02) and returns district name → WGS84 geometry. */
  static Map<String, Geometry> readDistricts(Path boundaryGeoJson) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper om =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode root;
    if (boundaryGeoJson == null) {
      try (InputStream in = ZoneTiler.class.getResourceAsStream(BUNDLED_BOUNDARY)) {
        if (in == null) {
          throw new IOException("bundled boundary missing: " + BUNDLED_BOUNDARY);
        }
        root = om.readTree(in);
      }
    } else {
      root = om.readTree(Files.readAllBytes(boundaryGeoJson));
    }
    Map<String, Geometry> out = new java.util.TreeMap<>();
    for (com.fasterxml.jackson.databind.JsonNode f : root.path("features")) {
      String name = f.path("properties").path("name").asText();
      Geometry g = polygonal(f.get("geometry"));
      out.put(name, Geometries.toWgs84(g, Crs.GCJ02));
    }
    if (out.isEmpty()) {
      throw new IOException("no features in boundary file " + boundaryGeoJson);
    }
    return out;
  }

  /** Reads a GeoJSON Polygon or MultiPolygon geometry node. */
  static Geometry polygonal(com.fasterxml.jackson.databind.JsonNode geom) {
    Geometry g = Geometries.readGeoJsonGeometry(geom.toString());
    if (!(g instanceof Polygon || g instanceof org.locationtech.jts.geom.MultiPolygon)) {
      throw new IllegalArgumentException(
          "expected Polygon or MultiPolygon, got " + g.getGeometryType());
    }
    return g;
  }

  /** The zone polygon of a scale: 雁江区 ∩ a box, or the union of all districts. */
  static Geometry zoneOf(Map<String, Geometry> districts, Scale scale) {
    Geometry base;
    Envelope box;
    switch (scale.zoneShape) {
      case BOX_SMALL -> {
        base = require(districts, "雁江区");
        box = new Envelope(104.600, 104.725, 30.065, 30.155);
      }
      case BOX_CITY -> {
        base = require(districts, "雁江区");
        box = new Envelope(104.50, 104.86, 29.96, 30.26);
      }
      default -> {
        base = OverlayNGRobust.union(GF.buildGeometry(new ArrayList<>(districts.values())));
        box = base.getEnvelopeInternal();
      }
    }
    Geometry clipped = OverlayNGRobust.overlay(base, GF.toGeometry(box), 1);
    Polygon largest = null;
    for (int i = 0; i < clipped.getNumGeometries(); i++) {
      Geometry p = clipped.getGeometryN(i);
      if (p instanceof Polygon poly && (largest == null || poly.getArea() > largest.getArea())) {
        largest = poly;
      }
    }
    if (largest == null) {
      throw new IllegalStateException("empty zone for " + scale);
    }
    Geometry shell = GF.createPolygon(largest.getExteriorRing().getCoordinates());
    Geometry reduced = GeometryPrecisionReducer.reduce(shell, PM);
    reduced.setSRID(4326);
    return largest(reduced);
  }

  private static Geometry require(Map<String, Geometry> d, String name) {
    Geometry g = d.get(name);
    if (g == null) {
      throw new IllegalArgumentException("boundary file has no feature named " + name);
    }
    return g;
  }

  private static Geometry largest(Geometry g) {
    Geometry best = g.getGeometryN(0);
    for (int i = 1; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i).getArea() > best.getArea()) {
        best = g.getGeometryN(i);
      }
    }
    return GF.createGeometry(best);
  }

  /** A grid before it gets its id: kind, place in the hierarchy and Voronoi seed. */
  private static final class Proto {
    final String kind;
    final int town;
    final int community;
    final int ordinal;
    final Coordinate seed;

    Proto(String kind, int town, int community, int ordinal, Coordinate seed) {
      this.kind = kind;
      this.town = town;
      this.community = community;
      this.ordinal = ordinal;
      this.seed = seed;
    }
  }

  /** Tiles {@code zone} for {@code scale}; deterministic in {@code seed}. */
  static Layout tile(Geometry zone, Scale scale, long seed) {
    SplittableRandom rnd = Rng.of(seed, "tiling");
    Names names = new Names(seed);
    Geometry octagon = parkShape(zone, scale.parkShare, rnd);
    Geometry park = OverlayNGRobust.overlay(zone, octagon, 1);
    Geometry rest = OverlayNGRobust.overlay(zone, octagon, 3);
    Envelope clip = new Envelope(zone.getEnvelopeInternal());
    clip.expandBy(0.05);

    List<Geometry> lines = new ArrayList<>();
    lines.add(zone.getBoundary());
    lines.add(octagon.getBoundary());

    // Towns.
    List<Coordinate> townSeeds = spreadPoints(rest, scale.towns, rnd);
    List<Geometry> townCells = voronoi(townSeeds, clip);
    lines.add(boundaries(townCells));
    List<String> townNames = names.towns(scale.towns);

    List<Proto> protos = new ArrayList<>();
    List<List<Coordinate>> commSeedsByTown = new ArrayList<>();
    List<List<List<Integer>>> gridsByTownComm = new ArrayList<>();
    List<List<String>> commNames = new ArrayList<>();
    for (int t = 0; t < townSeeds.size(); t++) {
      Geometry town = OverlayNGRobust.overlay(rest, townCells.get(t), 1);
      List<String> cn = names.communities(t, scale.communitiesPerTown);
      commNames.add(cn);
      List<Coordinate> cs = spreadPoints(town, cn.size(), rnd);
      commSeedsByTown.add(cs);
      List<Geometry> cCells = voronoi(cs, clip);
      lines.add(clipLines(boundaries(cCells), town));
      List<List<Integer>> gridsOfComm = new ArrayList<>();
      for (int c = 0; c < cs.size(); c++) {
        Geometry comm = OverlayNGRobust.overlay(town, cCells.get(c), 1);
        boolean village = cn.get(c).endsWith("村");
        int n = village ? Rng.between(rnd, 2, 3) : Rng.between(rnd, 1, 2);
        List<Coordinate> gs = spreadPoints(comm, n, rnd);
        if (gs.size() > 1) {
          lines.add(clipLines(boundaries(voronoi(gs, clip)), comm));
        }
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < gs.size(); k++) {
          ids.add(protos.size());
          protos.add(new Proto(village ? "village" : "community", t, c, k, gs.get(k)));
        }
        gridsOfComm.add(ids);
      }
      gridsByTownComm.add(gridsOfComm);
    }

    // Enterprise grids in the park.
    List<Coordinate> parkSeeds = spreadPoints(park, scale.enterpriseGrids, rnd);
    lines.add(clipLines(boundaries(voronoi(parkSeeds, clip)), park));
    STRtree parkIndex = new STRtree();
    int firstPark = protos.size();
    for (int k = 0; k < parkSeeds.size(); k++) {
      Coordinate c = parkSeeds.get(k);
      protos.add(new Proto("enterprise", -1, -1, k, c));
      parkIndex.insert(new Envelope(c), firstPark + k);
    }
    parkIndex.build();

    // Node all partition lines once and label the faces.
    Geometry noded = UnaryUnionNG.union(GF.buildGeometry(flatten(lines)), PM);
    Polygonizer polygonizer = new Polygonizer();
    polygonizer.add(noded);
    @SuppressWarnings("unchecked")
    List<Polygon> rawFaces =
        new ArrayList<>((java.util.Collection<Polygon>) polygonizer.getPolygons());
    rawFaces.sort(Comparator.comparing(Polygon::getEnvelopeInternal));
    IndexedPointInAreaLocator inZone = new IndexedPointInAreaLocator(zone);
    IndexedPointInAreaLocator inPark = new IndexedPointInAreaLocator(octagon);
    List<Polygon> faces = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Polygon f : rawFaces) {
      if (f.isEmpty() || f.getArea() == 0) {
        continue;
      }
      Coordinate p = f.getInteriorPoint().getCoordinate();
      if (inZone.locate(p) == Location.EXTERIOR) {
        continue;
      }
      int label;
      if (inPark.locate(p) != Location.EXTERIOR) {
        label = nearestPark(parkIndex, protos, p);
      } else {
        int t = nearest(townSeeds, p);
        int c = nearest(commSeedsByTown.get(t), p);
        List<Integer> cands = gridsByTownComm.get(t).get(c);
        int best = cands.get(0);
        for (int id : cands) {
          if (protos.get(id).seed.distance(p) < protos.get(best).seed.distance(p)) {
            best = id;
          }
        }
        label = best;
      }
      faces.add(f);
      labels.add(label);
    }
    int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
    FaceGraph.mergeStrayParts(
        faces,
        lab,
        i ->
            protos.get(i).kind.equals("enterprise")
                ? -1
                : protos.get(i).town * 100000 + protos.get(i).community);

    // Merge faces per grid.
    List<List<Geometry>> byLabel = new ArrayList<>();
    for (int i = 0; i < protos.size(); i++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < faces.size(); i++) {
      byLabel.get(lab[i]).add(faces.get(i));
    }
    List<SynthGrid> grids = new ArrayList<>();
    // Enterprise grids numbered north to south in 1 km bands, west to east within a band.
    List<Integer> parkOrder = new ArrayList<>();
    for (int i = firstPark; i < protos.size(); i++) {
      if (!byLabel.get(i).isEmpty()) {
        parkOrder.add(i);
      }
    }
    double band = 0.012 * Math.sqrt(Math.max(1.0, scale.enterpriseGrids / 30.0));
    double top = zone.getEnvelopeInternal().getMaxY();
    parkOrder.sort(
        Comparator.comparingLong(
                (Integer i) -> (long) Math.floor((top - protos.get(i).seed.y) / band))
            .thenComparingDouble(i -> protos.get(i).seed.x));
    int w = Math.max(3, Integer.toString(parkOrder.size()).length());
    int n = 1;
    for (int i : parkOrder) {
      String id = "QY-" + Fmt.pad(n, w);
      grids.add(
          new SynthGrid(
              id,
              "高新区第" + Fmt.pad(n, 2) + "企业网格",
              "enterprise",
              PARK_TOWN,
              null,
              merge(byLabel.get(i))));
      n++;
    }
    int sq = 0;
    int cw = 0;
    int tw = Math.max(3, Integer.toString(protos.size()).length());
    for (int i = 0; i < firstPark; i++) {
      if (byLabel.get(i).isEmpty()) {
        continue;
      }
      Proto p = protos.get(i);
      String comm = commNames.get(p.town).get(p.community);
      boolean village = p.kind.equals("village");
      String id = village ? "CW-" + Fmt.pad(++cw, tw) : "SQ-" + Fmt.pad(++sq, tw);
      String name =
          village
              ? comm + Names.CN_NUM[p.ordinal + 1] + "组网格"
              : comm + "第" + (p.ordinal + 1) + "网格";
      grids.add(
          new SynthGrid(id, name, p.kind, townNames.get(p.town), comm, merge(byLabel.get(i))));
    }
    grids.sort(Comparator.comparing(SynthGrid::id));
    return new Layout(zone, List.copyOf(grids), List.copyOf(townNames));
  }

  private static int nearestPark(STRtree index, List<Proto> protos, Coordinate p) {
    Object r =
        index.nearestNeighbour(
            new Envelope(p),
            p,
            (a, b) -> {
              Coordinate ca =
                  a.getItem() instanceof Integer ia
                      ? protos.get(ia).seed
                      : (Coordinate) a.getItem();
              Coordinate cb =
                  b.getItem() instanceof Integer ib
                      ? protos.get(ib).seed
                      : (Coordinate) b.getItem();
              return ca.distance(cb);
            });
    return (Integer) r;
  }

  private static int nearest(List<Coordinate> seeds, Coordinate p) {
    int best = 0;
    double bd = Double.MAX_VALUE;
    for (int i = 0; i < seeds.size(); i++) {
      double d = seeds.get(i).distance(p);
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best;
  }

  private static Geometry merge(List<Geometry> faces) {
    Geometry coll = GF.buildGeometry(faces);
    Geometry g;
    try {
      g = CoverageUnion.union(faces.toArray(new Geometry[0]));
    } catch (RuntimeException e) {
      g = OverlayNGRobust.union(coll);
    }
    if (g == null || !g.isValid()) {
      g = OverlayNGRobust.union(coll);
    }
    g.setSRID(4326);
    return g;
  }

  private static List<Geometry> flatten(List<Geometry> parts) {
    List<Geometry> out = new ArrayList<>();
    for (Geometry g : parts) {
      for (int i = 0; i < g.getNumGeometries(); i++) {
        Geometry x = g.getGeometryN(i);
        if (!x.isEmpty() && x instanceof LineString) {
          out.add(x);
        }
      }
    }
    return out;
  }

  private static Geometry boundaries(List<Geometry> cells) {
    List<Geometry> rings = new ArrayList<>();
    for (Geometry c : cells) {
      rings.add(c.getBoundary());
    }
    return GF.buildGeometry(rings);
  }

  private static Geometry clipLines(Geometry lines, Geometry region) {
    return OverlayNGRobust.overlay(lines, region.buffer(MARGIN, 2), 1);
  }

  /** Voronoi cells of {@code seeds}, in seed order, clipped to {@code clip}. */
  static List<Geometry> voronoi(List<Coordinate> seeds, Envelope clip) {
    if (seeds.size() == 1) {
      return List.of(GF.toGeometry(clip));
    }
    VoronoiDiagramBuilder b = new VoronoiDiagramBuilder();
    b.setSites(seeds);
    b.setClipEnvelope(clip);
    Geometry diagram = b.getDiagram(GF);
    Map<Coordinate, Geometry> bySite = new HashMap<>();
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Geometry cell = diagram.getGeometryN(i);
      bySite.put((Coordinate) cell.getUserData(), cell);
    }
    List<Geometry> out = new ArrayList<>();
    for (Coordinate s : seeds) {
      Geometry cell = bySite.get(s);
      if (cell == null) {
        throw new IllegalStateException("no Voronoi cell for seed " + s);
      }
      out.add(cell);
    }
    return out;
  }

  /** {@code n} well-spread points inside {@code region} (Mitchell's best candidate). */
  static List<Coordinate> spreadPoints(Geometry region, int n, SplittableRandom rnd) {
    IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(region);
    Envelope e = region.getEnvelopeInternal();
    List<Coordinate> out = new ArrayList<>();
    int candidates = n > 2000 ? 4 : 8;
    for (int i = 0; i < n; i++) {
      Coordinate best = null;
      double bestD = -1;
      for (int k = 0; k < candidates; k++) {
        Coordinate c = randomPointIn(loc, e, rnd);
        if (c == null) {
          continue;
        }
        double d = Double.MAX_VALUE;
        for (Coordinate o : out) {
          double dx = o.x - c.x;
          double dy = o.y - c.y;
          double dd = dx * dx + dy * dy;
          if (dd < d) {
            d = dd;
          }
        }
        if (d > bestD) {
          bestD = d;
          best = c;
        }
      }
      if (best != null && bestD > 1e-12) {
        out.add(best);
      }
    }
    if (out.isEmpty()) {
      Point ip = region.getInteriorPoint();
      out.add(ip.getCoordinate());
    }
    return out;
  }

  /** A uniform random point inside the located area, or null after many misses. */
  static Coordinate randomPointIn(IndexedPointInAreaLocator loc, Envelope e, SplittableRandom rnd) {
    for (int attempt = 0; attempt < 5000; attempt++) {
      Coordinate c =
          new Coordinate(
              e.getMinX() + rnd.nextDouble() * e.getWidth(),
              e.getMinY() + rnd.nextDouble() * e.getHeight());
      if (loc.locate(c) == Location.INTERIOR) {
        return c;
      }
    }
    return null;
  }

  /** An irregular octagon around the zone centre covering about {@code share} of the zone. */
  private static Geometry parkShape(Geometry zone, double share, SplittableRandom rnd) {
    Envelope e = zone.getEnvelopeInternal();
    Coordinate c = zone.getCentroid().getCoordinate();
    if (!zone.contains(GF.createPoint(c))) {
      c = zone.getInteriorPoint().getCoordinate();
    }
    double[] f = new double[8];
    for (int i = 0; i < 8; i++) {
      f[i] = 0.85 + 0.3 * rnd.nextDouble();
    }
    double zoneArea = zone.getArea();
    double lo = 0.02;
    double hi = 1.5;
    Geometry best = null;
    for (int it = 0; it < 30; it++) {
      double s = (lo + hi) / 2;
      best = octagon(c, e.getWidth() / 2 * s, e.getHeight() / 2 * s, f);
      double a = OverlayNGRobust.overlay(zone, best, 1).getArea();
      if (a / zoneArea < share) {
        lo = s;
      } else {
        hi = s;
      }
    }
    return best;
  }

  private static Geometry octagon(Coordinate c, double rx, double ry, double[] f) {
    Coordinate[] ring = new Coordinate[9];
    for (int i = 0; i < 8; i++) {
      double a = Math.PI / 8 + i * Math.PI / 4;
      ring[i] = new Coordinate(c.x + rx * f[i] * Math.cos(a), c.y + ry * f[i] * Math.sin(a));
      PM.makePrecise(ring[i]);
    }
    ring[8] = new Coordinate(ring[0]);
    return GF.createPolygon(ring);
  }
}
