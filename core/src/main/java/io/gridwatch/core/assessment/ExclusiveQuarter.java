package io.gridwatch.core.assessment;

import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quarter of exclusive workers (assessment-rules.md §2, 一季一排名): score = mean of the month
 * totals present (1–3) rounded half-up to 2 decimals; a forced month counts with its total, or with
 * at most {@code grade.basic − 0.01} under {@code rules.quarter.forced_month_score = cap}; base
 * grade from the thresholds; ranking by score, mean patrol score, mean awareness rate (not sampled
 * = 1.0), worker_id; excellent quota; pay = non-probation months × monthly standard × quarter
 * multiplier of the final grade; incomplete when a month is.
 */
public final class ExclusiveQuarter {
  private ExclusiveQuarter() {}

  /**
   * One worker_month row.
   *
   * @param month the month
   * @param total month total
   * @param forced the month was forced unqualified (it has a forced_reason)
   * @param incomplete the month's status is incomplete
   * @param patrolScore 1a points
   * @param awarenessRate 1d rate, null when not sampled
   */
  public record Month(
      YearMonth month,
      BigDecimal total,
      boolean forced,
      boolean incomplete,
      BigDecimal patrolScore,
      BigDecimal awarenessRate) {}

  /**
   * A worker's months of one quarter.
   *
   * @param workerId worker
   * @param hiredOn hire date (null = no probation)
   * @param months the months assessed in the quarter (1–3)
   */
  public record Worker(String workerId, LocalDate hiredOn, List<Month> months) {}

  /**
   * A worker_quarter row.
   *
   * @param workerId worker
   * @param quarter YYYYQn
   * @param months months assessed in the quarter
   * @param score quarter score (2 decimals)
   * @param rank 1..N
   * @param baseGrade grade from the thresholds
   * @param grade grade after the quota
   * @param quotaExceeded excellent cut to qualified by the quota
   * @param patrolMean mean 1a score (tie-break 1)
   * @param awarenessMean mean awareness rate, not sampled = 1 (tie-break 2)
   * @param forcedMonths months forced unqualified
   * @param probationMonths assessed months that are probation months
   * @param paidMonths assessed months that are not probation months
   * @param payMultiplier quarter multiplier of the grade
   * @param performancePay paid months × standard × multiplier (0.01)
   * @param status final or incomplete
   * @param ranked N, workers ranked in the quarter
   * @param quota Q, excellent places
   */
  public record Result(
      String workerId,
      String quarter,
      int months,
      BigDecimal score,
      int rank,
      String baseGrade,
      String grade,
      boolean quotaExceeded,
      BigDecimal patrolMean,
      BigDecimal awarenessMean,
      int forcedMonths,
      int probationMonths,
      int paidMonths,
      BigDecimal payMultiplier,
      BigDecimal performancePay,
      String status,
      int ranked,
      int quota) {}

  /** The value a month contributes to the quarter mean under the rules. */
  public static BigDecimal monthValue(Month m, Rules rules) {
    if (m.forced() && "cap".equals(rules.quarterForcedMonthScore())) {
      BigDecimal cap = BigDecimal.valueOf(rules.gradeBasic()).subtract(new BigDecimal("0.01"));
      return m.total().min(cap);
    }
    return m.total();
  }

  /** The quarter score of {@code months}: mean of {@link #monthValue}, half-up 2 decimals. */
  public static BigDecimal score(List<Month> months, Rules rules) {
    List<BigDecimal> values = new ArrayList<>();
    for (Month m : months) {
      values.add(monthValue(m, rules));
    }
    return Decimals.meanScore(values);
  }

  /** Assesses every worker of {@code quarter}; results in rank order. */
  public static List<Result> assess(String quarter, Collection<Worker> workers, Rules rules) {
    Map<String, Worker> byId = new LinkedHashMap<>();
    Map<String, BigDecimal[]> keys = new LinkedHashMap<>();
    List<Ranking.Candidate> candidates = new ArrayList<>();
    for (Worker w : workers) {
      if (w.months().isEmpty()) {
        continue;
      }
      BigDecimal score = score(w.months(), rules);
      List<BigDecimal> patrol = new ArrayList<>();
      List<BigDecimal> awareness = new ArrayList<>();
      for (Month m : w.months()) {
        patrol.add(m.patrolScore());
        awareness.add(m.awarenessRate() == null ? BigDecimal.ONE : m.awarenessRate());
      }
      BigDecimal patrolMean = Decimals.meanKey(patrol);
      BigDecimal awarenessMean = Decimals.meanKey(awareness);
      byId.put(w.workerId(), w);
      keys.put(w.workerId(), new BigDecimal[] {patrolMean, awarenessMean});
      candidates.add(
          new Ranking.Candidate(
              w.workerId(), score, List.of(patrolMean, awarenessMean), rules.gradeOf(score)));
    }
    List<Ranking.Placement> placed = Ranking.rank(candidates, rules.quotaExcellentShare());
    int q = Ranking.quota(rules.quotaExcellentShare(), placed.size());
    BigDecimal standard = BigDecimal.valueOf(rules.payExclusiveMonthlyStandard());
    List<Result> out = new ArrayList<>();
    for (Ranking.Placement p : placed) {
      Worker w = byId.get(p.candidate().id());
      List<Month> months = new ArrayList<>(w.months());
      months.sort(Comparator.comparing(Month::month));
      int probation = 0;
      int forced = 0;
      boolean incomplete = false;
      for (Month m : months) {
        if (Probation.isProbationMonth(w.hiredOn(), m.month(), rules.probationMonths())) {
          probation++;
        }
        forced += m.forced() ? 1 : 0;
        incomplete |= m.incomplete();
      }
      int paid = months.size() - probation;
      BigDecimal multiplier = BigDecimal.valueOf(rules.quarterMultiplier().of(p.grade()));
      BigDecimal pay =
          Decimals.money(BigDecimal.valueOf(paid).multiply(standard).multiply(multiplier));
      BigDecimal[] k = keys.get(w.workerId());
      out.add(
          new Result(
              w.workerId(),
              quarter,
              months.size(),
              p.candidate().score(),
              p.rank(),
              p.candidate().baseGrade(),
              p.grade(),
              p.quotaExceeded(),
              k[0],
              k[1],
              forced,
              probation,
              paid,
              multiplier,
              pay,
              incomplete ? "incomplete" : "final",
              placed.size(),
              q));
    }
    return out;
  }
}
