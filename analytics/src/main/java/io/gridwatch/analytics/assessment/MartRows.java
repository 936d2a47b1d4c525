package io.gridwatch.analytics.assessment;

import io.gridwatch.core.assessment.Decimals;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;

/** Value conversions between Spark rows and the core assessment engine (null-safe). */
final class MartRows {
  private MartRows() {}

  /** Groups rows by the string value of one column (a serialisable key function). */
  static final class KeyOf implements MapFunction<Row, String> {
    private static final long serialVersionUID = 1L;
    private final String column;

    /** Keys by {@code column}. */
    KeyOf(String column) {
      this.column = column;
    }

    @Override
    public String call(Row r) {
      return r.getAs(column);
    }
  }

  /** The string in {@code column}, or null. */
  static String str(Row r, String column) {
    return r.getAs(column);
  }

  /** The exact decimal a double column was written as ({@link Decimals#of}), or null. */
  static BigDecimal decimal(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? null : Decimals.of(((Number) v).doubleValue());
  }

  /** The date in {@code column} (java.sql.Date or LocalDate, whichever the session uses). */
  static LocalDate date(Row r, String column) {
    Object v = r.getAs(column);
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate d) {
      return d;
    }
    return ((java.sql.Date) v).toLocalDate();
  }

  /** A decimal as a double column value (null stays null). */
  static Double dbl(BigDecimal v) {
    return v == null ? null : v.doubleValue();
  }

  /** A date as a DateType column value. */
  static java.sql.Date sqlDate(LocalDate d) {
    return d == null ? null : java.sql.Date.valueOf(d);
  }

  /** SQL expression of the quarter {@code YYYYQn} of a {@code YYYY-MM} month column. */
  static String quarterOfMonth(String monthColumn) {
    return "concat(substring("
        + monthColumn
        + ", 1, 4), 'Q', CAST((CAST(substring("
        + monthColumn
        + ", 6, 2) AS INT) + 2) div 3 AS STRING))";
  }
}
