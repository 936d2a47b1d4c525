package io.gridwatch.ingest.merge;

import io.gridwatch.core.lake.TableDef;
import java.util.Arrays;
import java.util.List;

/** Key and content helpers for lake rows ({@code Object[]} in table column order). */
public final class Keys {
  private Keys() {}

  /** The indexes of a table's key columns. */
  public static int[] keyIndexes(TableDef table) {
    List<String> names = table.columnNames();
    return table.key().stream().mapToInt(names::indexOf).toArray();
  }

  /** A canonical string of the key values ({@code \u0001}-separated). */
  public static String key(Object[] row, int[] keyIndexes) {
    if (keyIndexes.length == 1) {
      return String.valueOf(row[keyIndexes[0]]);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < keyIndexes.length; i++) {
      if (i > 0) {
        sb.append('\u0001');
      }
      sb.append(row[keyIndexes[i]]);
    }
    return sb.toString();
  }

  /** True when two rows hold equal values in every column (byte arrays by content). */
  public static boolean sameContent(Object[] a, Object[] b) {
    return Arrays.deepEquals(a, b);
  }
}
