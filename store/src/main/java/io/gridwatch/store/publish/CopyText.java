package io.gridwatch.store.publish;

import io.gridwatch.core.time.Periods;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;

/** Encodes Java values as fields of PostgreSQL's COPY text format. */
final class CopyText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CopyText() {}

  /**
   * Appends one value: null as {@code \N}; byte[] (WKB) as hex, which PostGIS reads as geometry;
   * numbers, booleans, dates and instants in PostgreSQL's input syntax; text escaped.
   */
  static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof String s) {
      appendText(out, s);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof java.math.BigInteger) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        out.append("NaN");
      } else if (Double.isInfinite(d)) {
        out.append(d > 0 ? "Infinity" : "-Infinity");
      } else {
        out.append(value);
      }
    } else if (value instanceof BigDecimal b) {
      out.append(b.toPlainString());
    } else if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof byte[] bytes) {
      for (byte b : bytes) {
        out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    } else if (value instanceof java.sql.Date d) {
      out.append(d.toLocalDate());
    } else if (value instanceof LocalDate d) {
      out.append(d);
    } else if (value instanceof java.sql.Timestamp t) {
      out.append(t.toInstant());
    } else if (value instanceof Instant i) {
      out.append(i);
    } else if (value instanceof OffsetDateTime t) {
      out.append(t.toInstant());
    } else if (value instanceof ZonedDateTime t) {
      out.append(t.toInstant());
    } else if (value instanceof LocalDateTime t) {
      out.append(t);
    } else if (value instanceof YearMonth m) {
      out.append(Periods.format(m));
    } else {
      throw new IllegalArgumentException(
          "cannot publish a value of type " + value.getClass().getName());
    }
  }

  private static void appendText(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\0' -> throw new IllegalArgumentException("text contains a NUL character: " + s);
        default -> out.append(c);
      }
    }
  }
}
