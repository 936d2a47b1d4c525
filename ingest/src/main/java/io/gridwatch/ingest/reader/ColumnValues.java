package io.gridwatch.ingest.reader;

import io.gridwatch.core.lake.TableDef;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cell values of one source row held in table column order (an array, no per-row hash map);
 * read as a {@code Map} by column name like any {@link SourceRow#values()}, or by column index with
 * {@link #at(int)}. Entries exist for the columns the file's header maps (null = not mapped).
 */
public final class ColumnValues extends AbstractMap<String, Object> {
  private final Layout layout;
  private final Object[] cells;

  /** The column positions of one table, shared by every row of that table. */
  public static final class Layout {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    /** The layout of {@code table}'s columns. */
    public Layout(TableDef table) {
      this.names = table.columnNames();
      for (int i = 0; i < names.size(); i++) {
        index.put(names.get(i), i);
      }
    }

    /** The number of table columns. */
    public int size() {
      return names.size();
    }

    /** The index of a column name, or -1. */
    public int indexOf(Object name) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }
  }

  /**
   * Wraps {@code cells} (length = the layout's size; null entry = column not in the file); the
   * array is not copied.
   */
  public ColumnValues(Layout layout, Object[] cells) {
    this.layout = layout;
    this.cells = cells;
  }

  /** The value of table column {@code i} (null when the file has no such column). */
  public Object at(int i) {
    return cells[i];
  }

  @Override
  public Object get(Object key) {
    int i = layout.indexOf(key);
    return i < 0 ? null : cells[i];
  }

  @Override
  public boolean containsKey(Object key) {
    int i = layout.indexOf(key);
    return i >= 0 && cells[i] != null;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> out = new LinkedHashSet<>();
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] != null) {
        out.add(new SimpleImmutableEntry<>(layout.names.get(i), cells[i]));
      }
    }
    return out;
  }
}
