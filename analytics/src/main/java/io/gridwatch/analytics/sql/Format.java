package io.gridwatch.analytics.sql;

/** Output formats of {@code gridwatch sql}. */
public enum Format {
  /** Aligned text table for people. */
  TABLE,
  /** Header row + RFC-4180 rows, nothing else. */
  CSV,
  /** JSON Lines: one JSON object per row and line, nulls written as null. */
  JSON;

  /** Parses {@code table|csv|json} (case-insensitive). */
  public static Format parse(String s) {
    return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
