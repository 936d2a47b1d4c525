package io.gridwatch.ingest.merge;

import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.Reject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Merges validated incoming rows into the stored rows of one table (or one partition) by key: new
 * key → inserted; same content → unchanged; different content → updated (the stored row is returned
 * as replaced, for history). Two incoming rows with one key and different content are a conflict:
 * all of them are rejected; identical duplicates count once as unchanged.
 */
public final class KeyedMerge {
  private KeyedMerge() {}

  /**
   * The outcome of a merge.
   *
   * @param rows the merged rows, sorted by key
   * @param inserted rows with a new key
   * @param updated rows that replaced a stored row
   * @param unchanged rows equal to a stored row (or to another incoming row)
   * @param replaced stored rows that were replaced
   * @param conflicts rejects for conflicting incoming rows
   * @param conflictRows number of incoming rows rejected as conflicts
   * @param candidateKeys number of distinct incoming keys without conflict
   */
  public record Result(
      List<Object[]> rows,
      long inserted,
      long updated,
      long unchanged,
      List<Object[]> replaced,
      List<Reject> conflicts,
      long conflictRows,
      long candidateKeys) {
    /** True when the stored rows must be rewritten. */
    public boolean changed() {
      return inserted > 0 || updated > 0;
    }
  }

  /** Merges {@code incoming} into {@code stored} for {@code table}. */
  public static Result merge(TableDef table, List<Object[]> stored, List<Incoming> incoming) {
    int[] k = Keys.keyIndexes(table);
    Map<String, List<Incoming>> byKey = new LinkedHashMap<>();
    for (Incoming in : incoming) {
      byKey.computeIfAbsent(Keys.key(in.row(), k), x -> new ArrayList<>()).add(in);
    }
    TreeMap<String, Object[]> out = new TreeMap<>();
    for (Object[] r : stored) {
      out.put(Keys.key(r, k), r);
    }
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    long conflictRows = 0;
    long candidateKeys = 0;
    List<Object[]> replaced = new ArrayList<>();
    List<Reject> conflicts = new ArrayList<>();
    String keyCols = String.join(",", table.key());
    for (Map.Entry<String, List<Incoming>> e : byKey.entrySet()) {
      List<Incoming> group = e.getValue();
      Object[] first = group.get(0).row();
      if (group.stream().anyMatch(g -> !Keys.sameContent(g.row(), first))) {
        String where =
            group.stream().map(g -> g.file() + ":" + g.line()).collect(Collectors.joining(", "));
        for (Incoming g : group) {
          conflicts.add(
              new Reject(
                  table.name(),
                  g.file(),
                  g.line(),
                  keyCols,
                  "conflicting rows with the same key " + e.getKey() + " (" + where + ")",
                  "同一主键 " + e.getKey() + " 有内容不同的多行（" + where + "）",
                  g.raw()));
        }
        conflictRows += group.size();
        continue;
      }
      candidateKeys++;
      unchanged += group.size() - 1;
      Object[] old = out.get(e.getKey());
      if (old == null) {
        out.put(e.getKey(), first);
        inserted++;
      } else if (Keys.sameContent(old, first)) {
        unchanged++;
      } else {
        out.put(e.getKey(), first);
        replaced.add(old);
        updated++;
      }
    }
    return new Result(
        new ArrayList<>(out.values()),
        inserted,
        updated,
        unchanged,
        replaced,
        conflicts,
        conflictRows,
        candidateKeys);
  }
}
