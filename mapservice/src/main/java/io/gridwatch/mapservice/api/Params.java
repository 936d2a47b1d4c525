package io.gridwatch.mapservice.api;

import io.gridwatch.core.time.Periods;
import java.time.YearMonth;

/** Validation of query parameters shared by the API handlers; failures are 400s. */
public final class Params {
  private Params() {}

  /**
   * The month {@code YYYY-MM} (years 1000..9999) named {@code name}, or null when absent or blank;
   * throws a 400 ApiException for anything else.
   */
  public static YearMonth optionalMonth(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      YearMonth m = Periods.parseMonth(text.trim());
      if (m.getYear() < 1000) {
        throw new IllegalArgumentException("year before 1000");
      }
      return m;
    } catch (RuntimeException e) {
      throw ApiException.badRequest("bad " + name + ", expected YYYY-MM: " + clip(text));
    }
  }

  /** Shortens client input for an error message (at most 40 characters). */
  public static String clip(String text) {
    if (text == null) {
      return "(none)";
    }
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
