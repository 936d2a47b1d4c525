package io.gridwatch.ingest.synthetic;

import io.gridwatch.core.crs.ChinaCrs;
import io.gridwatch.core.geo.Geodesy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;

/**
 * Patrol records, one CSV per month under {@code patrols/}, generated worker by worker so that
 * memory stays bounded by one worker-month. Check-in points are written in GCJ-02.
 */
final class PatrolGen {
  static final List<String> HEADER =
      List.of(
          "patrol_id",
          "worker_id",
          "enterprise_id",
          "visited_at",
          "lon",
          "lat",
          "category",
          "issue_found",
          "description",
          "photos",
          "reported_at");

  private static final String[] ROUTINE = {
    "例行巡查，未发现问题", "检查安全生产台账，正常", "查看环保设施运行情况，正常", "宣传安全生产法律法规", "", ""
  };
  private static final String[] GENERAL = {
    "走访入户，了解社情民意", "巡查出租房屋", "排查矛盾纠纷", "街面巡查，秩序正常", "走访重点人员", "消防通道巡查"
  };
  private static final String[] ENV = {"废气处理设施未正常运行", "雨污管网混接，已督促整改", "危险废物暂存间标识不规范", "厂区扬尘控制不到位"};
  private static final String[] SAFE = {
    "消防通道堆放杂物，已责令清理", "灭火器过期未更换", "特种作业人员未持证上岗", "配电箱未上锁", "安全警示标识缺失"
  };
  private static final String[] ORDER = {"劳资纠纷，已联系调解", "外来人员登记不全", "邻里纠纷，已现场调解"};

  /** One check-in before ids are assigned. */
  private static final class Visit {
    final Ent ent;
    LocalDate date;
    LocalDateTime at;
    double lon;
    double lat;
    boolean copied;

    Visit(Ent ent, LocalDate date, double lon, double lat) {
      this.ent = ent;
      this.date = date;
      this.lon = lon;
      this.lat = lat;
    }
  }

  private final World world;
  private long total;

  PatrolGen(World world) {
    this.world = world;
  }

  /** Writes {@code patrols/YYYY-MM.csv} for every month; returns the number of rows. */
  long write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Wkr> exclusive = world.workers("exclusive");
    List<Wkr> town = world.workers.stream().filter(w -> !w.kind.equals("exclusive")).toList();
    for (int m = 0; m < World.MONTHS; m++) {
      YearMonth ym = World.month(m);
      try (CsvOut out = new CsvOut(dir.resolve(ym + ".csv"), StandardCharsets.UTF_8, HEADER)) {
        long[] seq = {0};
        for (Wkr w : exclusive) {
          emit(out, ym, w, exclusiveVisits(w, ym, m), seq, m);
        }
        long exclusiveRows = seq[0];
        long active = town.stream().filter(w -> w.employedOn(ym.atDay(15))).count();
        int topUp = 0;
        if (world.scale.patrolsPerMonthTarget > 0 && active > 0) {
          topUp =
              (int)
                  Math.ceil((world.scale.patrolsPerMonthTarget - exclusiveRows) / (double) active);
        }
        for (Wkr w : town) {
          emit(out, ym, w, townVisits(w, ym, m, topUp), seq, m);
        }
        total += out.rows();
      }
    }
    return total;
  }

  // ---------------------------------------------------------------- exclusive workers

  private List<Visit> exclusiveVisits(Wkr w, YearMonth ym, int m) {
    SplittableRandom r = Rng.of(world.seed, "patrol-ex", m, w.index);
    Map<String, List<LocalDate>> daysByGrid = new LinkedHashMap<>();
    for (int d = 1; d <= ym.lengthOfMonth(); d++) {
      LocalDate day = ym.atDay(d);
      String g = w.gridOn(day);
      if (g != null) {
        daysByGrid.computeIfAbsent(g, k -> new ArrayList<>()).add(day);
      }
    }
    List<Visit> visits = new ArrayList<>();
    if (daysByGrid.isEmpty()) {
      return visits;
    }
    boolean missMonth = Rng.chance(r, w.weak ? 0.35 : 0.08);
    for (Map.Entry<String, List<LocalDate>> e : daysByGrid.entrySet()) {
      List<LocalDate> held = e.getValue();
      List<LocalDate> work = held.stream().filter(PatrolGen::workday).toList();
      if (work.isEmpty()) {
        work = held;
      }
      List<Ent> ents = world.entsByGrid.get(e.getKey());
      java.util.Set<Integer> missed = new java.util.HashSet<>();
      if (missMonth && !ents.isEmpty()) {
        int k = Rng.between(r, 1, 3);
        for (int i = 0; i < k; i++) {
          missed.add(ents.get(r.nextInt(ents.size())).index);
        }
      }
      for (Ent ent : ents) {
        LocalDate lo = ent.registered.isAfter(ym.atDay(1)) ? ent.registered : ym.atDay(1);
        if (ent.discovery != null && ent.discovery.isAfter(lo)) {
          lo = ent.discovery;
        }
        LocalDate hi = ym.atEndOfMonth();
        if (ent.closed != null && !ent.closed.isAfter(hi)) {
          hi = ent.closed.minusDays(1);
        }
        if (lo.isAfter(hi)) {
          continue;
        }
        boolean forced =
            ent.discovery != null
                && YearMonth.from(ent.discovery).equals(ym)
                && held.contains(ent.discovery);
        if (missed.contains(ent.index) && !forced) {
          continue;
        }
        final LocalDate from = lo;
        final LocalDate to = hi;
        List<LocalDate> allowed =
            new ArrayList<>(
                work.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList());
        int k = visitsCount(r);
        List<LocalDate> chosen = new ArrayList<>();
        if (forced) {
          chosen.add(ent.discovery);
          allowed.remove(ent.discovery);
          k--;
        }
        for (int i = 0; i < k && !allowed.isEmpty(); i++) {
          chosen.add(allowed.remove(r.nextInt(allowed.size())));
        }
        for (LocalDate d : chosen) {
          double[] p =
              offset(
                  r,
                  ent.lon,
                  ent.lat,
                  Rng.chance(r, 0.004) ? 600 + r.nextDouble() * 900 : r.nextDouble() * 80);
          visits.add(new Visit(ent, d, p[0], p[1]));
        }
      }
    }
    schedule(visits, r);
    // Suspicious patterns: a duplicated point, an impossible move.
    if (visits.size() > 4 && Rng.chance(r, 1 / 12.0)) {
      Visit a = visits.get(r.nextInt(visits.size()));
      Visit b = visits.get(r.nextInt(visits.size()));
      if (a.ent != b.ent && !a.copied) {
        b.lon = a.lon;
        b.lat = a.lat;
        b.copied = true;
      }
    }
    if (visits.size() > 4 && Rng.chance(r, 1 / 15.0)) {
      Visit a = null;
      Visit b = null;
      double best = 1200;
      for (int i = 0; i < visits.size(); i++) {
        for (int j = i + 1; j < visits.size(); j++) {
          Visit x = visits.get(i);
          Visit y = visits.get(j);
          double dist = Geodesy.haversine(x.lon, x.lat, y.lon, y.lat);
          if (dist > best && !x.copied && !y.copied) {
            best = dist;
            a = x;
            b = y;
          }
        }
      }
      if (a != null) {
        b.date = a.date;
        b.at = a.at.plusSeconds(40 + r.nextInt(60));
      }
    }
    return visits;
  }

  private int visitsCount(SplittableRandom r) {
    int lo = world.scale.visitsMin;
    int hi = world.scale.visitsMax;
    double u = r.nextDouble();
    int k = lo + (int) Math.floor(u * u * (hi - lo + 1));
    return Math.min(hi, k);
  }

  // ---------------------------------------------------------------- town workers

  private List<Visit> townVisits(Wkr w, YearMonth ym, int m, int topUp) {
    SplittableRandom r = Rng.of(world.seed, "patrol-town", m, w.index);
    List<LocalDate> held = new ArrayList<>();
    for (int d = 1; d <= ym.lengthOfMonth(); d++) {
      if (w.gridOn(ym.atDay(d)) != null) {
        held.add(ym.atDay(d));
      }
    }
    List<Visit> visits = new ArrayList<>();
    if (held.isEmpty()) {
      return visits;
    }
    List<LocalDate> work = held.stream().filter(PatrolGen::workday).toList();
    if (work.isEmpty()) {
      work = held;
    }
    SynthGrid g = world.gridById.get(w.gridOn(held.get(0)));
    boolean head = w.role.equals("subcenter_head");
    if (!head) {
      for (Ent ent : world.entsByGrid.get(g.id())) {
        LocalDate d = work.get(r.nextInt(work.size()));
        if (ent.openOn(d) && Rng.chance(r, 0.5)) {
          double[] p = offset(r, ent.lon, ent.lat, r.nextDouble() * 60);
          visits.add(new Visit(ent, d, p[0], p[1]));
        }
      }
    }
    int n;
    if (head) {
      n = Rng.between(r, 4, 8);
    } else if (w.kind.equals("fulltime")) {
      n = Rng.between(r, 18, 30);
    } else {
      n = Rng.between(r, 4, 10);
    }
    n = Math.max(n, topUp);
    n = (int) Math.round(n * held.size() / (double) ym.lengthOfMonth());
    for (int i = 0; i < n; i++) {
      Coordinate c = world.randomPointIn(g, r, false);
      visits.add(new Visit(null, work.get(r.nextInt(work.size())), c.x, c.y));
    }
    schedule(visits, r);
    return visits;
  }

  // ---------------------------------------------------------------- shared

  private static boolean workday(LocalDate d) {
    DayOfWeek w = d.getDayOfWeek();
    return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
  }

  /** Assigns times of day: from 08:30, 15–50 minutes apart, with a lunch break. */
  private static void schedule(List<Visit> visits, SplittableRandom r) {
    Map<LocalDate, List<Visit>> byDay = new TreeMap<>();
    for (Visit v : visits) {
      byDay.computeIfAbsent(v.date, k -> new ArrayList<>()).add(v);
    }
    for (Map.Entry<LocalDate, List<Visit>> e : byDay.entrySet()) {
      List<Visit> day = e.getValue();
      day.sort(Comparator.comparingDouble((Visit v) -> v.lon).thenComparingDouble(v -> v.lat));
      int gapMax = day.size() > 14 ? Math.max(6, 520 / day.size()) : 50;
      int gapMin = Math.min(15, gapMax / 2);
      LocalDateTime t = e.getKey().atTime(8, 30).plusMinutes(r.nextInt(40));
      for (Visit v : day) {
        v.at = t.plusSeconds(r.nextInt(60));
        t = t.plusMinutes(Rng.between(r, gapMin, gapMax));
        if (t.getHour() == 12 || (t.getHour() == 13 && t.getMinute() < 30)) {
          t = t.toLocalDate().atTime(13, 30).plusMinutes(r.nextInt(20));
        }
      }
    }
  }

  /** A point {@code meters} away from (lon, lat) in a random direction, 6 decimals. */
  private static double[] offset(SplittableRandom r, double lon, double lat, double meters) {
    double a = r.nextDouble() * 2 * Math.PI;
    double dLat = meters * Math.cos(a) / 110_950.0;
    double dLon = meters * Math.sin(a) / (111_320.0 * Math.cos(Math.toRadians(lat)));
    return new double[] {lon + dLon, lat + dLat};
  }

  private void emit(CsvOut out, YearMonth ym, Wkr w, List<Visit> visits, long[] seq, int m)
      throws IOException {
    if (visits.isEmpty()) {
      return;
    }
    SplittableRandom r = Rng.of(world.seed, "patrol-rows", m, w.index);
    visits.sort(
        Comparator.comparing((Visit v) -> v.at).thenComparing(v -> v.ent == null ? "" : v.ent.id));
    String prefix = "XC" + ym.getYear() + Fmt.pad(ym.getMonthValue(), 2) + "-";
    for (Visit v : visits) {
      double[] gcj = ChinaCrs.wgs84ToGcj02(v.lon, v.lat);
      boolean issue = Rng.chance(r, v.ent == null ? 0.10 : 0.07);
      String category = "none";
      String desc;
      int photos;
      if (issue) {
        double u = r.nextDouble();
        if (v.ent == null) {
          category = u < 0.5 ? "social_order" : u < 0.8 ? "safety" : "environment";
        } else {
          category = u < 0.4 ? "environment" : u < 0.85 ? "safety" : "social_order";
        }
        desc =
            switch (category) {
              case "environment" -> Rng.pick(r, ENV);
              case "safety" -> Rng.pick(r, SAFE);
              default -> Rng.pick(r, ORDER);
            };
        photos = Rng.between(r, 1, 5);
      } else {
        desc = v.ent == null ? Rng.pick(r, GENERAL) : Rng.pick(r, ROUTINE);
        photos = r.nextInt(3);
      }
      double u = r.nextDouble();
      LocalDateTime reported;
      if (u < 0.04) {
        reported = null;
      } else if (u < 0.07) {
        reported = v.at.plusHours(Rng.between(r, 26, 96));
      } else {
        reported = v.at.plusMinutes(Rng.between(r, 3, 180));
      }
      seq[0]++;
      out.row(
          prefix + Fmt.pad(seq[0], 7),
          w.id,
          v.ent == null ? null : v.ent.id,
          Fmt.dateTime(v.at),
          Fmt.d6(gcj[0]),
          Fmt.d6(gcj[1]),
          category,
          issue ? "true" : "false",
          desc.isEmpty() ? null : desc,
          photos,
          Fmt.dateTime(reported));
    }
  }
}
