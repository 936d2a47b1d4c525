package io.gridwatch.analytics;

import java.util.Map;

/**
 * What {@link AnalyzeJob#run} produced.
 *
 * @param martRows rows written per mart, in writing order
 * @param months assessed months (first and last, {@code YYYY-MM}); null when no patrol data
 * @param firstMonth first assessed month or null
 * @param lastMonth last assessed month or null
 * @param millis wall-clock duration
 */
public record AnalyzeSummary(
    Map<String, Long> martRows, int months, String firstMonth, String lastMonth, long millis) {

  /** A one-line human summary, Chinese first. */
  @Override
  public String toString() {
    return "分析完成 analyze done: months="
        + months
        + (firstMonth == null ? "" : " (" + firstMonth + ".." + lastMonth + ")")
        + " marts="
        + martRows
        + " in "
        + millis
        + " ms";
  }
}
