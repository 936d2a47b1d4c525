package io.gridwatch.ingest.validate;

import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.merge.Incoming;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds incoming {@code assignments} rows whose {@code [from, to)} period overlaps another period
 * of the same worker in the merged result ({@code to} empty = open-ended). Stored rows are never
 * rejected; an incoming row overlapping anything is.
 */
public final class AssignmentOverlaps {
  private AssignmentOverlaps() {}

  /**
   * The incoming rows (by identity) that overlap another row of the merged table, with a
   * description of the other row.
   *
   * @param table the assignments table
   * @param merged the rows after merging (stored and incoming)
   * @param incoming the incoming rows that took part in the merge
   */
  public static Map<Incoming, String> find(
      TableDef table, List<Object[]> merged, List<Incoming> incoming) {
    int w = table.columnNames().indexOf("worker_id");
    int f = table.columnNames().indexOf("from");
    int t = table.columnNames().indexOf("to");
    Map<Object[], Incoming> origin = new IdentityHashMap<>();
    incoming.forEach(in -> origin.put(in.row(), in));
    Map<Object, List<Object[]>> byWorker = new HashMap<>();
    for (Object[] r : merged) {
      byWorker.computeIfAbsent(r[w], k -> new ArrayList<>()).add(r);
    }
    Map<Incoming, String> out = new IdentityHashMap<>();
    for (List<Object[]> rows : byWorker.values()) {
      rows.sort(Comparator.comparing(r -> (LocalDate) r[f]));
      for (int i = 0; i < rows.size(); i++) {
        for (int j = i + 1; j < rows.size(); j++) {
          Object[] a = rows.get(i);
          Object[] b = rows.get(j);
          LocalDate aTo = (LocalDate) a[t];
          if (aTo != null && !((LocalDate) b[f]).isBefore(aTo)) {
            break;
          }
          mark(out, origin.get(a), b, f, t);
          mark(out, origin.get(b), a, f, t);
        }
      }
    }
    return out;
  }

  private static void mark(Map<Incoming, String> out, Incoming in, Object[] other, int f, int t) {
    if (in != null && !out.containsKey(in)) {
      out.put(in, other[f] + ".." + (other[t] == null ? "" : other[t]));
    }
  }
}
