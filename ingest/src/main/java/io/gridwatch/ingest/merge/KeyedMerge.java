package io.gridwatch.ingest.merge;

import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.Reject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

  /**
   * Merges {@code incoming} into {@code stored} for {@code table}. Works by sorting (stably) rather
   * than hashing: incoming rows are grouped by key in input order, stored rows are keyed with the
   * last one of a key winning, and both are walked in key order; conflicts and replaced rows are
   * reported in the order in which their key first occurs in {@code incoming}.
   */
  public static Result merge(TableDef table, List<Object[]> stored, List<Incoming> incoming) {
    int[] k = Keys.keyIndexes(table);
    int n = incoming.size();
    Keyed[] in = new Keyed[n];
    for (int i = 0; i < n; i++) {
      in[i] = new Keyed(Keys.key(incoming.get(i).row(), k), i);
    }
    Arrays.sort(in, BY_KEY); // stable: equal keys keep their input order
    Keyed[] st = new Keyed[stored.size()];
    for (int i = 0; i < st.length; i++) {
      st[i] = new Keyed(Keys.key(stored.get(i), k), i);
    }
    Arrays.sort(st, BY_KEY);

    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    long conflictRows = 0;
    long candidateKeys = 0;
    List<Object[]> rows = new ArrayList<>(st.length + n);
    List<Ordered<Object[]>> replaced = new ArrayList<>();
    List<Ordered<List<Incoming>>> conflicted = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < st.length) {
      // the next stored key (last of equal stored keys wins, as a map put would)
      String sk = null;
      Object[] old = null;
      if (j < st.length) {
        sk = st[j].key;
      }
      String ik = i < n ? in[i].key : null;
      int cmp = ik == null ? 1 : sk == null ? -1 : ik.compareTo(sk);
      if (cmp >= 0) {
        int jEnd = j;
        while (jEnd + 1 < st.length && st[jEnd + 1].key.equals(sk)) {
          jEnd++;
        }
        old = stored.get(st[jEnd].index);
        j = jEnd + 1;
      }
      if (cmp > 0) {
        rows.add(old);
        continue;
      }
      int iEnd = i;
      while (iEnd + 1 < n && in[iEnd + 1].key.equals(ik)) {
        iEnd++;
      }
      Object[] first = incoming.get(in[i].index).row();
      boolean conflict = false;
      for (int g = i + 1; g <= iEnd; g++) {
        if (!Keys.sameContent(incoming.get(in[g].index).row(), first)) {
          conflict = true;
          break;
        }
      }
      int firstIndex = in[i].index;
      if (conflict) {
        List<Incoming> group = new ArrayList<>(iEnd - i + 1);
        for (int g = i; g <= iEnd; g++) {
          group.add(incoming.get(in[g].index));
        }
        conflicted.add(new Ordered<>(firstIndex, ik, group));
        conflictRows += group.size();
        if (old != null) {
          rows.add(old);
        }
      } else {
        candidateKeys++;
        unchanged += iEnd - i;
        if (old == null) {
          rows.add(first);
          inserted++;
        } else if (Keys.sameContent(old, first)) {
          rows.add(old);
          unchanged++;
        } else {
          rows.add(first);
          replaced.add(new Ordered<>(firstIndex, ik, old));
          updated++;
        }
      }
      i = iEnd + 1;
    }
    replaced.sort(Comparator.comparingInt(Ordered::first));
    conflicted.sort(Comparator.comparingInt(Ordered::first));
    List<Reject> conflicts = new ArrayList<>();
    String keyCols = String.join(",", table.key());
    for (Ordered<List<Incoming>> c : conflicted) {
      List<Incoming> group = c.value();
      String where =
          group.stream().map(g -> g.file() + ":" + g.line()).collect(Collectors.joining(", "));
      for (Incoming g : group) {
        conflicts.add(
            new Reject(
                table.name(),
                g.file(),
                g.line(),
                keyCols,
                "conflicting rows with the same key " + c.key() + " (" + where + ")",
                "同一主键 " + c.key() + " 有内容不同的多行（" + where + "）",
                g.raw()));
      }
    }
    return new Result(
        rows,
        inserted,
        updated,
        unchanged,
        replaced.stream().map(Ordered::value).toList(),
        conflicts,
        conflictRows,
        candidateKeys);
  }

  private record Keyed(String key, int index) {}

  private record Ordered<T>(int first, String key, T value) {}

  private static final Comparator<Keyed> BY_KEY = Comparator.comparing(Keyed::key);
}
