package io.gridwatch.analytics.explain;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.time.Periods;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code gridwatch explain}: how one {@code worker_month} total was reached (assessment-rules.md
 * §1), as lines in Chinese and English: header, 1a–1d with their deductions, total, grade, forced
 * reason, status, flags and the itemised deductions with their evidence ids. {@link #load} reads
 * the one mart row (and the worker's name and the grid's spot-check counts) with small filtered
 * Spark queries; {@link #render} is pure.
 */
public final class MonthExplanation {
  private MonthExplanation() {}

  /** A worker or month without a result, or a lake without marts: one line, exit status 1. */
  public static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with its bilingual one-line message. */
    public NotFound(String message) {
      super(message);
    }
  }

  /** One itemised deduction of the month (扣分明细). */
  public record Deduction(String rule, double points, List<String> evidenceIds) {}

  /**
   * The facts of one worker_month row needed to explain it (names as in the mart); {@code name},
   * {@code awarenessSampled} and {@code awarenessKnown} may be null.
   */
  public record Facts(
      String workerId,
      String name,
      String month,
      String gridId,
      int enterprises,
      int visited,
      int newEnterpriseMisses,
      int incidentFailures,
      double patrolScore,
      double infoScore,
      double assistScore,
      Double awarenessRate,
      int awarenessScore,
      Integer awarenessSampled,
      Integer awarenessKnown,
      Double uploadCompliance,
      double total,
      String grade,
      String forcedReason,
      String status,
      List<String> flags,
      List<Deduction> deductions) {}

  private static final Map<String, String> GRADES =
      Map.of(
          "excellent", "优秀 excellent",
          "qualified", "合格 qualified",
          "basic", "基本合格 basic",
          "unqualified", "不合格 unqualified");

  private static final Map<String, String> RULES =
      Map.of(
          "full_coverage", "未全覆盖 full coverage missed",
          "new_enterprise", "新企业未按时发现或上报 new enterprise not discovered/reported in time",
          "major_incident", "重大事故到场超时 major incident: late or no arrival",
          "awareness", "知晓率不足 public awareness below 100%");

  private static final Map<String, String> FLAGS =
      Map.of(
          "partial_month", "本月持有网格天数不足，免扣全覆盖 held the grid too few days, coverage not charged",
          "no_grid", "本月无网格 no grid this month",
          "awareness_not_sampled", "本月未抽查知晓率，计 20 分 awareness not sampled, 20 points",
          "awareness_sample_size", "抽查样本量不符 spot-check sample size differs from the rule",
          "info_score_missing", "缺信息整理评分 info panel score missing",
          "assist_score_missing", "缺协管工作评分 assist panel score missing");

  private static final String MISSING_PANEL = "缺评分，计 0 分 panel score missing, counted as 0";

  private static final Map<String, String> FORCED =
      Map.of("awareness_below_60", "知晓率低于 60% awareness below 60%");

  /**
   * Loads the facts of {@code workerId} in {@code month} from the lake's {@code worker_month} mart;
   * throws {@link NotFound} (bilingual) when the mart is missing, the worker is unknown or has no
   * result that month.
   */
  public static Facts load(SparkSession spark, String lake, String workerId, YearMonth month) {
    LakeTables tables = new LakeTables(spark, lake);
    String m = Periods.format(month);
    Dataset<Row> wm =
        tables
            .mart("worker_month")
            .orElseThrow(
                () ->
                    new NotFound(
                        "数据湖中没有月度考核结果，请先运行 gridwatch analyze / no worker_month mart at "
                            + LakePaths.mart(lake, "worker_month")
                            + ": run gridwatch analyze first"));
    List<Row> rows =
        wm.where(col("worker_id").equalTo(lit(workerId)).and(col("month").equalTo(lit(m))))
            .limit(2)
            .collectAsList();
    Optional<Row> worker =
        tables
            .table(LakeSchema.WORKERS)
            .flatMap(
                w ->
                    w
                        .where(col("worker_id").equalTo(lit(workerId)))
                        .select("name", "kind")
                        .limit(1)
                        .collectAsList()
                        .stream()
                        .findFirst());
    if (rows.isEmpty()) {
      throw notFound(wm, worker, workerId, m);
    }
    Row r = rows.get(0);
    String grid = r.getAs("grid_id");
    Integer sampled = null;
    Integer known = null;
    if (grid != null) {
      Optional<Row> gm =
          tables
              .mart("grid_month")
              .flatMap(
                  g ->
                      g
                          .where(
                              col("grid_id").equalTo(lit(grid)).and(col("month").equalTo(lit(m))))
                          .select("awareness_sampled", "awareness_known")
                          .limit(1)
                          .collectAsList()
                          .stream()
                          .findFirst());
      if (gm.isPresent() && !gm.get().isNullAt(0) && !gm.get().isNullAt(1)) {
        sampled = ((Number) gm.get().get(0)).intValue();
        known = ((Number) gm.get().get(1)).intValue();
      }
    }
    List<Deduction> deductions = new ArrayList<>();
    List<Row> ds = r.getList(r.fieldIndex("deductions"));
    if (ds != null) {
      for (Row d : ds) {
        List<String> ev = d.isNullAt(2) ? List.of() : List.copyOf(d.<String>getList(2));
        deductions.add(new Deduction(d.getString(0), d.getDouble(1), ev));
      }
    }
    List<String> flags =
        r.isNullAt(r.fieldIndex("flags")) ? List.of() : r.getList(r.fieldIndex("flags"));
    return new Facts(
        workerId,
        worker.map(w -> w.isNullAt(0) ? null : w.getString(0)).orElse(null),
        m,
        grid,
        intOf(r, "enterprises"),
        intOf(r, "visited"),
        intOf(r, "new_enterprise_misses"),
        intOf(r, "incident_failures"),
        r.<Double>getAs("patrol_score"),
        r.<Double>getAs("info_score"),
        r.<Double>getAs("assist_score"),
        r.<Double>getAs("awareness_rate"),
        intOf(r, "awareness_score"),
        sampled,
        known,
        r.<Double>getAs("upload_compliance"),
        r.<Double>getAs("total"),
        r.getAs("grade"),
        r.getAs("forced_reason"),
        r.getAs("status"),
        List.copyOf(flags),
        List.copyOf(deductions));
  }

  private static int intOf(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? 0 : ((Number) v).intValue();
  }

  private static NotFound notFound(
      Dataset<Row> wm, Optional<Row> worker, String workerId, String month) {
    if (worker.isEmpty()) {
      return new NotFound("未知网格员 " + workerId + " / unknown worker: " + workerId);
    }
    String kind = worker.get().isNullAt(1) ? "" : worker.get().getString(1);
    if (!"exclusive".equals(kind)) {
      return new NotFound(
          "网格员 "
              + workerId
              + " 不是专属网格员，无月度考核 / "
              + workerId
              + " is a "
              + kind
              + " worker: only exclusive workers have monthly scores");
    }
    List<String> months =
        wm
            .where(col("worker_id").equalTo(lit(workerId)))
            .select("month")
            .distinct()
            .orderBy("month")
            .collectAsList()
            .stream()
            .map(x -> x.getString(0))
            .toList();
    String have =
        months.isEmpty()
            ? "无 none"
            : months.size() <= 6
                ? String.join(", ", months)
                : months.get(0) + " … " + months.get(months.size() - 1);
    return new NotFound(
        "网格员 "
            + workerId
            + " 在 "
            + month
            + " 没有月度考核结果（有结果的月份："
            + have
            + "）/ no month result for "
            + workerId
            + " in "
            + month
            + " (months with results: "
            + have
            + ")");
  }

  /** The explanation as lines (no trailing newlines). */
  public static List<String> render(Facts f) {
    List<String> out = new ArrayList<>();
    out.add(
        "网格员 Worker "
            + f.workerId()
            + (f.name() == null ? "" : " " + f.name())
            + " · 月份 Month "
            + f.month()
            + " · 网格 Grid "
            + (f.gridId() == null ? "无 none" : f.gridId()));
    out.add(patrolLine(f));
    List<String> info = new ArrayList<>();
    if (f.flags().contains("info_score_missing")) {
      info.add(MISSING_PANEL);
    }
    if (f.uploadCompliance() != null) {
      info.add("周上传率 weekly upload compliance " + percent(f.uploadCompliance()));
    }
    out.add(
        "1b 信息整理及上传 Information collection & upload  "
            + num(f.infoScore())
            + " / 30"
            + (info.isEmpty() ? "" : "  (" + String.join("; ", info) + ")"));
    out.add(
        "1c 协管工作 Assisting tasks  "
            + num(f.assistScore())
            + " / 20"
            + (f.flags().contains("assist_score_missing") ? "  (" + MISSING_PANEL + ")" : ""));
    out.add(awarenessLine(f));
    out.add(
        "总分 Total  "
            + num(f.total())
            + " = "
            + num(f.patrolScore())
            + " + "
            + num(f.infoScore())
            + " + "
            + num(f.assistScore())
            + " + "
            + f.awarenessScore());
    out.add("等次 Grade  " + GRADES.getOrDefault(f.grade(), String.valueOf(f.grade())));
    if (f.forcedReason() != null) {
      out.add(
          "强制不合格 Forced unqualified  "
              + FORCED.getOrDefault(f.forcedReason(), f.forcedReason())
              + " ("
              + f.forcedReason()
              + ")");
    }
    out.add(statusLine(f));
    if (f.flags().isEmpty()) {
      out.add("标记 Flags  无 none");
    } else {
      out.add("标记 Flags");
      for (String flag : f.flags()) {
        out.add("  " + flag + "  " + FLAGS.getOrDefault(flag, ""));
      }
    }
    if (f.deductions().isEmpty()) {
      out.add("扣分明细 Itemised deductions  无 none");
    } else {
      out.add("扣分明细 Itemised deductions");
      for (Deduction d : f.deductions()) {
        out.add(
            "  "
                + d.rule()
                + "  "
                + signed(d.points())
                + "  "
                + RULES.getOrDefault(d.rule(), "")
                + "  证据 evidence: "
                + (d.evidenceIds().isEmpty() ? "无 none" : String.join(", ", d.evidenceIds())));
      }
    }
    return out;
  }

  /** The explanation as text, one line each, each ending with a newline. */
  public static String text(Facts f) {
    StringBuilder b = new StringBuilder();
    for (String line : render(f)) {
      b.append(line).append('\n');
    }
    return b.toString();
  }

  private static String patrolLine(Facts f) {
    List<String> why = new ArrayList<>();
    boolean partial = f.flags().contains("partial_month");
    Optional<Deduction> coverage = find(f, "full_coverage");
    if (f.incidentFailures() > 0) {
      List<String> ids = new ArrayList<>();
      for (Deduction d : f.deductions()) {
        if (d.rule().equals("major_incident")) {
          ids.addAll(d.evidenceIds());
        }
      }
      why.add(
          "全部 30 分扣除 all 30 points lost: 重大事故到场超时或未到场 major incident, late or no arrival: "
              + String.join(", ", ids));
    }
    String visitedOf = f.visited() + "/" + f.enterprises() + " 已巡查 visited";
    if (coverage.isPresent()) {
      why.add(
          signed(coverage.get().points())
              + " 未全覆盖 full coverage missed: "
              + visitedOf
              + "; 漏查企业 enterprises missed: "
              + String.join(", ", coverage.get().evidenceIds()));
    } else if (f.enterprises() == 0) {
      why.add("无计入企业，不考核覆盖率 no counted enterprises, coverage not assessed");
    } else if (f.visited() < f.enterprises() && partial) {
      why.add("未全覆盖但持有网格天数不足，免扣 coverage missed but waived (partial_month): " + visitedOf);
    } else {
      why.add("全覆盖 full coverage: " + visitedOf);
    }
    List<String> newIds = new ArrayList<>();
    double newPoints = 0;
    for (Deduction d : f.deductions()) {
      if (d.rule().equals("new_enterprise")) {
        newIds.add(String.join(" ", d.evidenceIds()));
        newPoints += d.points();
      }
    }
    if (!newIds.isEmpty()) {
      why.add(
          signed(newPoints)
              + " 新企业未按时发现或上报 new enterprises not discovered/reported in time ×"
              + newIds.size()
              + ": "
              + String.join("; ", newIds));
    }
    double charged = 0;
    if (f.incidentFailures() == 0) {
      for (Deduction d : f.deductions()) {
        if (d.rule().equals("full_coverage") || d.rule().equals("new_enterprise")) {
          charged += d.points();
        }
      }
      if (30 + charged < 0) {
        why.add("扣至 0 分为止 floored at 0");
      }
    }
    return "1a 日常考勤及巡查 Patrol & attendance  30 → "
        + num(f.patrolScore())
        + "  ("
        + String.join("; ", why)
        + ")";
  }

  private static String awarenessLine(Facts f) {
    String head = "1d 群众知晓率 Public awareness  20 → " + f.awarenessScore();
    if (f.awarenessRate() == null) {
      return head + "  (本月未抽查 not sampled this month)";
    }
    String counts =
        f.awarenessSampled() != null
            ? f.awarenessKnown() + "/" + f.awarenessSampled() + " = " + percent(f.awarenessRate())
            : percent(f.awarenessRate());
    StringBuilder b = new StringBuilder(head).append("  (知晓 knew the worker ").append(counts);
    Optional<Deduction> d = find(f, "awareness");
    if (d.isPresent()) {
      b.append("; ")
          .append(signed(d.get().points()))
          .append(" 每低 10% 扣 2 分 −2 per full 10% below 100%; 不知晓 did not know: ")
          .append(String.join(", ", d.get().evidenceIds()));
    }
    return b.append(")").toString();
  }

  private static String statusLine(Facts f) {
    if ("final".equals(f.status())) {
      return "状态 Status  已定 final";
    }
    List<String> missing = new ArrayList<>();
    if (f.flags().contains("info_score_missing")) {
      missing.add("1b 信息整理及上传 info score");
    }
    if (f.flags().contains("assist_score_missing")) {
      missing.add("1c 协管工作 assist score");
    }
    return "状态 Status  待补 "
        + f.status()
        + (missing.isEmpty()
            ? ""
            : "  (缺评分，计 0 分 missing, counted as 0: " + String.join(", ", missing) + ")");
  }

  private static Optional<Deduction> find(Facts f, String rule) {
    return f.deductions().stream().filter(d -> d.rule().equals(rule)).findFirst();
  }

  /** A score without trailing zeros: 30.0 → 30, 24.9 → 24.9. */
  static String num(double v) {
    BigDecimal b = BigDecimal.valueOf(v).stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
  }

  /** Points with a sign: −10, +2, 0 (U+2212 minus). */
  static String signed(double v) {
    if (v < 0) {
      return "−" + num(-v);
    }
    return v > 0 ? "+" + num(v) : "0";
  }

  private static String percent(double share) {
    return num(
            BigDecimal.valueOf(share * 100)
                .setScale(1, java.math.RoundingMode.HALF_UP)
                .doubleValue())
        + "%";
  }
}
