package io.gridwatch.core.layout;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who holds which grid on a day, the rule of assessment-rules.md §0 (as analytics' {@code
 * WorkerHoldings}): a worker's {@code assignments} when they have any ({@code from} inclusive,
 * {@code to} exclusive), else {@code workers.grid_id}; only while employed ({@code hired_on ≤ day <
 * left_on}).
 */
public final class Holders {
  private Holders() {}

  /**
   * A worker row.
   *
   * @param workerId worker_id
   * @param gridId workers.grid_id
   * @param hiredOn hired_on (null: never counted)
   * @param leftOn left_on (null: still employed)
   */
  public record Worker(String workerId, String gridId, LocalDate hiredOn, LocalDate leftOn) {}

  /**
   * An assignment row.
   *
   * @param workerId worker_id
   * @param gridId grid_id
   * @param from first day
   * @param to first day no longer held (null: open)
   */
  public record Assignment(String workerId, String gridId, LocalDate from, LocalDate to) {}

  /**
   * Grid id → ids of the workers holding it on {@code day} (ascending); grids held by none absent.
   */
  public static Map<String, List<String>> on(
      LocalDate day, List<Worker> workers, List<Assignment> assignments) {
    Map<String, List<Assignment>> byWorker = new HashMap<>();
    for (Assignment a : assignments) {
      if (a.workerId() != null && a.gridId() != null && a.from() != null) {
        byWorker.computeIfAbsent(a.workerId(), k -> new ArrayList<>()).add(a);
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    for (Worker w : workers) {
      if (w.workerId() == null
          || w.hiredOn() == null
          || w.hiredOn().isAfter(day)
          || (w.leftOn() != null && !w.leftOn().isAfter(day))) {
        continue;
      }
      String grid = w.gridId();
      List<Assignment> own = byWorker.get(w.workerId());
      if (own != null) {
        grid = null;
        LocalDate latest = null;
        for (Assignment a : own) {
          boolean covers = !a.from().isAfter(day) && (a.to() == null || a.to().isAfter(day));
          if (covers && (latest == null || a.from().isAfter(latest))) {
            latest = a.from();
            grid = a.gridId();
          }
        }
      }
      if (grid != null) {
        out.computeIfAbsent(grid, k -> new ArrayList<>()).add(w.workerId());
      }
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }
}
