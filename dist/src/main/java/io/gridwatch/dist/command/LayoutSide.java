package io.gridwatch.dist.command;

import io.gridwatch.core.layout.CheckReport;
import io.gridwatch.core.layout.DiffReport;
import io.gridwatch.core.layout.Holders;
import io.gridwatch.core.layout.LayoutCheck;
import io.gridwatch.core.layout.LayoutDiff;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.layout.LayoutProblem;
import io.gridwatch.core.layout.LayoutSuggest;
import io.gridwatch.core.layout.SuggestReport;
import io.gridwatch.core.layout.Zone;
import io.gridwatch.core.layout.read.LayoutFiles;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.core.time.Periods;
import io.gridwatch.dist.layout.LakeLayout;
import io.gridwatch.dist.layout.LayoutActivation;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bodies of {@code gridwatch layout check|diff}: they run in the Spark-side JVM (dist classpath)
 * but start no Spark — the lake's small tables are read by {@link LakeLayout}, the work is done by
 * the pure {@code core/layout} classes. Unusable input (file, format, CRS, option) is an {@link
 * IllegalArgumentException}: one line, exit 2.
 */
final class LayoutSide {
  private LayoutSide() {}

  /** Body of {@link LayoutCommand.Check}: exit 0 valid, 1 problems. */
  static Integer check(LayoutCommand.Check c) throws Exception {
    boolean json = c.format.json();
    LocalDate day = day(c.effective);
    Rules.LayoutRules rules = (c.rules == null ? Rules.defaults() : Rules.load(c.rules)).layout();
    List<LayoutGrid> grids = LayoutFiles.read(c.file);
    LakeLayout lake = LakeLayout.open(c.lake.lake());
    LakeLayout.Active active = lake.active(day);
    Zone zone;
    if (c.zone != null) {
      zone = Zone.unionOf(LayoutFiles.read(c.zone), false, "--zone " + c.zone.getFileName());
    } else if (active != null && !active.grids().isEmpty()) {
      zone =
          Zone.unionOf(
              active.grids(),
              false,
              "数据湖现行布局 v" + active.version() + " / active layout v" + active.version());
    } else {
      zone = Zone.unionOf(grids, true, "文件自身的外轮廓 / outline of FILE");
    }
    List<Holders.Worker> workers = lake.workers();
    Set<String> held =
        workers.isEmpty() ? null : Holders.on(day, workers, lake.assignments()).keySet();
    CheckReport report = LayoutCheck.run(grids, zone, held, rules);
    PrintWriter out = c.spec.commandLine().getOut();
    out.print(json ? report.toJson() : report.toText());
    if (!json && held == null) {
      out.println("（数据湖中没有网格员，未检查 no_worker / no workers in the lake: no_worker not checked）");
    }
    out.flush();
    return report.valid() ? 0 : 1;
  }

  /** Body of {@link LayoutCommand.Diff}: exit 0, or 1 when the lake has no active layout. */
  static Integer diff(LayoutCommand.Diff c) throws Exception {
    boolean json = c.format.json();
    LocalDate day = day(c.effective);
    List<LayoutGrid> draft = LayoutFiles.read(c.file);
    LakeLayout lake = LakeLayout.open(c.lake.lake());
    LakeLayout.Active active = lake.active(day);
    if (active == null || active.grids().isEmpty()) {
      c.spec
          .commandLine()
          .getErr()
          .println(
              "失败 / failed: 数据湖 "
                  + c.lake.lake()
                  + " 中没有现行布局 / the lake has no active layout to compare with (run"
                  + " gridwatch ingest first)");
      return 1;
    }
    Map<String, List<String>> holders = Holders.on(day, lake.workers(), lake.assignments());
    var quarter = LayoutDiff.lastQuarter(lake.gridMonth());
    DiffReport report =
        LayoutDiff.compute(
            active.grids(),
            active.version(),
            draft,
            lake.enterprises(day),
            holders,
            quarter.getKey(),
            quarter.getValue(),
            day);
    PrintWriter out = c.spec.commandLine().getOut();
    out.print(json ? report.toJson() : report.toText());
    out.flush();
    return 0;
  }

  /**
   * Body of {@link LayoutCommand.Activate}: runs the check (every problem but no_worker blocks),
   * then writes the new layout version; exit 0 activated, 1 problems or refused date.
   */
  static Integer activate(LayoutCommand.Activate c) throws Exception {
    LocalDate day = day(c.effective);
    Rules.LayoutRules rules = (c.rules == null ? Rules.defaults() : Rules.load(c.rules)).layout();
    List<LayoutGrid> draft = LayoutFiles.read(c.file);
    LakeLayout lake = LakeLayout.open(c.lake.lake());
    LakeLayout.Active active = lake.active(day.minusDays(1));
    PrintWriter out = c.spec.commandLine().getOut();
    PrintWriter err = c.spec.commandLine().getErr();
    if (active == null || active.grids().isEmpty()) {
      err.println(
          "失败 / failed: 数据湖中没有现行布局 / the lake has no layout yet (ingest grids.geojson" + " first)");
      return 1;
    }
    Zone zone =
        c.zone != null
            ? Zone.unionOf(LayoutFiles.read(c.zone), false, "--zone " + c.zone.getFileName())
            : Zone.unionOf(
                active.grids(),
                false,
                "数据湖现行布局 v" + active.version() + " / active layout v" + active.version());
    List<Holders.Worker> workers = lake.workers();
    Set<String> held =
        workers.isEmpty() ? null : Holders.on(day, workers, lake.assignments()).keySet();
    CheckReport report = LayoutCheck.run(draft, zone, held, rules);
    boolean blocked =
        report.problems().stream().anyMatch(p -> p.type() != LayoutProblem.Type.NO_WORKER);
    if (blocked) {
      out.print(report.toText());
      out.flush();
      err.println("未启用 / not activated: 请先修正以上问题 / fix the problems above first");
      return 1;
    }
    String name = c.name != null ? c.name : c.file.getFileName().toString();
    LayoutActivation.Result r;
    try {
      r = LayoutActivation.activate(c.lake.lake(), draft, day, name, held);
    } catch (IllegalArgumentException e) {
      err.println("未启用 / not activated: " + e.getMessage());
      return 1;
    }
    out.printf(
        "已启用布局 v%d「%s」：%d 个网格，自 %s 起生效%s%n"
            + "activated layout v%d (%s): %d grids in force from %s%s%n",
        r.version(),
        name,
        r.grids(),
        r.effectiveFrom(),
        r.retired() == 0 ? "" : "，v" + r.retired() + " 退役（仍用于以前的月份）",
        r.version(),
        name,
        r.grids(),
        r.effectiveFrom(),
        r.retired() == 0 ? "" : "; v" + r.retired() + " retired (still applies to earlier months)");
    if (held == null) {
      out.println("（数据湖中没有网格员 / no workers in the lake）");
    } else if (r.needWorker().isEmpty()) {
      out.println("每个网格都有网格员 / every grid has a worker");
    } else {
      out.println("需配备网格员的网格 / grids that need a worker: " + String.join(", ", r.needWorker()));
    }
    out.flush();
    return 0;
  }

  /**
   * Body of {@link LayoutCommand.Suggest}: suggests moves on FILE (default: the active layout) for
   * the lake's enterprises; with --accept/--reject re-applies only the accepted moves. Exit 0 the
   * result reaches the target, 1 it does not (or no layout / enterprises).
   */
  static Integer suggest(LayoutCommand.Suggest c) throws Exception {
    boolean json = c.format.json();
    LocalDate day = day(c.effective);
    if (c.accept != null && c.reject != null) {
      throw new IllegalArgumentException("--accept and --reject cannot be combined");
    }
    LayoutSuggest.Options options =
        LayoutSuggest.Options.of(c.kind, c.target).inTown(c.town).withMaxMoves(c.maxMoves);
    LakeLayout lake = LakeLayout.open(c.lake.lake());
    PrintWriter err = c.spec.commandLine().getErr();
    List<LayoutGrid> grids;
    if (c.file != null) {
      grids = LayoutFiles.read(c.file);
    } else {
      LakeLayout.Active active = lake.active(day);
      if (active == null || active.grids().isEmpty()) {
        err.println(
            "失败 / failed: 数据湖 "
                + c.lake.lake()
                + " 中没有现行布局，请指定布局文件 / the lake has no active layout: give a layout FILE");
        return 1;
      }
      grids = active.grids();
    }
    List<LayoutDiff.Enterprise> enterprises = lake.enterprises(day);
    if (enterprises.isEmpty()) {
      err.println("失败 / failed: 数据湖中没有企业 / the lake has no enterprise in force on " + day);
      return 1;
    }
    LayoutSuggest.Outcome result = LayoutSuggest.suggest(grids, enterprises, options);
    if (c.accept != null || c.reject != null) {
      java.util.Set<Integer> all = new java.util.TreeSet<>();
      result.moves().forEach(m -> all.add(m.id()));
      List<Integer> given = c.accept != null ? c.accept : c.reject;
      for (Integer id : given) {
        if (!all.contains(id)) {
          throw new IllegalArgumentException(
              "no move " + id + " (moves are 1.." + all.size() + ")");
        }
      }
      java.util.Set<Integer> accepted = new java.util.TreeSet<>(all);
      if (c.accept != null) {
        accepted.retainAll(c.accept);
      } else {
        c.reject.forEach(accepted::remove);
      }
      result = LayoutSuggest.apply(grids, enterprises, result.moves(), accepted, options);
    }
    if (c.out != null) {
      java.nio.file.Files.writeString(c.out, SuggestReport.geoJson(result));
    }
    PrintWriter out = c.spec.commandLine().getOut();
    out.print(json ? SuggestReport.toJson(result) : SuggestReport.toText(result));
    if (!json && c.out != null) {
      out.println("结果布局已写入 / resulting layout written to " + c.out);
    }
    out.flush();
    return result.after().reached() ? 0 : 1;
  }

  private static LocalDate day(String effective) {
    if (effective == null) {
      return LocalDate.now(Periods.ZONE);
    }
    try {
      return LocalDate.parse(effective.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--effective must be a date YYYY-MM-DD, got " + effective);
    }
  }
}
