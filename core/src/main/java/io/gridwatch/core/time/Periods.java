package io.gridwatch.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Periods of the regulation; every period is an Asia/Shanghai calendar period. */
public final class Periods {
  private Periods() {}

  /** The zone of every date, month and deadline in the domain. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  /** The Asia/Shanghai month containing an instant. */
  public static YearMonth monthOf(Instant instant) {
    return YearMonth.from(instant.atZone(ZONE));
  }

  /** The Asia/Shanghai date of an instant. */
  public static LocalDate dateOf(Instant instant) {
    return instant.atZone(ZONE).toLocalDate();
  }

  /** Formats a month as {@code YYYY-MM}. */
  public static String format(YearMonth month) {
    return month.format(MONTH);
  }

  /** Parses {@code YYYY-MM}; throws {@link IllegalArgumentException} with the bad value. */
  public static YearMonth parseMonth(String text) {
    if (text == null || !text.matches("\\d{4}-\\d{2}")) {
      throw new IllegalArgumentException("not a month (YYYY-MM): " + text);
    }
    try {
      return YearMonth.parse(text, MONTH);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a month (YYYY-MM): " + text, e);
    }
  }

  /** The 15th of the month (employment and closure are judged on it). */
  public static LocalDate day15(YearMonth month) {
    return month.atDay(15);
  }

  /** The last day of the month. */
  public static LocalDate lastDay(YearMonth month) {
    return month.atEndOfMonth();
  }

  /** The quarter label {@code YYYYQn} of a month. */
  public static String quarterOf(YearMonth month) {
    return month.getYear() + "Q" + ((month.getMonthValue() - 1) / 3 + 1);
  }

  /** True for a quarter label {@code YYYYQn} (n = 1..4). */
  public static boolean isQuarter(String text) {
    return text != null && text.matches("\\d{4}Q[1-4]");
  }

  /** True for a year label {@code YYYY}. */
  public static boolean isYear(String text) {
    return text != null && text.matches("\\d{4}");
  }

  /** The first month of a quarter {@code YYYYQn}; throws {@link IllegalArgumentException}. */
  public static YearMonth quarterStart(String quarter) {
    if (!isQuarter(quarter)) {
      throw new IllegalArgumentException("not a quarter (YYYYQn): " + quarter);
    }
    int q = quarter.charAt(5) - '0';
    return YearMonth.of(Integer.parseInt(quarter.substring(0, 4)), 3 * q - 2);
  }

  /** The three months of a quarter {@code YYYYQn}, ascending. */
  public static java.util.List<YearMonth> monthsOfQuarter(String quarter) {
    YearMonth first = quarterStart(quarter);
    return java.util.List.of(first, first.plusMonths(1), first.plusMonths(2));
  }

  /**
   * The last day on which a quarter's results are on time (第十九条): day {@code dueDay} of the first
   * month of the next quarter ({@code 2025Q4}, 15 → 2026-01-15).
   */
  public static LocalDate quarterReportDue(String quarter, int dueDay) {
    return quarterStart(quarter).plusMonths(3).atDay(dueDay);
  }
}
