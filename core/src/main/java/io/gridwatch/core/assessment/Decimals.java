package io.gridwatch.core.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * Exact decimal rules of assessment-rules.md §0: scores and money are rounded half-up to 2 decimals
 * on exact decimals (never doubles), so 94.995 becomes 95.00.
 */
public final class Decimals {
  private Decimals() {}

  /** Scale of tie-break means (ranking keys only; far finer than any input difference). */
  public static final int KEY_SCALE = 10;

  /**
   * The decimal a stored double was written as ({@link BigDecimal#valueOf(double)}: the shortest
   * decimal that reads back as the same double, e.g. 94.995 → 94.995, not 94.99499…).
   */
  public static BigDecimal of(double value) {
    return BigDecimal.valueOf(value);
  }

  /** A score rounded half-up to 2 decimals. */
  public static BigDecimal score(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  /** An amount of money rounded half-up to 0.01. */
  public static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  /** The exact mean of {@code values} rounded half-up to 2 decimals; fails when empty. */
  public static BigDecimal meanScore(Collection<BigDecimal> values) {
    return mean(values, 2);
  }

  /** The mean of {@code values} rounded half-up to {@link #KEY_SCALE}; zero when empty. */
  public static BigDecimal meanKey(Collection<BigDecimal> values) {
    return values.isEmpty() ? BigDecimal.ZERO.setScale(KEY_SCALE) : mean(values, KEY_SCALE);
  }

  private static BigDecimal mean(Collection<BigDecimal> values, int scale) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("mean of no values");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : values) {
      sum = sum.add(v);
    }
    return sum.divide(BigDecimal.valueOf(values.size()), scale, RoundingMode.HALF_UP);
  }
}
