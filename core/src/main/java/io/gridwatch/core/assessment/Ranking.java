package io.gridwatch.core.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ranking without ties and the excellent quota (assessment-rules.md §2, 第十八条(六)): order by score
 * desc, then each tie-break key desc, then id asc ({@code String.compareTo}); ranks 1..N; Q =
 * ⌊share · N⌋; walking from the top, the first Q candidates whose base grade is excellent stay
 * excellent, every further one becomes qualified with {@code quota_exceeded}.
 */
public final class Ranking {
  private Ranking() {}

  /**
   * One ranked result.
   *
   * @param id worker id (unique within one ranking)
   * @param score the score, already rounded (§0)
   * @param tieBreaks further keys, each compared descending (same length for every candidate)
   * @param baseGrade grade before the quota (forced grades included)
   */
  public record Candidate(
      String id, BigDecimal score, List<BigDecimal> tieBreaks, String baseGrade) {
    /** Checks the fields. */
    public Candidate {
      if (id == null || score == null || baseGrade == null) {
        throw new IllegalArgumentException("candidate needs id, score and base grade");
      }
      tieBreaks = List.copyOf(tieBreaks);
    }
  }

  /**
   * A candidate's place.
   *
   * @param candidate the input
   * @param rank 1..N
   * @param grade the final grade
   * @param quotaExceeded true when an excellent base grade was cut to qualified by the quota
   */
  public record Placement(Candidate candidate, int rank, String grade, boolean quotaExceeded) {}

  /** The ranking order: score desc, tie-break keys desc, id asc. */
  public static final Comparator<Candidate> ORDER = Ranking::compare;

  private static int compare(Candidate a, Candidate b) {
    int c = b.score().compareTo(a.score());
    if (c != 0) {
      return c;
    }
    int n = Math.min(a.tieBreaks().size(), b.tieBreaks().size());
    for (int i = 0; i < n; i++) {
      c = b.tieBreaks().get(i).compareTo(a.tieBreaks().get(i));
      if (c != 0) {
        return c;
      }
    }
    return a.id().compareTo(b.id());
  }

  /** Q = ⌊share · n⌋, computed exactly on the decimal of {@code share} (0.30 · 10 = 3). */
  public static int quota(double share, int n) {
    return BigDecimal.valueOf(share)
        .multiply(BigDecimal.valueOf(n))
        .setScale(0, RoundingMode.FLOOR)
        .intValueExact();
  }

  /**
   * Ranks {@code candidates} (any order; ids must be unique) and applies the quota of {@code
   * share}; returns the placements in rank order.
   */
  public static List<Placement> rank(Collection<Candidate> candidates, double share) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    Set<String> ids = new HashSet<>();
    for (Candidate c : sorted) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("duplicate id in one ranking: " + c.id());
      }
    }
    sorted.sort(ORDER);
    int q = quota(share, sorted.size());
    int excellentSoFar = 0;
    List<Placement> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      Candidate c = sorted.get(i);
      String grade = c.baseGrade();
      boolean cut = false;
      if (Grades.EXCELLENT.equals(grade)) {
        if (excellentSoFar < q) {
          excellentSoFar++;
        } else {
          grade = Grades.QUALIFIED;
          cut = true;
        }
      }
      out.add(new Placement(c, i + 1, grade, cut));
    }
    return out;
  }
}
