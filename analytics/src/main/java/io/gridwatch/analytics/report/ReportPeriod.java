package io.gridwatch.analytics.report;

import io.gridwatch.core.time.Periods;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * The period of a report workbook: a month {@code YYYY-MM}, a quarter {@code YYYYQn}, a half-year
 * {@code YYYYH1|H2} or a year {@code YYYY} (data-contract.md §4, {@code gridwatch report
 * --period}).
 */
public record ReportPeriod(Kind kind, String label, int year, int index) {

  /** What a period spans; decides the sheets of its workbook. */
  public enum Kind {
    MONTH,
    QUARTER,
    HALF_YEAR,
    YEAR
  }

  /**
   * Parses a period label (blanks and the letter case ignored); throws {@link
   * IllegalArgumentException} with one bilingual line naming the bad value.
   */
  public static ReportPeriod parse(String text) {
    String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    if (t.matches("\\d{4}-\\d{2}")) {
      YearMonth m;
      try {
        m = Periods.parseMonth(t);
      } catch (IllegalArgumentException e) {
        throw bad(text);
      }
      return new ReportPeriod(Kind.MONTH, Periods.format(m), m.getYear(), m.getMonthValue());
    }
    if (t.matches("\\d{4}Q[1-4]")) {
      return new ReportPeriod(Kind.QUARTER, t, year(t), t.charAt(5) - '0');
    }
    if (t.matches("\\d{4}H[12]")) {
      return new ReportPeriod(Kind.HALF_YEAR, t, year(t), t.charAt(5) - '0');
    }
    if (t.matches("\\d{4}")) {
      return new ReportPeriod(Kind.YEAR, t, year(t), 0);
    }
    throw bad(text);
  }

  private static int year(String t) {
    int y = Integer.parseInt(t.substring(0, 4));
    if (y < 1900) {
      throw bad(t);
    }
    return y;
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "考核期格式不对："
            + text
            + "（应为 2025-03、2025Q1、2025H1 或 2025）/ not a period: "
            + text
            + " (expected YYYY-MM, YYYYQn, YYYYH1|H2 or YYYY)");
  }

  /** The month {@code YYYY-MM} of a month period; throws for other kinds. */
  public String month() {
    if (kind != Kind.MONTH) {
      throw new IllegalStateException(label + " is not a month");
    }
    return label;
  }

  /** The quarters {@code YYYYQn} the period spans (none for a month), ascending. */
  public List<String> quarters() {
    return switch (kind) {
      case MONTH -> List.of();
      case QUARTER -> List.of(label);
      case HALF_YEAR -> List.of(year + "Q" + (2 * index - 1), year + "Q" + (2 * index));
      case YEAR -> List.of(year + "Q1", year + "Q2", year + "Q3", year + "Q4");
    };
  }

  /**
   * The {@code training_gaps} periods reported with this period: a half-year itself; a year's own
   * (town-level) period and its two half-years (zone level); none for months and quarters.
   */
  public List<String> trainingPeriods() {
    return switch (kind) {
      case MONTH, QUARTER -> List.of();
      case HALF_YEAR -> List.of(label);
      case YEAR -> List.of(label, year + "H1", year + "H2");
    };
  }

  /** The period in Chinese: 2025年3月, 2025年第1季度, 2025年上半年, 2025年度. */
  public String zh() {
    return switch (kind) {
      case MONTH -> year + "年" + index + "月";
      case QUARTER -> year + "年第" + index + "季度";
      case HALF_YEAR -> year + "年" + (index == 1 ? "上" : "下") + "半年";
      case YEAR -> year + "年度";
    };
  }

  /** The default output file name: {@code report-<label>.xlsx}. */
  public String defaultFileName() {
    return "report-" + label + ".xlsx";
  }
}
