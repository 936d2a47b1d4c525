package io.gridwatch.core.assessment;

import io.gridwatch.core.rules.Rules;
import io.gridwatch.core.time.Periods;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Full-time workers (assessment-rules.md §4, 第十九条): towns submit a score per worker and quarter and
 * per worker and year; the system grades the submitted score (rounded half-up to 2 decimals), ranks
 * by score desc then worker_id asc and applies the excellent quota within each town ({@code
 * rules.fulltime.quota_scope = town}) or the whole zone ({@code zone}), pays quarters like
 * exclusive workers (months employed on the 15th, minus probation months, × monthly standard ×
 * multiplier), applies the two-unqualified-quarters rule to years (a contradicting submitted grade
 * is flagged, the forced grade stands) and checks the submission deadlines.
 */
public final class Fulltime {
  private Fulltime() {}

  /**
   * A submitted quarter result (town_scores row of a full-time worker, period YYYYQn).
   *
   * @param workerId worker
   * @param town submitting town (town_scores.town)
   * @param submittedScore score as submitted
   * @param submittedGrade grade as submitted (code, Chinese label or null)
   * @param submittedOn submission date
   * @param hiredOn hire date
   * @param leftOn first day no longer employed (null = employed)
   */
  public record QuarterSubmission(
      String workerId,
      String town,
      BigDecimal submittedScore,
      String submittedGrade,
      LocalDate submittedOn,
      LocalDate hiredOn,
      LocalDate leftOn) {}

  /**
   * A full-time worker's year: the submitted year result (score null when the town submitted none)
   * and the worker's graded quarters of that year.
   *
   * @param workerId worker
   * @param town submitting town (else the town of the worker's latest quarter result)
   * @param submittedScore score as submitted, null = no year submission
   * @param submittedGrade grade as submitted (code, Chinese label or null)
   * @param submittedOn submission date (null = no year submission)
   * @param quarters quarters of the year with a result in fulltime_quarter
   * @param unqualifiedQuarters of which graded unqualified
   */
  public record YearInput(
      String workerId,
      String town,
      BigDecimal submittedScore,
      String submittedGrade,
      LocalDate submittedOn,
      int quarters,
      int unqualifiedQuarters) {}

  /**
   * A fulltime_quarter / fulltime_year row.
   *
   * @param workerId worker
   * @param town town
   * @param period YYYYQn or YYYY
   * @param score submitted score rounded half-up to 2 decimals (null: year without submission)
   * @param rank 1..N within the quota scope (null when not ranked)
   * @param baseGrade grade from the thresholds (years: forced included)
   * @param grade final grade (null: year without submission and not forced)
   * @param quotaExceeded excellent cut to qualified by the quota
   * @param forcedReason two_unqualified_quarters or null
   * @param payMultiplier multiplier of the grade (null without grade)
   * @param performancePay pay (0.01; null without grade)
   * @param dismissalRequired a year graded unqualified (always false for quarters)
   * @param submittedOn submission date
   * @param late submitted after the due date (null: no submission or no due date)
   * @param dueOn last day on time (null when not checked)
   * @param submittedGrade the submitted grade as a code (unknown text kept as is)
   * @param gradeContradicted the submitted grade differs from the final grade, or (years) the
   *     score's grade is not unqualified while the year is forced
   * @param employedMonths quarter months employed on the 15th (null for years)
   * @param probationMonths of which probation months (null for years)
   * @param paidMonths employed months minus probation months (null for years)
   * @param unqualifiedQuarters unqualified quarters of the year (null for quarters)
   * @param ranked N of the quota scope
   * @param quota Q of the quota scope
   */
  public record Result(
      String workerId,
      String town,
      String period,
      BigDecimal score,
      Integer rank,
      String baseGrade,
      String grade,
      boolean quotaExceeded,
      String forcedReason,
      BigDecimal payMultiplier,
      BigDecimal performancePay,
      boolean dismissalRequired,
      LocalDate submittedOn,
      Boolean late,
      LocalDate dueOn,
      String submittedGrade,
      boolean gradeContradicted,
      Integer employedMonths,
      Integer probationMonths,
      Integer paidMonths,
      Integer unqualifiedQuarters,
      int ranked,
      int quota) {}

  /** The quota scope key of a town: the town itself, or one key for the whole zone. */
  private static String scopeKey(String town, Rules rules) {
    return "zone".equals(rules.fulltimeQuotaScope()) ? "" : (town == null ? "" : town);
  }

  /** Assesses the submitted results of one {@code quarter}; results by town, rank. */
  public static List<Result> assessQuarter(
      String quarter, Collection<QuarterSubmission> rows, Rules rules) {
    LocalDate due = Periods.quarterReportDue(quarter, rules.fulltimeReportDueDay());
    Map<String, List<Ranking.Candidate>> scopes = new TreeMap<>();
    Map<String, QuarterSubmission> byId = new TreeMap<>();
    for (QuarterSubmission s : rows) {
      BigDecimal score = Decimals.score(s.submittedScore());
      byId.put(s.workerId(), s);
      scopes
          .computeIfAbsent(scopeKey(s.town(), rules), k -> new ArrayList<>())
          .add(new Ranking.Candidate(s.workerId(), score, List.of(), rules.gradeOf(score)));
    }
    BigDecimal standard = BigDecimal.valueOf(rules.payFulltimeMonthlyStandard());
    List<Result> out = new ArrayList<>();
    for (List<Ranking.Candidate> scope : scopes.values()) {
      List<Ranking.Placement> placed = Ranking.rank(scope, rules.quotaExcellentShare());
      int q = Ranking.quota(rules.quotaExcellentShare(), placed.size());
      for (Ranking.Placement p : placed) {
        QuarterSubmission s = byId.get(p.candidate().id());
        int employed = 0;
        int probation = 0;
        for (YearMonth m : Periods.monthsOfQuarter(quarter)) {
          if (Probation.isEmployedOn15th(s.hiredOn(), s.leftOn(), m)) {
            employed++;
            if (Probation.isProbationMonth(s.hiredOn(), m, rules.probationMonths())) {
              probation++;
            }
          }
        }
        int paid = employed - probation;
        BigDecimal multiplier = BigDecimal.valueOf(rules.quarterMultiplier().of(p.grade()));
        BigDecimal pay =
            Decimals.money(BigDecimal.valueOf(paid).multiply(standard).multiply(multiplier));
        String submitted = Grades.normalize(s.submittedGrade());
        out.add(
            new Result(
                s.workerId(),
                s.town(),
                quarter,
                p.candidate().score(),
                p.rank(),
                p.candidate().baseGrade(),
                p.grade(),
                p.quotaExceeded(),
                null,
                multiplier,
                pay,
                false,
                s.submittedOn(),
                s.submittedOn() == null ? null : s.submittedOn().isAfter(due),
                due,
                submitted,
                submitted != null && !submitted.equals(p.grade()),
                employed,
                probation,
                paid,
                null,
                placed.size(),
                q));
      }
    }
    return out;
  }

  /**
   * Assesses one {@code year}: rows with a submitted score are graded (forced unqualified with
   * {@code two_unqualified_quarters} when at least two quarters are unqualified) and ranked per
   * scope; rows without a submission are not ranked and only get a grade when forced.
   */
  public static List<Result> assessYear(String year, Collection<YearInput> rows, Rules rules) {
    LocalDate due =
        rules.fulltimeYearReportDue() == null
            ? null
            : rules.fulltimeYearReportDue().atYear(Integer.parseInt(year) + 1);
    Map<String, List<Ranking.Candidate>> scopes = new TreeMap<>();
    Map<String, YearInput> byId = new TreeMap<>();
    List<YearInput> unscored = new ArrayList<>();
    for (YearInput y : rows) {
      byId.put(y.workerId(), y);
      if (y.submittedScore() == null) {
        unscored.add(y);
        continue;
      }
      BigDecimal score = Decimals.score(y.submittedScore());
      String base = y.unqualifiedQuarters() >= 2 ? Grades.UNQUALIFIED : rules.gradeOf(score);
      scopes
          .computeIfAbsent(scopeKey(y.town(), rules), k -> new ArrayList<>())
          .add(new Ranking.Candidate(y.workerId(), score, List.of(), base));
    }
    BigDecimal standard = BigDecimal.valueOf(rules.payFulltimeAnnualStandard());
    List<Result> out = new ArrayList<>();
    for (List<Ranking.Candidate> scope : scopes.values()) {
      List<Ranking.Placement> placed = Ranking.rank(scope, rules.quotaExcellentShare());
      int q = Ranking.quota(rules.quotaExcellentShare(), placed.size());
      for (Ranking.Placement p : placed) {
        YearInput y = byId.get(p.candidate().id());
        out.add(
            yearResult(
                year,
                y,
                p.candidate().score(),
                p.rank(),
                p.candidate().baseGrade(),
                p.grade(),
                p.quotaExceeded(),
                due,
                standard,
                rules,
                placed.size(),
                q));
      }
    }
    unscored.sort(Comparator.comparing(YearInput::workerId));
    for (YearInput y : unscored) {
      String grade = y.unqualifiedQuarters() >= 2 ? Grades.UNQUALIFIED : null;
      out.add(yearResult(year, y, null, null, grade, grade, false, due, standard, rules, 0, 0));
    }
    return out;
  }

  private static Result yearResult(
      String year,
      YearInput y,
      BigDecimal score,
      Integer rank,
      String baseGrade,
      String grade,
      boolean quotaExceeded,
      LocalDate due,
      BigDecimal standard,
      Rules rules,
      int ranked,
      int quota) {
    boolean forced = y.unqualifiedQuarters() >= 2;
    String submitted = Grades.normalize(y.submittedGrade());
    boolean contradicted =
        (submitted != null && !submitted.equals(grade))
            || (forced && score != null && !Grades.UNQUALIFIED.equals(rules.gradeOf(score)));
    BigDecimal multiplier =
        grade == null ? null : BigDecimal.valueOf(rules.yearMultiplier().of(grade));
    return new Result(
        y.workerId(),
        y.town(),
        year,
        score,
        rank,
        baseGrade,
        grade,
        quotaExceeded,
        forced ? ExclusiveYear.TWO_UNQUALIFIED_QUARTERS : null,
        multiplier,
        multiplier == null ? null : Decimals.money(standard.multiply(multiplier)),
        Grades.UNQUALIFIED.equals(grade),
        y.submittedOn(),
        due == null || y.submittedOn() == null ? null : y.submittedOn().isAfter(due),
        due,
        submitted,
        contradicted,
        null,
        null,
        null,
        y.unqualifiedQuarters(),
        ranked,
        quota);
  }
}
