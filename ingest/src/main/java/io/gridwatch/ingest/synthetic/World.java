package io.gridwatch.ingest.synthetic;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/** The generated population: grids, enterprises and workers, with lookups used by all tables. */
final class World {
  static final YearMonth FIRST = YearMonth.of(2025, 1);
  static final int MONTHS = 12;

  final long seed;
  final Scale scale;
  final Layout layout;
  final List<Ent> enterprises = new ArrayList<>();
  final List<Wkr> workers = new ArrayList<>();
  final Map<String, SynthGrid> gridById = new HashMap<>();
  final Map<String, List<Ent>> entsByGrid = new HashMap<>();
  final Map<String, List<Wkr>> workersByGrid = new HashMap<>();
  private final Map<String, IndexedPointInAreaLocator> locators = new HashMap<>();
  private final Names names;

  World(long seed, Scale scale, Layout layout) {
    this.seed = seed;
    this.scale = scale;
    this.layout = layout;
    this.names = new Names(seed);
    for (SynthGrid g : layout.grids()) {
      gridById.put(g.id(), g);
      entsByGrid.put(g.id(), new ArrayList<>());
      workersByGrid.put(g.id(), new ArrayList<>());
    }
    makeEnterprises();
    makeWorkers();
  }

  List<SynthGrid> grids(String kind) {
    return layout.grids().stream().filter(g -> g.kind().equals(kind)).toList();
  }

  List<Wkr> workers(String kind) {
    return workers.stream().filter(w -> w.kind.equals(kind)).toList();
  }

  static YearMonth month(int i) {
    return FIRST.plusMonths(i);
  }

  /** The worker holding {@code grid} on {@code d}, or null when vacant. */
  Wkr holder(String grid, LocalDate d) {
    for (Wkr w : workersByGrid.getOrDefault(grid, List.of())) {
      if (!w.role.equals("subcenter_head") && grid.equals(w.gridOn(d))) {
        return w;
      }
    }
    return null;
  }

  /** A uniform random point strictly inside the grid (≥ ~3 m from its border), 6 decimals. */
  Coordinate randomPointIn(SynthGrid g, SplittableRandom r, boolean awayFromBorder) {
    IndexedPointInAreaLocator loc =
        locators.computeIfAbsent(g.id(), k -> new IndexedPointInAreaLocator(g.geometry()));
    Envelope e = g.geometry().getEnvelopeInternal();
    IndexedFacetDistance border = awayFromBorder ? new IndexedFacetDistance(g.geometry()) : null;
    for (int attempt = 0; attempt < 10_000; attempt++) {
      Coordinate c =
          new Coordinate(
              round6(e.getMinX() + r.nextDouble() * e.getWidth()),
              round6(e.getMinY() + r.nextDouble() * e.getHeight()));
      if (loc.locate(c) != Location.INTERIOR) {
        continue;
      }
      if (border != null
          && border.isWithinDistance(g.geometry().getFactory().createPoint(c), 3e-5)) {
        continue;
      }
      return c;
    }
    Coordinate ip = g.geometry().getInteriorPoint().getCoordinate();
    return new Coordinate(round6(ip.x), round6(ip.y));
  }

  static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  // ---------------------------------------------------------------- enterprises

  private void makeEnterprises() {
    SplittableRandom r = Rng.of(seed, "enterprises");
    List<SynthGrid> park = grids("enterprise");
    List<SynthGrid> town =
        layout.grids().stream().filter(g -> !g.kind().equals("enterprise")).toList();
    int[] parkCounts = spread(park.size(), scale.parkEnterprises, r, 0.6);
    int[] townCounts = spread(town.size(), scale.townEnterprises, r, 0.2);
    List<Coordinate> pts = new ArrayList<>();
    List<String> gridOf = new ArrayList<>();
    for (int i = 0; i < park.size(); i++) {
      place(park.get(i), parkCounts[i], r, pts, gridOf);
    }
    for (int i = 0; i < town.size(); i++) {
      place(town.get(i), townCounts[i], r, pts, gridOf);
    }
    Geometry zone = layout.zone();
    IndexedFacetDistance zoneDist = new IndexedFacetDistance(zone);
    IndexedPointInAreaLocator inZone = new IndexedPointInAreaLocator(zone);
    Coordinate[] ring = zone.getBoundary().getCoordinates();
    Coordinate centre = zone.getCentroid().getCoordinate();
    for (int i = 0; i < scale.outsideEnterprises; ) {
      Coordinate b = ring[r.nextInt(ring.length)];
      double dx = b.x - centre.x;
      double dy = b.y - centre.y;
      double len = Math.hypot(dx, dy);
      double out = (300 + r.nextDouble() * 2200) / 100_000.0;
      Coordinate c = new Coordinate(round6(b.x + dx / len * out), round6(b.y + dy / len * out));
      if (inZone.locate(c) == Location.EXTERIOR
          && zoneDist.distance(zone.getFactory().createPoint(c)) > 2e-3) {
        pts.add(c);
        gridOf.add(null);
        i++;
      }
    }
    LocalDate oldFrom = LocalDate.of(2004, 1, 1);
    int oldSpan = (int) (LocalDate.of(2024, 12, 31).toEpochDay() - oldFrom.toEpochDay());
    for (int i = 0; i < pts.size(); i++) {
      int ind = r.nextInt(Names.INDUSTRIES.length);
      LocalDate reg;
      LocalDate disc = null;
      boolean isNew = Rng.chance(r, 0.05);
      if (isNew) {
        reg = LocalDate.of(2025, 1, 3).plusDays(r.nextInt(330));
        int delay = Rng.chance(r, 0.2) ? Rng.between(r, 35, 75) : Rng.between(r, 2, 25);
        disc = reg.plusDays(delay);
      } else {
        double u = Math.max(r.nextDouble(), r.nextDouble());
        reg = oldFrom.plusDays((long) (u * oldSpan));
      }
      LocalDate closed = null;
      double c = r.nextDouble();
      if (!isNew && c < 0.015) {
        closed = LocalDate.of(2025, 2, 1).plusDays(r.nextInt(300));
      } else if (!isNew && c < 0.02) {
        closed = LocalDate.of(2024, 3, 1).plusDays(r.nextInt(250));
      }
      if (closed != null && !closed.isAfter(reg)) {
        closed = reg.plusDays(60); // an enterprise closes after it was registered
      }
      enterprises.add(
          new Ent(
              i,
              names.creditCode(r),
              names.enterprise(r, ind),
              Names.INDUSTRIES[ind],
              Names.address(r),
              pts.get(i).x,
              pts.get(i).y,
              gridOf.get(i),
              reg,
              closed,
              disc));
    }
    for (Ent e : enterprises) {
      if (e.grid != null) {
        entsByGrid.get(e.grid).add(e);
      }
    }
  }

  private void place(
      SynthGrid g, int n, SplittableRandom r, List<Coordinate> pts, List<String> ids) {
    for (int k = 0; k < n; k++) {
      pts.add(randomPointIn(g, r, true));
      ids.add(g.id());
    }
  }

  /** Splits {@code total} over {@code n} buckets with weights in [1 − v, 1 + v]. */
  private static int[] spread(int n, int total, SplittableRandom r, double v) {
    int[] out = new int[n];
    if (n == 0) {
      return out;
    }
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = 1 - v + 2 * v * r.nextDouble();
      sum += w[i];
    }
    int used = 0;
    for (int i = 0; i < n; i++) {
      out[i] = (int) Math.floor(total * w[i] / sum);
      used += out[i];
    }
    for (int i = 0; used < total; i = (i + 1) % n) {
      out[i]++;
      used++;
    }
    return out;
  }

  // ---------------------------------------------------------------- workers

  private LocalDate date(SplittableRandom r, LocalDate from, LocalDate to) {
    return from.plusDays(r.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
  }

  private Wkr newWorker(
      SplittableRandom r, String id, String kind, SynthGrid g, LocalDate hired, boolean weak) {
    LocalDate cert;
    double u = r.nextDouble();
    if (u < 0.03) {
      cert = null;
    } else if (hired.getYear() < 2024 || u < 0.90) {
      cert = hired.plusDays(Rng.between(r, 10, 60));
    } else {
      cert = hired.plusDays(Rng.between(r, 60, 110));
    }
    String town = g.kind().equals("enterprise") ? ZoneTiler.PARK_TOWN : g.town();
    Wkr w =
        new Wkr(
            workers.size(),
            id,
            Names.person(r),
            kind,
            town,
            g.community(),
            Names.phone(r),
            hired,
            cert,
            weak);
    w.assigns.add(new Wkr.Assign(g.id(), hired, null));
    workers.add(w);
    workersByGrid.get(g.id()).add(w);
    return w;
  }

  private void makeWorkers() {
    SplittableRandom r = Rng.of(seed, "workers");
    List<SynthGrid> park = grids("enterprise");
    int width = Math.max(3, Integer.toString(park.size() + park.size() / 10 + 2).length());
    List<Wkr> exclusive = new ArrayList<>();
    for (int i = 0; i < park.size(); i++) {
      LocalDate hired =
          Rng.chance(r, 0.88)
              ? date(r, LocalDate.of(2019, 3, 1), LocalDate.of(2024, 10, 31))
              : date(r, LocalDate.of(2024, 11, 1), LocalDate.of(2025, 2, 28));
      boolean weak = Rng.chance(r, 0.1) || i == 3;
      exclusive.add(
          newWorker(r, "ZS-" + Fmt.pad(i + 1, width), "exclusive", park.get(i), hired, weak));
    }
    // Swaps of two neighbouring grids in the middle of a month (assignments.csv).
    int swaps = Math.max(1, park.size() / 60);
    java.util.Set<Integer> used = new java.util.HashSet<>();
    int next = park.size() + 1;
    for (int s = 0; s < swaps; s++) {
      int i = pickFree(r, park.size() - 1, used, exclusive, true);
      if (i < 0) {
        break;
      }
      used.add(i);
      used.add(i + 1);
      Wkr a = exclusive.get(i);
      Wkr b = exclusive.get(i + 1);
      LocalDate on = LocalDate.of(2025, Rng.between(r, 4, 9), Rng.between(r, 10, 20));
      swap(a, b.grid(), on);
      swap(b, park.get(i).id(), on);
      workersByGrid.get(park.get(i).id()).add(b);
      workersByGrid.get(park.get(i + 1).id()).add(a);
    }
    // Leavers replaced on the same day by a new hire.
    int leavers = Math.max(1, park.size() / 30);
    for (int s = 0; s < leavers; s++) {
      int i = pickFree(r, park.size(), used, exclusive, false);
      if (i < 0) {
        break;
      }
      used.add(i);
      Wkr a = exclusive.get(i);
      LocalDate on = date(r, LocalDate.of(2025, 5, 1), LocalDate.of(2025, 9, 30));
      a.left = on;
      newWorker(r, "ZS-" + Fmt.pad(next++, width), "exclusive", park.get(i), on, false);
    }
    // Town grids: one full-time worker per community grid, one part-time per village grid.
    List<SynthGrid> town =
        layout.grids().stream().filter(g -> !g.kind().equals("enterprise")).toList();
    int tw = Math.max(3, Integer.toString(town.size() + layout.towns().size() + 1).length());
    int ft = 1;
    int pt = 1;
    for (SynthGrid g : town) {
      boolean full = g.kind().equals("community");
      LocalDate hired =
          Rng.chance(r, 0.9)
              ? date(r, LocalDate.of(2018, 1, 1), LocalDate.of(2024, 12, 31))
              : date(r, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 8, 31));
      Wkr w =
          newWorker(
              r,
              full ? "ZZ-" + Fmt.pad(ft++, tw) : "JZ-" + Fmt.pad(pt++, tw),
              full ? "fulltime" : "parttime",
              g,
              hired,
              false);
      if (Rng.chance(r, 0.03) && hired.getYear() < 2025) {
        w.left = date(r, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 11, 30));
      }
    }
    // Roles: a station manager per community (its first grid's worker), a sub-centre head per
    // town (an extra full-time worker attached to the town's first grid).
    Map<String, Wkr> firstOfCommunity = new TreeMap<>();
    for (Wkr w : workers) {
      if (!w.kind.equals("exclusive")) {
        firstOfCommunity.putIfAbsent(w.town + "/" + w.community, w);
      }
    }
    firstOfCommunity.values().forEach(w -> w.role = "station_manager");
    for (String t : layout.towns()) {
      SynthGrid first =
          town.stream()
              .filter(g -> g.town().equals(t))
              .min(Comparator.comparing(g -> g.kind().equals("community") ? 0 : 1))
              .orElse(null);
      if (first == null) {
        continue;
      }
      Wkr h =
          newWorker(
              r,
              "ZZ-" + Fmt.pad(ft++, tw),
              "fulltime",
              first,
              date(r, LocalDate.of(2016, 1, 1), LocalDate.of(2022, 12, 31)),
              false);
      h.role = "subcenter_head";
    }
    workers.sort(Comparator.comparing(w -> w.id));
  }

  private static void swap(Wkr w, String newGrid, LocalDate on) {
    Wkr.Assign a = w.assigns.remove(w.assigns.size() - 1);
    w.assigns.add(new Wkr.Assign(a.grid(), a.from(), on));
    w.assigns.add(new Wkr.Assign(newGrid, on, null));
    w.explicitAssignments = true;
  }

  private static int pickFree(
      SplittableRandom r, int bound, java.util.Set<Integer> used, List<Wkr> ex, boolean pair) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int i = r.nextInt(Math.max(1, bound));
      boolean ok =
          !used.contains(i)
              && ex.get(i).hired.getYear() < 2025
              && (!pair
                  || (i + 1 < ex.size()
                      && !used.contains(i + 1)
                      && ex.get(i + 1).hired.getYear() < 2025));
      if (ok) {
        return i;
      }
    }
    return -1;
  }
}
