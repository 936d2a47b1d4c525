package io.gridwatch.core.lake;

import java.util.List;
import java.util.Map;

/**
 * One column of a lake table and of its source file.
 *
 * @param name English name (source header and lake column)
 * @param type logical type
 * @param required whether a source row must carry a value
 * @param aliases accepted source header aliases (Chinese names)
 * @param enumLabels for enum columns: code → Chinese label (both accepted on input); empty
 *     otherwise
 */
public record Column(
    String name,
    ColumnType type,
    boolean required,
    List<String> aliases,
    Map<String, String> enumLabels) {

  /** Creates a non-enum column. */
  public static Column of(String name, ColumnType type, boolean required, String... aliases) {
    return new Column(name, type, required, List.of(aliases), Map.of());
  }

  /** Creates an enum column; {@code codesAndLabels} alternates code, label, code, label... */
  public static Column enumOf(
      String name, boolean required, List<String> aliases, String... codesAndLabels) {
    var m = new java.util.LinkedHashMap<String, String>();
    for (int i = 0; i < codesAndLabels.length; i += 2) {
      m.put(codesAndLabels[i], codesAndLabels[i + 1]);
    }
    return new Column(
        name, ColumnType.STRING, required, aliases, java.util.Collections.unmodifiableMap(m));
  }

  /** True when the column takes one of a fixed set of codes. */
  public boolean isEnum() {
    return !enumLabels.isEmpty();
  }
}
