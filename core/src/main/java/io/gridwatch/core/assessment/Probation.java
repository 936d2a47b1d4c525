package io.gridwatch.core.assessment;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Probation months (试用期, 第十条; {@code rules.pay.probation_months}). The regulation counts probation
 * in months from {@code hired_on}; a month is judged on its 15th like employment (§0): month
 * <i>m</i> is a probation month when its 15th is before {@code hired_on + months months}. Hired
 * 2025-03-10 with 2 months: March and April are probation months, May is not; hired 2025-03-20:
 * March is not employed (not on its 15th), April and May are probation months. Used by the quarter
 * pay rules and by the budget.
 */
public final class Probation {
  private Probation() {}

  /** True when {@code month} is a probation month of a worker hired on {@code hiredOn}. */
  public static boolean isProbationMonth(LocalDate hiredOn, YearMonth month, int months) {
    if (hiredOn == null || months <= 0) {
      return false;
    }
    return month.atDay(15).isBefore(hiredOn.plusMonths(months));
  }

  /**
   * True when the worker is employed on the 15th of {@code month} (hired on or before it, {@code
   * leftOn} null or after it; §0: left_on is the first day no longer employed).
   */
  public static boolean isEmployedOn15th(LocalDate hiredOn, LocalDate leftOn, YearMonth month) {
    LocalDate d15 = month.atDay(15);
    return hiredOn != null && !hiredOn.isAfter(d15) && (leftOn == null || leftOn.isAfter(d15));
  }
}
