package io.gridwatch.store.publish;

import java.util.List;
import java.util.regex.Pattern;

/** The live tables in schema {@code gridwatch} that a publish replaces as a whole. */
public final class PublishedTables {
  /** Every published table; a new mart is added here and in a new Flyway migration. */
  public static final List<String> ALL =
      List.of(
          "grids",
          "grid_month",
          "enterprises",
          "patrols",
          "worker_month",
          "patrol_flags",
          "workers",
          "worker_quarter",
          "worker_year",
          "fulltime_quarter",
          "fulltime_year",
          "town_submissions",
          "budget_year",
          "training_gaps");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PublishedTables() {}

  /** Returns the name if it is a published table; throws IllegalArgumentException otherwise. */
  public static String require(String table) {
    if (!ALL.contains(table)) {
      throw new IllegalArgumentException(
          "not a published table: " + table + " (known: " + ALL + ")");
    }
    return table;
  }

  /** Quotes a lower-case SQL identifier; throws IllegalArgumentException for anything else. */
  public static String quote(String identifier) {
    if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
      throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + identifier);
    }
    return '"' + identifier + '"';
  }
}
