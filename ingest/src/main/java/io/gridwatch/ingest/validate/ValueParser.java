package io.gridwatch.ingest.validate;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.time.Periods;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one source cell into the Java value of its column type (data-contract.md §1 formats):
 * String, Integer, Long, Double, Boolean, LocalDate, Instant. Empty text parses to null.
 */
public final class ValueParser {
  private ValueParser() {}

  private static final Pattern DATE = Pattern.compile("(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+(\\.0*)?");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern OFFSET = Pattern.compile(".*[+-]\\d{2}(:?\\d{2})?$");

  /** The value of a cell for a column; null for null/blank; throws on a malformed value. */
  public static Object parse(Column column, Object cell) throws BadValueException {
    if (cell == null) {
      return null;
    }
    if (cell instanceof LocalDateTime ldt) {
      return fromExcelDate(column, ldt);
    }
    String s = cell.toString().strip();
    if (s.isEmpty()) {
      return null;
    }
    if (column.isEnum()) {
      return enumCode(column, s);
    }
    return switch (column.type()) {
      case STRING -> s;
      case INT -> Math.toIntExact(parseLong(s, true));
      case LONG -> parseLong(s, false);
      case DOUBLE -> parseDouble(s);
      case BOOLEAN -> parseBoolean(s);
      case DATE -> parseDate(s);
      case TIMESTAMP -> parseTimestamp(s);
      case GEOMETRY ->
          throw new BadValueException("geometry must come from GeoJSON", "几何只能来自 GeoJSON");
    };
  }

  private static Object fromExcelDate(Column column, LocalDateTime ldt) throws BadValueException {
    return switch (column.type()) {
      case DATE -> ldt.toLocalDate();
      case TIMESTAMP -> ldt.atZone(Periods.ZONE).toInstant();
      case STRING ->
          column.isEnum()
              ? enumCode(column, ldt.toString())
              : ldt.toLocalTime().equals(LocalTime.MIDNIGHT)
                  ? ldt.toLocalDate().toString()
                  : ldt.toString();
      default ->
          throw new BadValueException(
              "a date cell where a "
                  + column.type().name().toLowerCase(Locale.ROOT)
                  + " is expected",
              "此处不应为日期单元格");
    };
  }

  /** The enum code for a code (any case) or a Chinese label. */
  static String enumCode(Column column, String s) throws BadValueException {
    for (Map.Entry<String, String> e : column.enumLabels().entrySet()) {
      if (e.getKey().equalsIgnoreCase(s) || e.getValue().equals(s)) {
        return e.getKey();
      }
    }
    StringBuilder codes = new StringBuilder();
    for (Map.Entry<String, String> e : column.enumLabels().entrySet()) {
      if (codes.length() > 0) {
        codes.append(", ");
      }
      codes.append(e.getKey()).append('/').append(e.getValue());
    }
    throw new BadValueException(
        "unknown value '" + s + "' (expected one of " + codes + ")",
        "取值“" + s + "”无效（应为 " + codes + "）");
  }

  private static long parseLong(String s, boolean isInt) throws BadValueException {
    if (isPlainInteger(s) || INTEGER.matcher(s).matches()) {
      try {
        String digits = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        long v = Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
        if (!isInt || (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new BadValueException("not an integer: '" + s + "'", "不是整数：“" + s + "”");
  }

  private static double parseDouble(String s) throws BadValueException {
    if (isPlainDecimal(s) || DECIMAL.matcher(s).matches()) {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    }
    throw new BadValueException("not a number: '" + s + "'", "不是数字：“" + s + "”");
  }

  private static boolean parseBoolean(String s) throws BadValueException {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "1", "是" -> {
        return true;
      }
      case "false", "0", "否" -> {
        return false;
      }
      default ->
          throw new BadValueException(
              "not a boolean (true/false, 1/0, 是/否): '" + s + "'", "不是布尔值（是/否、1/0）：“" + s + "”");
    }
  }

  /** Parses {@code YYYY-MM-DD} or {@code YYYY/M/D}. */
  public static LocalDate parseDate(String s) throws BadValueException {
    Matcher m = DATE.matcher(s);
    if (m.matches()) {
      try {
        return LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)));
      } catch (DateTimeException e) {
        // falls through
      }
    }
    throw new BadValueException(
        "not a date (YYYY-MM-DD or YYYY/M/D): '" + s + "'",
        "日期无效（应为 YYYY-MM-DD 或 YYYY/M/D）：“" + s + "”");
  }

  /**
   * Parses ISO-8601 with offset, or a local {@code YYYY-MM-DD HH:mm[:ss]} / {@code YYYY/M/D
   * H:mm[:ss]} / ISO local date-time in Asia/Shanghai; truncated to microseconds.
   */
  public static Instant parseTimestamp(String s) throws BadValueException {
    try {
      Instant fast = plainLocalDateTime(s);
      if (fast != null) {
        return fast;
      }
      if (s.length() > 10 && (s.endsWith("Z") || OFFSET.matcher(s).matches())) {
        return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
      }
    } catch (DateTimeException e) {
      // falls through to the local forms
    }
    Matcher m = DATE_TIME.matcher(s);
    if (m.matches()) {
      try {
        int nanos = 0;
        if (m.group(8) != null) {
          nanos = Integer.parseInt((m.group(8) + "000000000").substring(0, 9));
        }
        LocalDateTime ldt =
            LocalDateTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)),
                m.group(7) == null ? 0 : Integer.parseInt(m.group(7)),
                nanos);
        return ldt.atZone(Periods.ZONE).toInstant().truncatedTo(ChronoUnit.MICROS);
      } catch (DateTimeException e) {
        // falls through
      }
    }
    throw new BadValueException(
        "not a date-time (ISO-8601, YYYY-MM-DD HH:mm[:ss] or YYYY/M/D H:mm[:ss]): '" + s + "'",
        "时间无效（应为 ISO-8601、YYYY-MM-DD HH:mm[:ss] 或 YYYY/M/D H:mm[:ss]）：“" + s + "”");
  }

  /** True for {@code [-+]?\\d+} (a fast subset of {@link #INTEGER}). */
  private static boolean isPlainInteger(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    if (i >= n || n - i > 18) {
      return false;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** True for {@code [-+]?\\d+(\\.\\d+)?} (a fast subset of {@link #DECIMAL}). */
  private static boolean isPlainDecimal(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    int digits = 0;
    boolean dot = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot && digits > 0) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits > 0 && s.charAt(n - 1) != '.';
  }

  /**
   * The fast path of {@link #parseTimestamp}: exactly {@code YYYY-MM-DD HH:mm:ss} (or with {@code
   * T}), a local Asia/Shanghai time; null for any other text (the general path decides).
   */
  private static Instant plainLocalDateTime(String s) {
    if (s.length() != 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    int h = digits(s, 11, 13);
    int mi = digits(s, 14, 16);
    int se = digits(s, 17, 19);
    if ((y | mo | d | h | mi | se) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(y, mo, d, h, mi, se).atZone(Periods.ZONE).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The non-negative decimal number in {@code s[from, to)}, or -1 when a char is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
