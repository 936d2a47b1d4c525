package io.gridwatch.ingest.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Fixed, locale-free formatting of numbers, dates and times for the CSV files. */
final class Fmt {
  private Fmt() {}

  /** Fixed 6 decimals (≈ 0.1 m), half-up on the absolute value. */
  static String d6(double v) {
    return fixed(v, 6, 1_000_000L);
  }

  /** Fixed 1 decimal. */
  static String d1(double v) {
    return fixed(v, 1, 10L);
  }

  private static String fixed(double v, int decimals, long scale) {
    boolean neg = v < 0;
    long n = Math.round(Math.abs(v) * scale);
    long ip = n / scale;
    long fp = n % scale;
    StringBuilder sb = new StringBuilder(24);
    if (neg && n != 0) {
      sb.append('-');
    }
    sb.append(ip).append('.');
    String f = Long.toString(fp);
    for (int i = f.length(); i < decimals; i++) {
      sb.append('0');
    }
    return sb.append(f).toString();
  }

  /** {@code YYYY-MM-DD}, or null for null. */
  static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  /** {@code YYYY-MM-DD HH:mm:ss} (Asia/Shanghai local time), or null for null. */
  static String dateTime(LocalDateTime t) {
    if (t == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(19);
    sb.append(t.toLocalDate()).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    return two(sb, t.getSecond()).toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }

  /** Zero-padded decimal of at least {@code width} digits. */
  static String pad(long v, int width) {
    String s = Long.toString(v);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}
