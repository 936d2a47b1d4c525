package io.gridwatch.ingest.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** The smaller tables: spot checks, incidents, panel scores, uploads, town scores, training. */
final class SideTables {
  private static final String[] CHECKERS = {"刘建华", "陈晓梅", "王志强", "赵丽君"};
  private static final String[] ASSESSORS = {"应急局考核组", "生态环境局考核组"};

  private final World w;

  SideTables(World world) {
    this.w = world;
  }

  private static CsvOut csv(Path dir, String table, String... header) throws IOException {
    return new CsvOut(dir.resolve(table + ".csv"), StandardCharsets.UTF_8, List.of(header));
  }

  /** Counted enterprises of a grid in a month (assessment-rules.md §1). */
  private List<Ent> counted(String grid, YearMonth ym) {
    LocalDate last = ym.atEndOfMonth();
    LocalDate mid = ym.atDay(15);
    return w.entsByGrid.get(grid).stream()
        .filter(e -> !e.registered.plusDays(30).isAfter(last))
        .filter(e -> e.closed == null || e.closed.isAfter(mid))
        .toList();
  }

  /** spot_checks.csv: up to 10 sampled enterprises per enterprise grid and month. */
  long spotChecks(Path dir) throws IOException {
    List<SynthGrid> grids = w.grids("enterprise");
    SplittableRandom pick = Rng.of(w.seed, "awareness-grids");
    java.util.Set<String> low = new java.util.TreeSet<>();
    int lows = Math.max(1, grids.size() / 20);
    while (low.size() < Math.min(lows, grids.size())) {
      low.add(grids.get(pick.nextInt(grids.size())).id());
    }
    try (CsvOut out =
        csv(
            dir,
            "spot_checks",
            "check_id",
            "month",
            "grid_id",
            "enterprise_id",
            "knows_worker",
            "checked_on",
            "checker")) {
      for (int m = 0; m < World.MONTHS; m++) {
        YearMonth ym = World.month(m);
        for (SynthGrid g : grids) {
          SplittableRandom r = Rng.of(w.seed, "spot", m, g.id().hashCode());
          List<Ent> pool = new ArrayList<>(counted(g.id(), ym));
          int n = Math.min(10, pool.size());
          double p = low.contains(g.id()) ? (m >= 2 && m <= 6 ? 0.45 : 0.75) : 0.95;
          LocalDate on = ym.atDay(Rng.between(r, 5, ym.lengthOfMonth() - 2));
          String id = "ZX" + ym.getYear() + Fmt.pad(ym.getMonthValue(), 2) + "-" + g.id();
          String checker = Rng.pick(r, CHECKERS);
          List<Ent> sample = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            sample.add(pool.remove(r.nextInt(pool.size())));
          }
          sample.sort(Comparator.comparing(e -> e.id));
          for (Ent e : sample) {
            out.row(
                id,
                ym.toString(),
                g.id(),
                e.id,
                Rng.chance(r, p) ? "true" : "false",
                Fmt.date(on),
                checker);
          }
        }
      }
      return out.rows();
    }
  }

  /** incidents.csv: a handful, one major incident with a late arrival. */
  long incidents(Path dir) throws IOException {
    SplittableRandom r = Rng.of(w.seed, "incidents");
    List<SynthGrid> park = w.grids("enterprise");
    List<SynthGrid> all = w.layout.grids();
    try (CsvOut out =
        csv(
            dir,
            "incidents",
            "incident_id",
            "grid_id",
            "lon",
            "lat",
            "severity",
            "occurred_at",
            "notified_at",
            "arrived_at",
            "worker_id")) {
      for (int i = 0; i < w.scale.incidents; i++) {
        String severity;
        int arrivalMin;
        boolean never = false;
        if (i == 0) {
          severity = "major";
          arrivalMin = Rng.between(r, 80, 130);
        } else if (i == 1) {
          severity = "major";
          arrivalMin = Rng.between(r, 20, 50);
        } else {
          double u = r.nextDouble();
          severity =
              u < 0.62 ? "general" : u < 0.9 ? "large" : u < 0.99 ? "major" : "especially_major";
          arrivalMin = Rng.chance(r, 0.2) ? Rng.between(r, 61, 150) : Rng.between(r, 10, 55);
          never = severity.equals("general") && Rng.chance(r, 0.15);
        }
        SynthGrid g =
            i < 2 || Rng.chance(r, 0.8)
                ? park.get(r.nextInt(park.size()))
                : all.get(r.nextInt(all.size()));
        List<Ent> ents = w.entsByGrid.get(g.id());
        double lon;
        double lat;
        if (!ents.isEmpty()) {
          Ent e = ents.get(r.nextInt(ents.size()));
          lon = e.lon;
          lat = e.lat;
        } else {
          org.locationtech.jts.geom.Coordinate c = w.randomPointIn(g, r, true);
          lon = c.x;
          lat = c.y;
        }
        LocalDate day = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(360));
        LocalDateTime notified = day.atTime(Rng.between(r, 7, 21), r.nextInt(60), r.nextInt(60));
        LocalDateTime occurred = notified.minusMinutes(Rng.between(r, 3, 40));
        LocalDateTime arrived =
            never ? null : notified.plusMinutes(arrivalMin).plusSeconds(r.nextInt(60));
        Wkr h = w.holder(g.id(), day);
        out.row(
            "SG-2025-" + Fmt.pad(i + 1, 3),
            g.id(),
            Fmt.d6(lon),
            Fmt.d6(lat),
            severity,
            Fmt.dateTime(occurred),
            Fmt.dateTime(notified),
            Fmt.dateTime(arrived),
            h == null ? null : h.id);
      }
      return out.rows();
    }
  }

  /** info_scores.csv and assist_scores.csv: panel scores per exclusive worker and month. */
  long[] panelScores(Path dir) throws IOException {
    List<Wkr> ex = w.workers("exclusive");
    SplittableRandom r = Rng.of(w.seed, "panel");
    java.util.Set<String> missing = new java.util.TreeSet<>();
    int nMissing = Math.max(2, ex.size() / 20);
    for (int i = 0; i < nMissing; i++) {
      missing.add(ex.get(r.nextInt(ex.size())).id + "/" + World.month(Rng.between(r, 2, 10)));
    }
    long[] counts = new long[2];
    try (CsvOut info = csv(dir, "info_scores", "worker_id", "month", "score", "assessor", "note");
        CsvOut assist =
            csv(dir, "assist_scores", "worker_id", "month", "score", "task_count", "note")) {
      for (Wkr k : ex) {
        for (int m = 0; m < World.MONTHS; m++) {
          YearMonth ym = World.month(m);
          if (!k.employedOn(ym.atDay(15))) {
            continue;
          }
          SplittableRandom s = Rng.of(w.seed, "panel", m, k.index);
          double iv = clamp(Rng.gauss(s, k.weak ? 23 : 26.5, 2.0), 12, 30);
          double av = clamp(Rng.gauss(s, k.weak ? 15 : 17.5, 1.5), 8, 20);
          if (!missing.contains(k.id + "/" + ym)) {
            String note = iv >= 29 ? "材料报送及时、规范" : iv < 20 ? "台账不完整" : null;
            info.row(k.id, ym.toString(), Fmt.d1(iv), Rng.pick(s, ASSESSORS), note);
          }
          int tasks = Rng.between(s, 0, 8);
          assist.row(
              k.id,
              ym.toString(),
              Fmt.d1(tasks == 0 ? 20 : av),
              tasks,
              tasks == 0 ? "本月无协管任务" : null);
        }
      }
      counts[0] = info.rows();
      counts[1] = assist.rows();
    }
    return counts;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.round(Math.max(lo, Math.min(hi, v)) * 10) / 10.0;
  }

  /** info_uploads.csv: weekly uploads of exclusive workers (some weeks missed). */
  long uploads(Path dir) throws IOException {
    LocalDate firstMonday = LocalDate.of(2024, 12, 30);
    try (CsvOut out =
        csv(dir, "info_uploads", "upload_id", "worker_id", "uploaded_at", "items", "photos")) {
      long seq = 0;
      for (Wkr k : w.workers("exclusive")) {
        SplittableRandom r = Rng.of(w.seed, "uploads", k.index);
        for (LocalDate mon = firstMonday;
            mon.getYear() <= 2025 && mon.isBefore(LocalDate.of(2026, 1, 1));
            mon = mon.plusWeeks(1)) {
          if (!Rng.chance(r, k.weak ? 0.7 : 0.93)) {
            continue;
          }
          int n = Rng.chance(r, 0.3) ? 2 : 1;
          List<LocalDateTime> times = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            LocalDate d = mon.plusDays(r.nextInt(5));
            if (d.getYear() != 2025 || !k.employedOn(d) || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
              continue;
            }
            times.add(d.atTime(Rng.between(r, 9, 18), r.nextInt(60), r.nextInt(60)));
          }
          times.sort(Comparator.naturalOrder());
          for (LocalDateTime t : times) {
            seq++;
            out.row(
                "SC" + Fmt.pad(seq, 8),
                k.id,
                Fmt.dateTime(t),
                Rng.between(r, 1, 15),
                r.nextInt(11));
          }
        }
      }
      return out.rows();
    }
  }

  /** town_scores.csv: quarterly and yearly results of full-time workers, some part-time. */
  long townScores(Path dir) throws IOException {
    SplittableRandom r = Rng.of(w.seed, "town-scores");
    List<String> towns = w.layout.towns();
    // Submission date per town and quarter (batch); one late submission.
    LocalDate[][] submitted = new LocalDate[towns.size()][5];
    for (int t = 0; t < towns.size(); t++) {
      for (int q = 1; q <= 4; q++) {
        LocalDate due = LocalDate.of(2025, 1, 15).plusMonths(3L * q);
        submitted[t][q - 1] = due.minusDays(Rng.between(r, 1, 12));
      }
      submitted[t][4] = LocalDate.of(2026, 1, Rng.between(r, 18, 28));
    }
    if (towns.size() > 1) {
      submitted[1][1] = LocalDate.of(2025, 7, 18);
    }
    List<Wkr> ft = w.workers("fulltime");
    Wkr twice =
        ft.stream()
            .filter(
                k -> k.left == null && k.hired.getYear() < 2025 && !k.role.equals("subcenter_head"))
            .findFirst()
            .orElse(null);
    try (CsvOut out =
        csv(dir, "town_scores", "worker_id", "period", "score", "grade", "town", "submitted_on")) {
      for (Wkr k : w.workers) {
        if (k.kind.equals("exclusive")) {
          continue;
        }
        int t = towns.indexOf(k.town);
        boolean part = k.kind.equals("parttime");
        if (part && t % 2 == 1) {
          continue; // only some towns report part-time results
        }
        SplittableRandom s = Rng.of(w.seed, "town-score", k.index);
        double sum = 0;
        int quarters = 0;
        for (int q = 1; q <= 4; q++) {
          LocalDate qEnd = LocalDate.of(2025, 3 * q, 1).plusMonths(1).minusDays(1);
          LocalDate qStart = LocalDate.of(2025, 3 * q - 2, 1);
          if (!k.employedOn(qEnd) && !k.employedOn(qStart)) {
            continue;
          }
          double score = clamp(Rng.gauss(s, 86, 6), 55, 99);
          if (k == twice && (q == 2 || q == 3)) {
            score = q == 2 ? 64.5 : 66.0;
          }
          sum += score;
          quarters++;
          out.row(
              k.id,
              "2025Q" + q,
              Fmt.d1(score),
              Rng.chance(s, 0.85) ? grade(score) : null,
              k.town,
              Fmt.date(submitted[t][q - 1]));
        }
        if (quarters > 0 && !part) {
          double year = clamp(sum / quarters, 0, 100);
          String g = k == twice ? "合格" : grade(year);
          out.row(k.id, "2025", Fmt.d1(year), g, k.town, Fmt.date(submitted[t][4]));
        }
      }
      return out.rows();
    }
  }

  private static String grade(double s) {
    return s >= 95 ? "优秀" : s >= 80 ? "合格" : s >= 70 ? "基本合格" : "不合格";
  }

  /** training.csv: zone sessions per half-year and town sessions per year. */
  long training(Path dir) throws IOException {
    SplittableRandom r = Rng.of(w.seed, "training");
    try (CsvOut out =
        csv(
            dir,
            "training",
            "session_id",
            "held_on",
            "organizer",
            "town",
            "topic",
            "attendee_ids")) {
      int[] seq = {0};
      String[][] zoneTopics = {
        {"2025-03-12", "网格化监管业务培训（上半年）"},
        {"2025-05-20", "安全生产隐患排查实务"},
        {"2025-09-10", "环境执法与网格巡查规范（下半年）"},
        {"2025-11-18", "应急处置与信息报送"}
      };
      List<Wkr> zoneAud =
          w.workers.stream()
              .filter(k -> k.kind.equals("exclusive") || k.kind.equals("fulltime"))
              .toList();
      java.util.Set<String> skipZone = new java.util.TreeSet<>();
      for (int i = 0; i < Math.max(1, zoneAud.size() / 25); i++) {
        skipZone.add(zoneAud.get(r.nextInt(zoneAud.size())).id);
      }
      for (int s = 0; s < zoneTopics.length; s++) {
        LocalDate on = LocalDate.parse(zoneTopics[s][0]);
        List<String> att = new ArrayList<>();
        for (Wkr k : zoneAud) {
          boolean firstOfHalf = s % 2 == 0;
          boolean goes = firstOfHalf ? Rng.chance(r, 0.8) : Rng.chance(r, 0.5);
          if (k.employedOn(on) && goes && !(skipZone.contains(k.id) && s >= 2)) {
            att.add(k.id);
          }
        }
        sessions(out, seq, on, "zone", null, zoneTopics[s][1], att);
      }
      String[][] townTopics = {{"04-16", "社区网格员业务培训"}, {"10-22", "矛盾纠纷排查化解培训"}};
      for (String t : w.layout.towns()) {
        List<Wkr> aud =
            w.workers.stream()
                .filter(k -> !k.kind.equals("exclusive") && k.town.equals(t))
                .toList();
        for (String[] tt : townTopics) {
          LocalDate on = LocalDate.parse("2025-" + tt[0]).plusDays(r.nextInt(5));
          List<String> att = new ArrayList<>();
          for (Wkr k : aud) {
            if (k.employedOn(on) && Rng.chance(r, 0.75)) {
              att.add(k.id);
            }
          }
          sessions(out, seq, on, "town", t, t + tt[1], att);
        }
      }
      return out.rows();
    }
  }

  private static void sessions(
      CsvOut out, int[] seq, LocalDate on, String org, String town, String topic, List<String> att)
      throws IOException {
    int batch = 80;
    for (int i = 0; i < att.size(); i += batch) {
      List<String> part = att.subList(i, Math.min(att.size(), i + batch));
      seq[0]++;
      String t = att.size() > batch ? topic + "（第" + (i / batch + 1) + "期）" : topic;
      out.row("PX-2025-" + Fmt.pad(seq[0], 3), Fmt.date(on), org, town, t, String.join(";", part));
    }
  }

  /** assignments.csv: the grid history of workers that changed grids. */
  long assignments(Path dir) throws IOException {
    try (CsvOut out = csv(dir, "assignments", "worker_id", "grid_id", "from", "to")) {
      for (Wkr k : w.workers) {
        if (!k.explicitAssignments) {
          continue;
        }
        for (Wkr.Assign a : k.assigns) {
          out.row(k.id, a.grid(), Fmt.date(a.from()), Fmt.date(a.to()));
        }
      }
      return out.rows();
    }
  }
}
