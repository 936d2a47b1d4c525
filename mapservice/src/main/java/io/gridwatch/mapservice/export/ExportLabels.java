package io.gridwatch.mapservice.export;

import java.util.Map;
import java.util.Set;

/** Chinese headers and value labels of exported tables (the English name is the column itself). */
public final class ExportLabels {
  /** Chinese header per column name. */
  static final Map<String, String> HEADERS =
      Map.ofEntries(
          Map.entry("rank", "排名"),
          Map.entry("worker_id", "网格员编号"),
          Map.entry("name", "姓名"),
          Map.entry("grid_id", "网格编号"),
          Map.entry("town", "镇街"),
          Map.entry("months", "考核月数"),
          Map.entry("score", "得分"),
          Map.entry("base_grade", "初评等次"),
          Map.entry("grade", "等次"),
          Map.entry("quota_exceeded", "超出优秀名额"),
          Map.entry("pay_multiplier", "绩效系数"),
          Map.entry("performance_pay", "绩效工资(元)"),
          Map.entry("status", "状态"),
          Map.entry("ranked", "参评人数"),
          Map.entry("excellent_quota", "优秀名额"),
          Map.entry("month", "月份"),
          Map.entry("enterprises", "企业数"),
          Map.entry("visited", "已巡查企业"),
          Map.entry("coverage", "覆盖率"),
          Map.entry("total", "月度总分"));

  private static final Map<String, String> GRADES =
      Map.of(
          "excellent", "优秀",
          "qualified", "合格",
          "basic", "基本合格",
          "unqualified", "不合格");

  private static final Map<String, String> STATUSES = Map.of("final", "已定", "incomplete", "不完整");

  private static final Set<String> RATIOS = Set.of("coverage", "awareness_rate");

  private ExportLabels() {}

  /** "中文 english" header of a column (just the name when no label is known). */
  public static String header(String column) {
    String zh = HEADERS.get(column);
    return zh == null ? column : zh + " " + column;
  }

  /** The Chinese label of a coded value (grades, statuses); other values unchanged. */
  public static String value(String column, String v) {
    if (column.endsWith("grade")) {
      return GRADES.getOrDefault(v, v);
    }
    if (column.equals("status")) {
      return STATUSES.getOrDefault(v, v);
    }
    return v;
  }

  /** True for 0..1 ratio columns (formatted as percentages). */
  public static boolean isRatio(String column) {
    return RATIOS.contains(column);
  }
}
