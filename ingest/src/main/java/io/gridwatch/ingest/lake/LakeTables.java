package io.gridwatch.ingest.lake;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.TableDef;
import java.util.ArrayList;
import java.util.List;

/** Column lists of the files ingest writes: table files, partition files, history. */
public final class LakeTables {
  private LakeTables() {}

  /** The {@code run_id} column appended to history rows. */
  public static final Column RUN_ID = Column.of("run_id", ColumnType.STRING, true);

  /** Columns stored inside the table's files (the partition column lives in the folder name). */
  public static List<Column> fileColumns(TableDef t) {
    return t.columns().stream().filter(c -> !c.name().equals(t.partitionColumn())).toList();
  }

  /** Columns of {@code history/<table>/}: every table column (flat, unpartitioned) + run_id. */
  public static List<Column> historyColumns(TableDef t) {
    List<Column> out = new ArrayList<>(t.columns());
    out.add(RUN_ID);
    return out;
  }

  /** Positions of {@code subset} columns in {@code all}, by name. */
  public static int[] positions(List<Column> all, List<Column> subset) {
    List<String> names = all.stream().map(Column::name).toList();
    return subset.stream().mapToInt(c -> names.indexOf(c.name())).toArray();
  }

  /** The row reduced to the given positions. */
  public static Object[] project(Object[] row, int[] positions) {
    Object[] out = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = row[positions[i]];
    }
    return out;
  }

  /** The lake-relative file name a run writes into a folder. */
  public static String partFile(String folder, String runId) {
    return folder + "/part-00000-" + runId + ".parquet";
  }
}
