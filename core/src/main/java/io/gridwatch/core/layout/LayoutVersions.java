package io.gridwatch.core.layout;

import java.time.LocalDate;
import java.util.List;

/**
 * Which layout version is in force on a day: the active/retired layout with the latest {@code
 * effective_from ≤ day} (ties: higher version); before every effective_from, the earliest such
 * layout; without usable layout rows, the highest version that has grids — the rule analytics'
 * {@code AssessedMonths.layoutInForce} applies to months.
 */
public final class LayoutVersions {
  private LayoutVersions() {}

  /**
   * A {@code layouts} row.
   *
   * @param version layout_version
   * @param status draft|active|retired
   * @param effectiveFrom effective_from (1st of a month)
   */
  public record Version(int version, String status, LocalDate effectiveFrom) {}

  /** The version in force on {@code day}; {@code withGrids} ascending; null when no grids. */
  public static Integer inForce(LocalDate day, List<Version> layouts, List<Integer> withGrids) {
    Version best = null;
    Version earliest = null;
    for (Version l : layouts) {
      boolean usable =
          ("active".equals(l.status()) || "retired".equals(l.status()))
              && l.effectiveFrom() != null
              && withGrids.contains(l.version());
      if (!usable) {
        continue;
      }
      if (!l.effectiveFrom().isAfter(day) && (best == null || later(l, best))) {
        best = l;
      }
      if (earliest == null
          || l.effectiveFrom().isBefore(earliest.effectiveFrom())
          || (l.effectiveFrom().equals(earliest.effectiveFrom())
              && l.version() > earliest.version())) {
        earliest = l;
      }
    }
    if (best != null) {
      return best.version();
    }
    if (earliest != null) {
      return earliest.version();
    }
    return withGrids.isEmpty() ? null : withGrids.get(withGrids.size() - 1);
  }

  private static boolean later(Version a, Version b) {
    return a.effectiveFrom().isAfter(b.effectiveFrom())
        || (a.effectiveFrom().equals(b.effectiveFrom()) && a.version() > b.version());
  }
}
