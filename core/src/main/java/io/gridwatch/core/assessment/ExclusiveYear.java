package io.gridwatch.core.assessment;

import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The year of exclusive workers (assessment-rules.md §3, 年度总评比): score = mean of the quarter scores
 * rounded half-up to 2 decimals; forced unqualified ({@code two_unqualified_quarters}) when at
 * least 2 quarters are unqualified; ranked and cut by the quota like a quarter (tie-breaks: the
 * mean patrol score and mean awareness rate of the year's months); pay = annual standard × year
 * multiplier; unqualified → dismissal_required; the pool rule (总量控制) reports Σ pay against N ×
 * standard and flags an overrun without rescaling.
 */
public final class ExclusiveYear {
  private ExclusiveYear() {}

  /** forced_reason of a year with at least two unqualified quarters. */
  public static final String TWO_UNQUALIFIED_QUARTERS = "two_unqualified_quarters";

  /**
   * One worker_quarter row of the year.
   *
   * @param quarter YYYYQn
   * @param score quarter score (2 decimals)
   * @param grade final quarter grade
   * @param incomplete the quarter's status is incomplete
   */
  public record Quarter(String quarter, BigDecimal score, String grade, boolean incomplete) {}

  /**
   * A worker's year.
   *
   * @param workerId worker
   * @param quarters the worker's quarters of the year (1–4)
   * @param patrolScores 1a points of every month of the year
   * @param awarenessRates awareness rate of every month of the year (null = not sampled → 1.0)
   */
  public record Worker(
      String workerId,
      List<Quarter> quarters,
      List<BigDecimal> patrolScores,
      List<BigDecimal> awarenessRates) {}

  /**
   * A worker_year row.
   *
   * @param workerId worker
   * @param year YYYY
   * @param quarters quarters with a result
   * @param score year score (2 decimals)
   * @param unqualifiedQuarters quarters graded unqualified
   * @param rank 1..N
   * @param baseGrade grade before the quota (forced included)
   * @param grade final grade
   * @param quotaExceeded excellent cut to qualified by the quota
   * @param forcedReason two_unqualified_quarters or null
   * @param payMultiplier year multiplier of the grade
   * @param performancePay annual standard × multiplier (0.01)
   * @param dismissalRequired grade unqualified (不得再担任专属网格员)
   * @param status final or incomplete (a quarter is incomplete)
   * @param ranked N
   * @param quota Q
   * @param poolTotalPay Σ performance pay of the year
   * @param poolBudget N × annual standard
   * @param poolOverrun Σ pay &gt; N × standard
   */
  public record Result(
      String workerId,
      String year,
      int quarters,
      BigDecimal score,
      int unqualifiedQuarters,
      int rank,
      String baseGrade,
      String grade,
      boolean quotaExceeded,
      String forcedReason,
      BigDecimal payMultiplier,
      BigDecimal performancePay,
      boolean dismissalRequired,
      String status,
      int ranked,
      int quota,
      BigDecimal poolTotalPay,
      BigDecimal poolBudget,
      boolean poolOverrun) {}

  /** Assesses every worker of {@code year}; results in rank order. */
  public static List<Result> assess(String year, Collection<Worker> workers, Rules rules) {
    Map<String, Worker> byId = new LinkedHashMap<>();
    Map<String, Integer> unqualified = new LinkedHashMap<>();
    List<Ranking.Candidate> candidates = new ArrayList<>();
    for (Worker w : workers) {
      if (w.quarters().isEmpty()) {
        continue;
      }
      List<BigDecimal> scores = new ArrayList<>();
      int unq = 0;
      for (Quarter q : w.quarters()) {
        scores.add(q.score());
        unq += Grades.UNQUALIFIED.equals(q.grade()) ? 1 : 0;
      }
      BigDecimal score = Decimals.meanScore(scores);
      List<BigDecimal> aware = new ArrayList<>();
      for (BigDecimal r : w.awarenessRates()) {
        aware.add(r == null ? BigDecimal.ONE : r);
      }
      String base = unq >= 2 ? Grades.UNQUALIFIED : rules.gradeOf(score);
      byId.put(w.workerId(), w);
      unqualified.put(w.workerId(), unq);
      candidates.add(
          new Ranking.Candidate(
              w.workerId(),
              score,
              List.of(Decimals.meanKey(w.patrolScores()), Decimals.meanKey(aware)),
              base));
    }
    List<Ranking.Placement> placed = Ranking.rank(candidates, rules.quotaExcellentShare());
    int n = placed.size();
    int q = Ranking.quota(rules.quotaExcellentShare(), n);
    BigDecimal standard = BigDecimal.valueOf(rules.payExclusiveAnnualStandard());
    BigDecimal budget = Decimals.money(standard.multiply(BigDecimal.valueOf(n)));
    List<BigDecimal> multipliers = new ArrayList<>();
    List<BigDecimal> pays = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (Ranking.Placement p : placed) {
      BigDecimal m = BigDecimal.valueOf(rules.yearMultiplier().of(p.grade()));
      BigDecimal pay = Decimals.money(standard.multiply(m));
      multipliers.add(m);
      pays.add(pay);
      total = total.add(pay);
    }
    boolean overrun = total.compareTo(budget) > 0;
    List<Result> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Ranking.Placement p = placed.get(i);
      Worker w = byId.get(p.candidate().id());
      int unq = unqualified.get(w.workerId());
      boolean incomplete = w.quarters().stream().anyMatch(Quarter::incomplete);
      out.add(
          new Result(
              w.workerId(),
              year,
              w.quarters().size(),
              p.candidate().score(),
              unq,
              p.rank(),
              p.candidate().baseGrade(),
              p.grade(),
              p.quotaExceeded(),
              unq >= 2 ? TWO_UNQUALIFIED_QUARTERS : null,
              multipliers.get(i),
              pays.get(i),
              Grades.UNQUALIFIED.equals(p.grade()),
              incomplete ? "incomplete" : "final",
              n,
              q,
              total,
              budget,
              overrun));
    }
    return out;
  }
}
