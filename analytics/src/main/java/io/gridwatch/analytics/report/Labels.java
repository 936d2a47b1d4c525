package io.gridwatch.analytics.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chinese labels of the marts' codes for the offices' workbooks (grades, rules, reasons, flags,
 * statuses, budget categories, worker kinds, training levels); an unknown code is shown as is.
 */
public final class Labels {
  private Labels() {}

  /** The zone in titles. */
  public static final String ZONE = "资阳高新区";

  private static final Map<String, String> GRADES =
      Map.of("excellent", "优秀", "qualified", "合格", "basic", "基本合格", "unqualified", "不合格");

  private static final Map<String, String> RULES =
      Map.of(
          "full_coverage", "未全覆盖",
          "new_enterprise", "新企业未按时发现或上报",
          "major_incident", "重大事故到场超时",
          "awareness", "群众知晓率不足");

  private static final Map<String, String> FORCED =
      Map.of(
          "awareness_below_60", "知晓率低于60%",
          "two_unqualified_quarters", "两个季度不合格");

  private static final Map<String, String> FLAGS =
      Map.of(
          "partial_month", "持有网格天数不足",
          "no_grid", "本月无网格",
          "awareness_not_sampled", "未抽查知晓率",
          "awareness_sample_size", "抽查样本量不符",
          "info_score_missing", "缺信息整理评分",
          "assist_score_missing", "缺协管工作评分");

  private static final Map<String, String> STATUS = Map.of("final", "已定", "incomplete", "待补评分");

  private static final Map<String, String> CATEGORIES =
      Map.of(
          "exclusive_pay", "专属网格员工资",
          "fulltime_pay", "专职网格员工资",
          "probation_pay", "试用期工资",
          "parttime_allowance", "兼职网格员补贴",
          "subcenter_allowance", "分中心负责人补贴",
          "station_allowance", "管理站管理员补贴",
          "equipment", "装备经费");

  private static final Map<String, String> KINDS =
      Map.of("exclusive", "专属", "fulltime", "专职", "parttime", "兼职");

  private static final Map<String, String> LEVELS = Map.of("zone", "园区级", "town", "镇街级");

  private static String of(Map<String, String> labels, String code) {
    return code == null ? null : labels.getOrDefault(code, code);
  }

  /** 优秀 / 合格 / 基本合格 / 不合格 of a grade code. */
  public static String grade(String code) {
    return of(GRADES, code);
  }

  /** A deduction rule as "中文 code", e.g. "未全覆盖 full_coverage". */
  public static String rule(String code) {
    return code == null ? null : RULES.containsKey(code) ? RULES.get(code) + " " + code : code;
  }

  /** A forced-unqualified reason in Chinese. */
  public static String forced(String code) {
    return of(FORCED, code);
  }

  /** Month flags in Chinese, joined by "；". */
  public static String flags(List<String> codes) {
    return codes.isEmpty()
        ? null
        : String.join("；", codes.stream().map(c -> FLAGS.getOrDefault(c, c)).toList());
  }

  /** 已定 / 待补评分 of a status. */
  public static String status(String code) {
    return of(STATUS, code);
  }

  /** A budget category in Chinese. */
  public static String category(String code) {
    return of(CATEGORIES, code);
  }

  /** 专属 / 专职 / 兼职 of a worker kind. */
  public static String kind(String code) {
    return of(KINDS, code);
  }

  /** 园区级 / 镇街级 of a training level. */
  public static String level(String code) {
    return of(LEVELS, code);
  }

  /** 是 / 否 of a boolean; null stays null. */
  public static String yesNo(Boolean b) {
    return b == null ? null : b ? "是" : "否";
  }

  /**
   * Orders ids naturally: digit runs compare as numbers (W2 before W10), then the plain text; null
   * last.
   */
  public static final Comparator<String> NATURAL = Comparator.nullsLast(Labels::compareNatural);

  private static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c =
            na.length() != nb.length()
                ? Integer.compare(na.length(), nb.length())
                : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }
}
