package io.gridwatch.dist.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Parses repeatable {@code [TABLE=]VALUE} options; the key {@code *} means every table. */
final class TableSettings {
  private TableSettings() {}

  /** Maps table (or {@code *}) to the parsed value; throws IllegalArgumentException when bad. */
  static <T> Map<String, T> parse(List<String> specs, Function<String, T> parser) {
    Map<String, T> out = new LinkedHashMap<>();
    if (specs == null) {
      return out;
    }
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String table = eq < 0 ? "*" : spec.substring(0, eq).trim();
      String value = eq < 0 ? spec : spec.substring(eq + 1);
      if (table.isEmpty()) {
        throw new IllegalArgumentException("empty table name in '" + spec + "'");
      }
      out.put(table, parser.apply(value.trim()));
    }
    return out;
  }
}
