package io.gridwatch.core.lake;

import java.util.List;
import java.util.Optional;

/**
 * A lake table: its columns (source columns first, then derived ones), key and partitioning.
 *
 * @param name table name, also the source file stem and the lake folder
 * @param key key columns (a row with an existing key replaces the stored row)
 * @param columns every lake column in order
 * @param partitionColumn column used for Hive-style partition folders, or null
 */
public record TableDef(
    String name, List<String> key, List<Column> columns, String partitionColumn) {

  /** The column of that name, if any. */
  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** Names of all columns, in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
