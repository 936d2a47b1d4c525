package io.gridwatch.ingest.reader;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.TableDef;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps source header cells to lake columns: the English name (any case) or one of the Chinese
 * aliases, after trimming (and dropping a stray BOM). Unknown headers are ignored; when two headers
 * map to one column the first wins.
 */
public final class HeaderMap {
  private final String[] columnByIndex;

  private HeaderMap(String[] columnByIndex) {
    this.columnByIndex = columnByIndex;
  }

  /** Resolves the given header cells against a table's columns. */
  public static HeaderMap of(TableDef table, List<String> headers) {
    String[] out = new String[headers.size()];
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < headers.size(); i++) {
      String h = normalize(headers.get(i));
      for (Column c : table.columns()) {
        boolean match =
            c.name().toLowerCase(Locale.ROOT).equals(h.toLowerCase(Locale.ROOT))
                || c.aliases().stream().anyMatch(a -> normalize(a).equals(h));
        if (match && taken.add(c.name())) {
          out[i] = c.name();
          break;
        }
      }
    }
    return new HeaderMap(out);
  }

  /** The lake column of header cell {@code index}, or null when unknown or beyond the header. */
  public String column(int index) {
    return index < columnByIndex.length ? columnByIndex[index] : null;
  }

  /** The mapped column names in header order (nulls for ignored headers). */
  public List<String> columns() {
    return Arrays.asList(columnByIndex);
  }

  private static String normalize(String h) {
    String s = h == null ? "" : h.replace("\uFEFF", "");
    return s.strip();
  }
}
