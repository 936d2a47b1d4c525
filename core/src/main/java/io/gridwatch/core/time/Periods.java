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
}
