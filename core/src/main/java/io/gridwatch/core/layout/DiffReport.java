package io.gridwatch.core.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.layout.GridMetrics.Balance;
import io.gridwatch.core.text.DisplayWidth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link LayoutDiff}: moves, per-grid figures old vs new, balance per grid kind and
 * the workers affected.
 *
 * @param activeVersion the active layout's version compared against
 * @param day the day enterprises and holders are taken at
 * @param enterprises enterprises in force that day
 * @param moves enterprises whose grid changes, by enterprise id
 * @param grids every grid id of either layout, ascending
 * @param balance enterprise-count balance per grid kind, old vs new
 * @param affectedWorkers holders of grids whose enterprise set changes (or that disappear)
 * @param quarter the quarter of {@link GridChange#lastQuarter()} figures, null without grid_month
 */
public record DiffReport(
    int activeVersion,
    LocalDate day,
    int enterprises,
    List<Move> moves,
    List<GridChange> grids,
    List<KindBalance> balance,
    List<AffectedWorker> affectedWorkers,
    String quarter) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * An enterprise changing grid.
   *
   * @param enterpriseId enterprise_id
   * @param name its name
   * @param from grid under the active layout (null: in none)
   * @param to grid under the draft (null: in none)
   */
  public record Move(String enterpriseId, String name, String from, String to) {}

  /**
   * A grid's figures under one layout.
   *
   * @param enterprises enterprises located in it
   * @param areaKm2 area in km² (equal-area)
   * @param tourKm estimated monthly patrol tour in km ({@link Tours})
   * @param polsbyPopper compactness 4πA/P²
   */
  public record Side(int enterprises, double areaKm2, double tourKm, double polsbyPopper) {}

  /**
   * A grid's last-quarter figures from {@code grid_month} (under the active layout).
   *
   * @param patrols patrol records in the grid
   * @param visited Σ enterprises visited over the months
   * @param enterprises Σ enterprises counted over the months
   */
  public record QuarterFigures(long patrols, long visited, long enterprises) {
    /** Σ visited ÷ Σ enterprises, null when no enterprise was counted. */
    public Double coverage() {
      return enterprises == 0 ? null : (double) visited / enterprises;
    }
  }

  /**
   * One grid id compared.
   *
   * @param gridId grid_id
   * @param kind kind (the draft's when present)
   * @param status added | removed | changed | unchanged (shape and enterprises)
   * @param before figures under the active layout, null when added
   * @param after figures under the draft, null when removed
   * @param lastQuarter last quarter's figures of this grid id, null when none
   * @param holders workers holding it on the day
   */
  public record GridChange(
      String gridId,
      String kind,
      String status,
      Side before,
      Side after,
      QuarterFigures lastQuarter,
      List<String> holders) {}

  /**
   * Balance of one grid kind.
   *
   * @param kind grid kind
   * @param before under the active layout (null: no such grids)
   * @param after under the draft (null: no such grids)
   */
  public record KindBalance(String kind, Balance before, Balance after) {}

  /**
   * A worker whose grid's enterprise set changes.
   *
   * @param workerId worker_id
   * @param gridId the grid held
   * @param gained enterprises the grid gains
   * @param lost enterprises the grid loses
   * @param gridRemoved the draft has no grid with this id
   */
  public record AffectedWorker(
      String workerId, String gridId, int gained, int lost, boolean gridRemoved) {}

  /** The report as JSON (keys {@code old}/{@code new} for the two layouts). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("active_layout", activeVersion);
    root.put("day", day.toString());
    root.put("enterprises", enterprises);
    ArrayNode mv = root.putArray("moves");
    for (Move m : moves) {
      mv.addObject()
          .put("enterprise_id", m.enterpriseId())
          .put("name", m.name())
          .put("from", m.from())
          .put("to", m.to());
    }
    root.put("last_quarter", quarter);
    ArrayNode gs = root.putArray("grids");
    for (GridChange g : grids) {
      ObjectNode o = gs.addObject();
      o.put("grid_id", g.gridId()).put("kind", g.kind()).put("status", g.status());
      side(o, "old", g.before());
      side(o, "new", g.after());
      if (g.lastQuarter() == null) {
        o.putNull("last_quarter");
      } else {
        ObjectNode q = o.putObject("last_quarter");
        q.put("patrols", g.lastQuarter().patrols());
        q.put("visited", g.lastQuarter().visited());
        q.put("enterprises", g.lastQuarter().enterprises());
        if (g.lastQuarter().coverage() == null) {
          q.putNull("coverage");
        } else {
          q.put("coverage", round(g.lastQuarter().coverage(), 4));
        }
      }
      ArrayNode h = o.putArray("holders");
      g.holders().forEach(h::add);
    }
    ArrayNode bal = root.putArray("balance");
    for (KindBalance k : balance) {
      ObjectNode o = bal.addObject().put("kind", k.kind());
      balance(o, "old", k.before());
      balance(o, "new", k.after());
    }
    ArrayNode aw = root.putArray("affected_workers");
    for (AffectedWorker a : affectedWorkers) {
      aw.addObject()
          .put("worker_id", a.workerId())
          .put("grid_id", a.gridId())
          .put("gained", a.gained())
          .put("lost", a.lost())
          .put("grid_removed", a.gridRemoved());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void side(ObjectNode o, String key, Side s) {
    if (s == null) {
      o.putNull(key);
      return;
    }
    o.putObject(key)
        .put("enterprises", s.enterprises())
        .put("area_km2", round(s.areaKm2(), 4))
        .put("tour_km", round(s.tourKm(), 2))
        .put("polsby_popper", round(s.polsbyPopper(), 4));
  }

  private static void balance(ObjectNode o, String key, Balance b) {
    if (b == null) {
      o.putNull(key);
      return;
    }
    ObjectNode n = o.putObject(key);
    n.put("grids", b.grids()).put("min", b.min()).put("max", b.max());
    if (b.maxMinRatio() == null) {
      n.putNull("max_min_ratio");
    } else {
      n.put("max_min_ratio", round(b.maxMinRatio(), 4));
    }
    n.put("mean", round(b.mean(), 4));
    if (b.cv() == null) {
      n.putNull("cv");
    } else {
      n.put("cv", round(b.cv(), 4));
    }
  }

  /** The bilingual text report. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "布局对比 / layout diff: 草案 vs 活动布局 v%d / draft vs active layout v%d; 日期 / day %s;"
                + " %d 家企业 / enterprises%n",
            activeVersion,
            activeVersion,
            day,
            enterprises));
    sb.append(
        String.format(Locale.ROOT, "%n换网格的企业 / enterprises that change grid: %d%n", moves.size()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"企业 enterprise", "名称 name", "原网格 from", "新网格 to"});
    for (Move m : moves) {
      rows.add(new String[] {m.enterpriseId(), nz(m.name()), dash(m.from()), dash(m.to())});
    }
    if (!moves.isEmpty()) {
      table(sb, rows);
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%n各网格 / per grid (旧 → 新 / old → new)%s:%n",
            quarter == null ? "" : "; 上季度 / last quarter " + quarter + " (活动布局 / active layout)"));
    rows = new ArrayList<>();
    rows.add(
        new String[] {
          "网格 grid",
          "类型 kind",
          "状态 status",
          "企业 enterprises",
          "面积 km²",
          "巡查路线 tour km",
          "紧凑度 Polsby–Popper",
          "上季度巡查 patrols",
          "覆盖率 coverage",
          "网格员 workers"
        });
    for (GridChange g : grids) {
      rows.add(
          new String[] {
            g.gridId(),
            dash(g.kind()),
            statusText(g.status()),
            pair(g.before(), g.after(), s -> Integer.toString(s.enterprises())),
            pair(g.before(), g.after(), s -> fmt(s.areaKm2(), 3)),
            pair(g.before(), g.after(), s -> fmt(s.tourKm(), 1)),
            pair(g.before(), g.after(), s -> fmt(s.polsbyPopper(), 3)),
            g.lastQuarter() == null ? "-" : Long.toString(g.lastQuarter().patrols()),
            g.lastQuarter() == null || g.lastQuarter().coverage() == null
                ? "-"
                : fmt(100 * g.lastQuarter().coverage(), 1) + "%",
            g.holders().isEmpty() ? "-" : String.join(",", g.holders())
          });
    }
    table(sb, rows);
    sb.append("\n按类型的均衡 / balance per grid kind (企业数 enterprise counts, 旧 → 新 / old → new):\n");
    rows = new ArrayList<>();
    rows.add(new String[] {"类型 kind", "网格数 grids", "最少 min", "最多 max", "最多/最少 max/min", "变异系数 CV"});
    for (KindBalance k : balance) {
      rows.add(
          new String[] {
            k.kind(),
            bpair(k.before(), k.after(), b -> Integer.toString(b.grids())),
            bpair(k.before(), k.after(), b -> Integer.toString(b.min())),
            bpair(k.before(), k.after(), b -> Integer.toString(b.max())),
            bpair(
                k.before(),
                k.after(),
                b -> b.maxMinRatio() == null ? "∞" : fmt(b.maxMinRatio(), 2)),
            bpair(k.before(), k.after(), b -> b.cv() == null ? "-" : fmt(b.cv(), 3))
          });
    }
    table(sb, rows);
    sb.append(
        String.format(Locale.ROOT, "%n受影响的网格员 / affected workers: %d%n", affectedWorkers.size()));
    for (AffectedWorker a : affectedWorkers) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %s  %s  %s%n",
              a.workerId(),
              a.gridId(),
              a.gridRemoved()
                  ? "网格被取消 / grid removed"
                  : "企业增加 "
                      + a.gained()
                      + "、减少 "
                      + a.lost()
                      + " 家 / enterprises gained "
                      + a.gained()
                      + ", lost "
                      + a.lost()));
    }
    return sb.toString();
  }

  private static String statusText(String status) {
    return switch (status) {
      case "added" -> "新增 added";
      case "removed" -> "取消 removed";
      case "changed" -> "调整 changed";
      default -> "不变 unchanged";
    };
  }

  private static String pair(Side b, Side a, java.util.function.Function<Side, String> f) {
    return (b == null ? "-" : f.apply(b)) + " → " + (a == null ? "-" : f.apply(a));
  }

  private static String bpair(
      Balance b, Balance a, java.util.function.Function<Balance, String> f) {
    return (b == null ? "-" : f.apply(b)) + " → " + (a == null ? "-" : f.apply(a));
  }

  private static void table(StringBuilder sb, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], DisplayWidth.of(r[i]));
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < cols; i++) {
        line.append(DisplayWidth.padRight(r[i], w[i])).append("  ");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static BigDecimal round(double v, int scale) {
    return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
  }
}
