package io.gridwatch.analytics.report;

import io.gridwatch.analytics.report.Book.Block;
import io.gridwatch.analytics.report.Book.Columns;
import io.gridwatch.analytics.report.Book.Fmt;
import io.gridwatch.analytics.report.Book.Line;
import io.gridwatch.analytics.report.Book.Mark;
import io.gridwatch.analytics.report.Book.Sheet;
import io.gridwatch.analytics.workforce.BudgetYearJob;
import io.gridwatch.analytics.workforce.WorkerTowns;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out a period's {@link ReportData} as the offices' workbook (Spark-free and POI-free): month
 * → 月度考核表, 扣分明细, 镇街巡查汇总; quarter → 季度排名表 (quota line), 专职网格员考核汇总; half-year → 季度排名表 (both quarters
 * stacked), 培训情况; year → 年度考核表, 专职网格员考核汇总, 年度预算表, 培训情况.
 */
public final class ReportBook {
  private ReportBook() {}

  /** Sheet 月度考核表: one row per exclusive worker of the month. */
  public static final String MONTHLY = "月度考核表";

  /** Sheet 扣分明细: one row per deduction of the month. */
  public static final String DEDUCTIONS = "扣分明细";

  /** Sheet 镇街巡查汇总: grid_month of the month summed by town. */
  public static final String TOWN_MONTHLY = "镇街巡查汇总";

  /** Sheet 季度排名表: the quarter ranking(s) with the excellent quota line. */
  public static final String RANKING = "季度排名表";

  /** Sheet 专职网格员考核汇总: the towns' full-time results and their submissions. */
  public static final String FULLTIME = "专职网格员考核汇总";

  /** Sheet 年度考核表: the exclusive workers' year results. */
  public static final String YEARLY = "年度考核表";

  /** Sheet 年度预算表: budget by town and category with totals. */
  public static final String BUDGET = "年度预算表";

  /** Sheet 培训情况: workers short of the required training. */
  public static final String TRAINING = "培训情况";

  /** The workbook of {@code period} from its collected rows. */
  public static Book build(ReportPeriod period, ReportData d) {
    List<Sheet> sheets = new ArrayList<>();
    switch (period.kind()) {
      case MONTH -> {
        sheets.add(monthly(period, d));
        sheets.add(deductions(period, d));
        sheets.add(townMonthly(period, d));
      }
      case QUARTER -> {
        sheets.add(ranking(period, d));
        sheets.add(fulltimeQuarter(period, d));
      }
      case HALF_YEAR -> {
        sheets.add(ranking(period, d));
        sheets.add(training(period, d));
      }
      case YEAR -> {
        sheets.add(yearly(period, d));
        sheets.add(fulltimeYear(period, d));
        sheets.add(budget(period, d));
        sheets.add(training(period, d));
      }
    }
    return new Book(List.copyOf(sheets));
  }

  private static String title(String who, ReportPeriod p, String what, String en) {
    return Labels.ZONE + who + " " + p.zh() + " " + what + " / " + en + ", " + p.label();
  }

  private static Block block(String caption, Columns cols, List<Line> lines, String... notes) {
    return new Block(caption, cols.list(), List.copyOf(lines), List.of(notes));
  }

  // ---------------------------------------------------------------- month

  private static Sheet monthly(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .text("编号", "worker id")
            .text("姓名", "name")
            .text("网格", "grid")
            .add("企业数", "enterprises", Fmt.INT)
            .add("已巡查", "visited", Fmt.INT)
            .add("覆盖率", "coverage", Fmt.RATIO)
            .add("日常考勤及巡查", "patrol (30)", Fmt.SCORE)
            .add("信息整理及上传", "info (30)", Fmt.SCORE)
            .add("协管工作", "assist (20)", Fmt.SCORE)
            .add("群众知晓率", "awareness rate", Fmt.RATIO)
            .add("知晓率得分", "awareness (20)", Fmt.SCORE)
            .add("总分", "total", Fmt.SCORE)
            .text("等次", "grade")
            .text("强制不合格原因", "forced reason")
            .text("状态", "status")
            .text("标记", "flags");
    List<Line> lines = new ArrayList<>();
    for (Rec r : sorted(d.workerMonths(), byWorker())) {
      lines.add(
          Line.of(
              r.str("worker_id"),
              r.str("name"),
              r.str("grid_id"),
              r.num("enterprises"),
              r.num("visited"),
              r.num("coverage"),
              r.num("patrol_score"),
              r.num("info_score"),
              r.num("assist_score"),
              r.num("awareness_rate"),
              r.num("awareness_score"),
              r.num("total"),
              Labels.grade(r.str("grade")),
              Labels.forced(r.str("forced_reason")),
              Labels.status(r.str("status")),
              Labels.flags(r.strings("flags"))));
    }
    return new Sheet(
        MONTHLY,
        title("专属网格员", p, "月度考核表", "exclusive workers' monthly assessment"),
        List.of(
            block(
                null,
                cols,
                lines,
                "总分 = 日常考勤及巡查 30 + 信息整理及上传 30 + 协管工作 20 + 群众知晓率 20；强制不合格见原因列；"
                    + "扣分见“扣分明细” / total = patrol 30 + info 30 + assist 20 + awareness 20;"
                    + " forced grades give their reason; deductions on sheet 扣分明细")));
  }

  private static Sheet deductions(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .text("编号", "worker id")
            .text("姓名", "name")
            .text("网格", "grid")
            .text("扣分项目", "rule")
            .add("扣分", "points", Fmt.SCORE)
            .text("证据编号", "evidence ids");
    List<Line> lines = new ArrayList<>();
    for (Rec r : sorted(d.deductions(), byWorker())) {
      lines.add(
          Line.of(
              r.str("worker_id"),
              r.str("name"),
              r.str("grid_id"),
              Labels.rule(r.str("rule")),
              r.num("points"),
              r.str("evidence")));
    }
    return new Sheet(
        DEDUCTIONS,
        title("专属网格员", p, "扣分明细", "itemised deductions"),
        List.of(
            block(
                null,
                cols,
                lines,
                "证据编号：漏查或未按时发现的企业、相关巡查记录、重大事故、未知晓的抽查对象 / evidence: the"
                    + " enterprises, patrols, incidents and spot checks behind each deduction")));
  }

  private static Sheet townMonthly(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .text("镇街", "town")
            .add("网格数", "grids", Fmt.INT)
            .add("企业数", "enterprises", Fmt.INT)
            .add("已巡查", "visited", Fmt.INT)
            .add("覆盖率", "coverage", Fmt.RATIO)
            .add("全覆盖网格数", "fully covered grids", Fmt.INT)
            .add("巡查次数", "patrols", Fmt.INT)
            .add("环境问题", "environment issues", Fmt.INT)
            .add("安全问题", "safety issues", Fmt.INT)
            .add("综治问题", "social-order issues", Fmt.INT)
            .add("知晓率抽查", "spot checks", Fmt.INT)
            .add("知晓人数", "knew the worker", Fmt.INT)
            .add("群众知晓率", "awareness rate", Fmt.RATIO)
            .add("距离过远的巡查", "too-far visits", Fmt.INT);
    String[] sums = {
      "grids",
      "enterprises",
      "visited",
      "full_coverage_grids",
      "patrols",
      "issues_environment",
      "issues_safety",
      "issues_social_order",
      "awareness_sampled",
      "awareness_known",
      "suspicious_visits"
    };
    long[] total = new long[sums.length];
    List<Line> lines = new ArrayList<>();
    List<Rec> towns = sorted(d.townMonths(), Comparator.comparing(r -> r.str("town"), TOWNS));
    for (Rec r : towns) {
      long[] v = new long[sums.length];
      for (int i = 0; i < sums.length; i++) {
        v[i] = r.count(sums[i]);
        total[i] += v[i];
      }
      lines.add(townLine(r.str("town"), v));
    }
    if (!lines.isEmpty()) {
      lines.add(townLine(WorkerTowns.ZONE + "合计", total).mark(Mark.TOTAL));
    }
    return new Sheet(
        TOWN_MONTHLY,
        title("", p, "镇街网格巡查汇总", "patrol coverage by town"),
        List.of(
            block(
                null,
                cols,
                lines,
                "覆盖率 = Σ已巡查 ÷ Σ企业数，知晓率 = Σ知晓人数 ÷ Σ抽查（比值之和，不取比率平均）/ coverage and awareness"
                    + " are ratios of sums")));
  }

  private static Line townLine(String town, long[] v) {
    return Line.of(
        town,
        v[0],
        v[1],
        v[2],
        ratio(v[2], v[1]),
        v[3],
        v[4],
        v[5],
        v[6],
        v[7],
        v[8],
        v[9],
        ratio(v[9], v[8]),
        v[10]);
  }

  private static Double ratio(long num, long den) {
    return den == 0 ? null : (double) num / den;
  }

  // ---------------------------------------------------------------- quarter, half-year

  private static Sheet ranking(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .add("排名", "rank", Fmt.INT)
            .text("编号", "worker id")
            .text("姓名", "name")
            .add("考核月数", "months", Fmt.INT)
            .add("季度得分", "score", Fmt.SCORE)
            .text("按分等次", "grade by score")
            .text("最终等次", "final grade")
            .text("超出优秀名额", "beyond quota")
            .add("绩效系数", "multiplier", Fmt.SCORE)
            .add("试用期月数", "probation months", Fmt.INT)
            .add("计酬月数", "paid months", Fmt.INT)
            .add("季度绩效工资", "performance pay", Fmt.MONEY)
            .text("状态", "status");
    List<Block> blocks = new ArrayList<>();
    for (String q : p.quarters()) {
      List<Rec> rows =
          sorted(
              d.workerQuarters().stream().filter(r -> q.equals(r.str("quarter"))).toList(),
              Comparator.comparing((Rec r) -> r.count("rank")));
      List<Line> lines = new ArrayList<>();
      for (Rec r : rows) {
        lines.add(
            Line.of(
                r.num("rank"),
                r.str("worker_id"),
                r.str("name"),
                r.num("months"),
                r.num("score"),
                Labels.grade(r.str("base_grade")),
                Labels.grade(r.str("grade")),
                Labels.yesNo(r.bool("quota_exceeded")),
                r.num("pay_multiplier"),
                r.num("probation_months"),
                r.num("paid_months"),
                r.num("performance_pay"),
                Labels.status(r.str("status"))));
      }
      String quarterZh = ReportPeriod.parse(q).zh();
      String caption = quarterZh + " " + q + " · " + quota(rows, lines);
      addPayTotal(lines, rows, "performance_pay", 11, cols.list().size());
      blocks.add(
          block(
              caption,
              cols,
              lines,
              "按分等次：按考核分数线评定；超出优秀名额的优秀者评为合格 / grade by score: from the"
                  + " thresholds; excellent beyond the quota becomes qualified"));
    }
    String what = p.kind() == ReportPeriod.Kind.QUARTER ? "考核排名表" : "季度考核排名表";
    return new Sheet(
        RANKING, title("专属网格员", p, what, "exclusive workers' quarter ranking"), blocks);
  }

  /**
   * The quota caption of a ranking (N and Q from the mart) and the quota line below the Q-th line.
   */
  private static String quota(List<Rec> rows, List<Line> lines) {
    if (rows.isEmpty()) {
      return "无数据 no data";
    }
    long n = rows.get(0).num("ranked") == null ? rows.size() : rows.get(0).count("ranked");
    long q = rows.get(0).count("excellent_quota");
    if (q > 0 && q <= lines.size()) {
      lines.set((int) q - 1, lines.get((int) q - 1).withQuotaLine());
    }
    return "参评 N = "
        + n
        + " 人，优秀名额 Q = ⌊比例 × N⌋ = "
        + q
        + "（红线以上）/ ranked N = "
        + n
        + ", excellent quota Q = "
        + q
        + " (above the red line)";
  }

  /** Appends a 合计 line with the sum of a money column (nothing for an empty block). */
  private static void addPayTotal(
      List<Line> lines, List<Rec> rows, String column, int at, int width) {
    if (rows.isEmpty()) {
      return;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Rec r : rows) {
      BigDecimal v = r.dec(column);
      sum = v == null ? sum : sum.add(v);
    }
    Object[] cells = new Object[width];
    cells[0] = "合计 total";
    cells[at] = sum;
    lines.add(Line.of(cells).mark(Mark.TOTAL));
  }

  private static Sheet fulltimeQuarter(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .text("镇街", "town")
            .text("编号", "worker id")
            .text("姓名", "name")
            .text("季度", "quarter")
            .add("报送得分", "submitted score", Fmt.SCORE)
            .text("报送等次", "submitted grade")
            .text("按分等次", "grade by score")
            .text("最终等次", "final grade")
            .text("超出优秀名额", "beyond quota")
            .text("与报送等次不符", "contradicts submission")
            .add("绩效系数", "multiplier", Fmt.SCORE)
            .add("计酬月数", "paid months", Fmt.INT)
            .add("季度绩效工资", "performance pay", Fmt.MONEY)
            .add("报送日期", "submitted on", Fmt.DATE)
            .add("截止日期", "due on", Fmt.DATE)
            .text("逾期报送", "late");
    List<Rec> rows = sorted(d.fulltimeQuarters(), byTownThenRank("period"));
    List<Line> lines = new ArrayList<>();
    for (Rec r : rows) {
      Line l =
          Line.of(
              r.str("town"),
              r.str("worker_id"),
              r.str("name"),
              r.str("period"),
              r.num("score"),
              Labels.grade(r.str("submitted_grade")),
              Labels.grade(r.str("base_grade")),
              Labels.grade(r.str("grade")),
              Labels.yesNo(r.bool("quota_exceeded")),
              Labels.yesNo(r.bool("grade_contradicted")),
              r.num("pay_multiplier"),
              r.num("paid_months"),
              r.num("performance_pay"),
              r.date("submitted_on"),
              r.date("due_on"),
              Labels.yesNo(r.bool("late")));
      lines.add(r.isTrue("late") ? l.mark(Mark.HIGHLIGHT) : l);
    }
    addPayTotal(lines, rows, "performance_pay", 12, cols.list().size());
    return new Sheet(
        FULLTIME,
        title("专职网格员", p, "考核汇总", "full-time workers' results"),
        List.of(
            block(
                "镇街报送的考核结果（逾期报送标色）/ results submitted by the towns (late submissions"
                    + " highlighted)",
                cols,
                lines,
                "优秀名额按镇街（或全区）计算；与报送等次不符者以最终等次为准 / the quota applies per town (or zone);"
                    + " the final grade stands where it contradicts the submission"),
            submissions(d)));
  }

  private static Block submissions(ReportData d) {
    Columns cols =
        new Columns()
            .text("镇街", "town")
            .text("季度", "quarter")
            .add("应报人数", "expected", Fmt.INT)
            .add("按时报送", "on time", Fmt.INT)
            .add("逾期报送", "late", Fmt.INT)
            .add("未报送", "missing", Fmt.INT)
            .text("未报送人员", "missing workers")
            .add("截止日期", "due on", Fmt.DATE);
    List<Rec> rows =
        sorted(
            d.townSubmissions(),
            Comparator.comparing(
                    (Rec r) -> r.str("quarter"), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> r.str("town"), TOWNS));
    List<Line> lines = new ArrayList<>();
    long[] total = new long[4];
    String[] counts = {"expected", "on_time", "late", "missing"};
    for (Rec r : rows) {
      for (int i = 0; i < counts.length; i++) {
        total[i] += r.count(counts[i]);
      }
      List<String> missing = r.strings("missing_names");
      Line l =
          Line.of(
              r.str("town"),
              r.str("quarter"),
              r.num("expected"),
              r.num("on_time"),
              r.num("late"),
              r.num("missing"),
              missing.isEmpty() ? null : String.join("、", missing),
              r.date("due_on"));
      lines.add(r.count("late") > 0 || r.count("missing") > 0 ? l.mark(Mark.HIGHLIGHT) : l);
    }
    if (!lines.isEmpty()) {
      lines.add(
          Line.of("合计 total", null, total[0], total[1], total[2], total[3], null, null)
              .mark(Mark.TOTAL));
    }
    return block(
        "镇街报送情况（截止日期为次季度首月的报送日）/ town submissions (due early in the next quarter's"
            + " first month)",
        cols,
        lines);
  }

  // ---------------------------------------------------------------- year

  private static Sheet yearly(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .add("排名", "rank", Fmt.INT)
            .text("编号", "worker id")
            .text("姓名", "name")
            .add("考核季度数", "quarters", Fmt.INT)
            .add("年度得分", "score", Fmt.SCORE)
            .add("不合格季度数", "unqualified quarters", Fmt.INT)
            .text("按分等次", "grade by score")
            .text("最终等次", "final grade")
            .text("超出优秀名额", "beyond quota")
            .text("强制不合格原因", "forced reason")
            .add("绩效系数", "multiplier", Fmt.SCORE)
            .add("年度绩效工资", "performance pay", Fmt.MONEY)
            .text("不得再担任专属网格员", "dismissal required")
            .text("状态", "status");
    List<Rec> rows = sorted(d.workerYears(), Comparator.comparing((Rec r) -> r.count("rank")));
    List<Line> lines = new ArrayList<>();
    for (Rec r : rows) {
      Line l =
          Line.of(
              r.num("rank"),
              r.str("worker_id"),
              r.str("name"),
              r.num("quarters"),
              r.num("score"),
              r.num("unqualified_quarters"),
              Labels.grade(r.str("base_grade")),
              Labels.grade(r.str("grade")),
              Labels.yesNo(r.bool("quota_exceeded")),
              Labels.forced(r.str("forced_reason")),
              r.num("pay_multiplier"),
              r.num("performance_pay"),
              Labels.yesNo(r.bool("dismissal_required")),
              Labels.status(r.str("status")));
      lines.add(r.isTrue("dismissal_required") ? l.mark(Mark.HIGHLIGHT) : l);
    }
    String caption = p.zh() + " · " + quota(rows, lines);
    addPayTotal(lines, rows, "performance_pay", 11, cols.list().size());
    List<String> notes = new ArrayList<>();
    notes.add(
        "两个及以上季度不合格者年度评为不合格；年度不合格者不得再担任专属网格员（标色）/ two or more unqualified quarters"
            + " make the year unqualified; an unqualified year requires dismissal (highlighted)");
    if (!rows.isEmpty()) {
      Rec r = rows.get(0);
      notes.add(
          "总量控制：年度绩效工资合计 "
              + money(r.dec("pool_total_pay"))
              + " 元，预算 N × 年度标准 = "
              + money(r.dec("pool_budget"))
              + " 元，"
              + (r.isTrue("pool_overrun") ? "超出预算" : "未超出")
              + " / pool: total pay "
              + money(r.dec("pool_total_pay"))
              + " against "
              + money(r.dec("pool_budget"))
              + (r.isTrue("pool_overrun") ? ", overrun" : ", within budget"));
    }
    return new Sheet(
        YEARLY,
        title("专属网格员", p, "考核表", "exclusive workers' year results"),
        List.of(new Block(caption, cols.list(), List.copyOf(lines), List.copyOf(notes))));
  }

  private static String money(BigDecimal v) {
    return v == null ? "—" : String.format(java.util.Locale.ROOT, "%,.2f", v);
  }

  private static Sheet fulltimeYear(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .text("镇街", "town")
            .text("编号", "worker id")
            .text("姓名", "name")
            .add("报送得分", "submitted score", Fmt.SCORE)
            .text("报送等次", "submitted grade")
            .add("不合格季度数", "unqualified quarters", Fmt.INT)
            .text("按分等次", "grade by score")
            .text("最终等次", "final grade")
            .text("超出优秀名额", "beyond quota")
            .text("强制不合格原因", "forced reason")
            .text("与报送等次不符", "contradicts submission")
            .add("绩效系数", "multiplier", Fmt.SCORE)
            .add("年度绩效工资", "performance pay", Fmt.MONEY)
            .text("不得再担任专职网格员", "dismissal required")
            .add("报送日期", "submitted on", Fmt.DATE)
            .add("截止日期", "due on", Fmt.DATE)
            .text("逾期报送", "late");
    List<Rec> rows = sorted(d.fulltimeYears(), byTownThenRank("period"));
    List<Line> lines = new ArrayList<>();
    for (Rec r : rows) {
      Line l =
          Line.of(
              r.str("town"),
              r.str("worker_id"),
              r.str("name"),
              r.num("score"),
              Labels.grade(r.str("submitted_grade")),
              r.num("unqualified_quarters"),
              Labels.grade(r.str("base_grade")),
              Labels.grade(r.str("grade")),
              Labels.yesNo(r.bool("quota_exceeded")),
              Labels.forced(r.str("forced_reason")),
              Labels.yesNo(r.bool("grade_contradicted")),
              r.num("pay_multiplier"),
              r.num("performance_pay"),
              Labels.yesNo(r.bool("dismissal_required")),
              r.date("submitted_on"),
              r.date("due_on"),
              Labels.yesNo(r.bool("late")));
      lines.add(r.isTrue("late") || r.isTrue("dismissal_required") ? l.mark(Mark.HIGHLIGHT) : l);
    }
    addPayTotal(lines, rows, "performance_pay", 12, cols.list().size());
    return new Sheet(
        FULLTIME,
        title("专职网格员", p, "考核汇总", "full-time workers' results"),
        List.of(
            block(
                "镇街报送的年度考核结果（逾期报送或须解聘者标色；无报送者得分为空）/ year results submitted by the"
                    + " towns (late or dismissal highlighted; blank score: not submitted)",
                cols,
                lines,
                "两个及以上季度不合格者年度评为不合格，与报送等次不符时以此为准 / two or more unqualified quarters"
                    + " make the year unqualified, whatever the submitted grade"),
            submissions(d)));
  }

  private static Sheet budget(ReportPeriod p, ReportData d) {
    List<String> categories = BudgetYearJob.CATEGORIES;
    Columns pivotCols = new Columns().text("镇街", "town");
    for (String c : categories) {
      pivotCols.add(Labels.category(c), c, Fmt.MONEY);
    }
    pivotCols.add("合计", "total", Fmt.MONEY);
    List<Rec> rows =
        sorted(
            d.budget(),
            Comparator.comparing((Rec r) -> r.str("town"), TOWNS)
                .thenComparing(r -> categoryIndex(r.str("category"))));
    Map<String, Map<String, BigDecimal>> byTown = new LinkedHashMap<>();
    for (Rec r : rows) {
      byTown
          .computeIfAbsent(r.str("town"), t -> new LinkedHashMap<>())
          .merge(r.str("category"), r.dec("amount"), BigDecimal::add);
    }
    List<Line> pivot = new ArrayList<>();
    for (Map.Entry<String, Map<String, BigDecimal>> e : byTown.entrySet()) {
      Object[] cells = new Object[categories.size() + 2];
      cells[0] = e.getKey();
      BigDecimal total = BigDecimal.ZERO;
      for (int i = 0; i < categories.size(); i++) {
        BigDecimal v = e.getValue().get(categories.get(i));
        cells[i + 1] = v;
        total = v == null ? total : total.add(v);
      }
      cells[categories.size() + 1] = total;
      Line l = Line.of(cells);
      pivot.add(WorkerTowns.ZONE.equals(e.getKey()) ? l.mark(Mark.TOTAL) : l);
    }
    Columns detailCols =
        new Columns()
            .text("镇街", "town")
            .text("类别", "category")
            .add("人数", "workers", Fmt.INT)
            .add("人月", "worker months", Fmt.INT)
            .add("金额", "amount", Fmt.MONEY);
    List<Line> detail = new ArrayList<>();
    for (Rec r : rows) {
      Line l =
          Line.of(
              r.str("town"),
              Labels.category(r.str("category")),
              r.num("workers"),
              r.num("worker_months"),
              r.dec("amount"));
      detail.add(WorkerTowns.ZONE.equals(r.str("town")) ? l.mark(Mark.TOTAL) : l);
    }
    return new Sheet(
        BUDGET,
        title("网格员", p, "预算表", "budget"),
        List.of(
            block(
                "按镇街和类别汇总（元）；专属网格员计入“"
                    + WorkerTowns.EXCLUSIVE_TOWN
                    + "”，“"
                    + WorkerTowns.ZONE
                    + "”为各镇街之和 / by town and category (CNY); exclusive workers under "
                    + WorkerTowns.EXCLUSIVE_TOWN
                    + ", "
                    + WorkerTowns.ZONE
                    + " = zone total",
                pivotCols,
                pivot),
            block(
                "明细 / details",
                detailCols,
                detail,
                "在职月数按每月 15 日计；每人每类金额四舍五入到分后求和 / months employed on the 15th; each"
                    + " worker's amount per category rounded half-up to 0.01, then summed")));
  }

  private static int categoryIndex(String c) {
    int i = BudgetYearJob.CATEGORIES.indexOf(c);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static Sheet training(ReportPeriod p, ReportData d) {
    Columns cols =
        new Columns()
            .text("考核期", "period")
            .text("培训要求", "required level")
            .text("镇街", "town")
            .text("编号", "worker id")
            .text("姓名", "name")
            .text("类别", "kind")
            .text("期间未结束", "period still open")
            .add("参加外镇街培训次数", "other towns' sessions", Fmt.INT);
    List<Rec> rows =
        sorted(
            d.trainingGaps(),
            Comparator.comparing((Rec r) -> periodOrder(r.str("period")))
                .thenComparing(r -> r.str("town"), TOWNS)
                .thenComparing(byWorker()));
    List<Line> lines = new ArrayList<>();
    for (Rec r : rows) {
      String period = r.str("period");
      lines.add(
          Line.of(
              periodZh(period),
              Labels.level(r.str("required_level")),
              r.str("town"),
              r.str("worker_id"),
              r.str("name"),
              Labels.kind(r.str("kind")),
              Labels.yesNo(r.bool("in_progress")),
              r.num("other_town_sessions")));
    }
    return new Sheet(
        TRAINING,
        title("网格员", p, "培训情况（未达培训要求人员）", "workers short of the required training"),
        List.of(
            block(
                null,
                cols,
                lines,
                "园区级：专属、专职网格员每半年至少 1 次；镇街级：专职、兼职网格员每年至少 1 次本镇街培训；期间过半后入职者免 /"
                    + " zone level: exclusive and full-time workers ≥ 1 per half-year; town level:"
                    + " full-time and part-time workers ≥ 1 per year in their own town; hired after the"
                    + " midpoint: exempt")));
  }

  /** Half-years before their year, then by label. */
  private static String periodOrder(String period) {
    if (period == null) {
      return "~";
    }
    return period.length() == 4 ? period + "H9" : period;
  }

  private static String periodZh(String period) {
    try {
      return ReportPeriod.parse(period).zh() + " " + period;
    } catch (IllegalArgumentException e) {
      return period;
    }
  }

  // ---------------------------------------------------------------- ordering

  /** Towns naturally, the zone row last. */
  private static final Comparator<String> TOWNS =
      Comparator.comparing((String t) -> WorkerTowns.ZONE.equals(t)).thenComparing(Labels.NATURAL);

  private static Comparator<Rec> byWorker() {
    return Comparator.comparing(r -> r.str("worker_id"), Labels.NATURAL);
  }

  private static Comparator<Rec> byTownThenRank(String periodColumn) {
    return Comparator.comparing((Rec r) -> r.str("town"), TOWNS)
        .thenComparing(r -> r.str(periodColumn), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(r -> r.num("rank") == null ? Long.MAX_VALUE : r.count("rank"))
        .thenComparing(byWorker());
  }

  private static List<Rec> sorted(List<Rec> rows, Comparator<Rec> order) {
    List<Rec> out = new ArrayList<>(rows);
    out.sort(order);
    return out;
  }

  /** Sheet names in the order {@link #build} writes them for a period kind. */
  public static List<String> sheetNames(ReportPeriod.Kind kind) {
    return switch (kind) {
      case MONTH -> List.of(MONTHLY, DEDUCTIONS, TOWN_MONTHLY);
      case QUARTER -> List.of(RANKING, FULLTIME);
      case HALF_YEAR -> List.of(RANKING, TRAINING);
      case YEAR -> List.of(YEARLY, FULLTIME, BUDGET, TRAINING);
    };
  }
}
