package io.gridwatch.analytics.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One collected mart row as plain Java values by column name (String, Number, Boolean, LocalDate,
 * List); a missing column reads as null.
 */
public record Rec(Map<String, Object> values) {

  /** A row from alternating column names and values (nulls allowed). */
  public static Rec of(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Rec(Collections.unmodifiableMap(m));
  }

  /** The raw value or null. */
  public Object get(String column) {
    return values.get(column);
  }

  /** The value as text, or null. */
  public String str(String column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  /** The value as a number, or null. */
  public Number num(String column) {
    Object v = values.get(column);
    return v instanceof Number n ? n : null;
  }

  /** The value as an exact decimal, or null (doubles through their shortest decimal text). */
  public BigDecimal dec(String column) {
    Object v = values.get(column);
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double || v instanceof Float) {
      return new BigDecimal(v.toString());
    }
    return v instanceof Number n ? BigDecimal.valueOf(n.longValue()) : null;
  }

  /** The value as a whole number, 0 when null. */
  public long count(String column) {
    Number n = num(column);
    return n == null ? 0 : n.longValue();
  }

  /** The value as a boolean, or null. */
  public Boolean bool(String column) {
    Object v = values.get(column);
    return v instanceof Boolean b ? b : null;
  }

  /** Whether the value is {@code true}. */
  public boolean isTrue(String column) {
    return Boolean.TRUE.equals(bool(column));
  }

  /** The value as a date ({@code LocalDate} or ISO text), or null. */
  public LocalDate date(String column) {
    Object v = values.get(column);
    if (v instanceof LocalDate d) {
      return d;
    }
    return v == null ? null : LocalDate.parse(v.toString());
  }

  /** The value as a list of texts (empty when null). */
  public List<String> strings(String column) {
    Object v = values.get(column);
    if (v instanceof List<?> l) {
      return l.stream().map(x -> x == null ? "" : x.toString()).toList();
    }
    return List.of();
  }
}
