package io.gridwatch.ingest.synthetic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link SyntheticDrop#generate} wrote: row counts per table in a fixed order.
 *
 * @param counts table name → rows written (grids: features)
 * @param millis wall-clock milliseconds the generation took (not part of the drop)
 */
public record Summary(Map<String, Long> counts, long millis) {

  /** Makes an unmodifiable copy that keeps the insertion order. */
  public Summary {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** Rows written for {@code table}, 0 when the table was not written. */
  public long count(String table) {
    return counts.getOrDefault(table, 0L);
  }

  /** One line per table, e.g. {@code patrols 41234}, for the command line. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, "%-14s %,d%n", k, v)));
    return sb.toString();
  }
}
