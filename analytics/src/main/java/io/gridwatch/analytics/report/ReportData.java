package io.gridwatch.analytics.report;

import java.util.List;

/**
 * The rows of one period's workbook, collected from the small marts (one period only; names joined
 * from {@code workers}). Lists that the period kind does not use are empty.
 *
 * @param workerMonths worker_month of the month (+ name), monthly table
 * @param deductions one row per deduction of the month: worker_id, name, grid_id, rule, points,
 *     evidence (ids joined)
 * @param townMonths grid_month of the month summed by town (sums, never means of ratios)
 * @param workerQuarters worker_quarter of the period's quarters (+ name)
 * @param fulltimeQuarters fulltime_quarter of the period's quarters (+ name)
 * @param townSubmissions town_submissions of the period's quarters (+ missing_names)
 * @param workerYears worker_year of the year (+ name)
 * @param fulltimeYears fulltime_year of the year (+ name)
 * @param budget budget_year of the year
 * @param trainingGaps training_gaps of the period's training periods (+ name)
 */
public record ReportData(
    List<Rec> workerMonths,
    List<Rec> deductions,
    List<Rec> townMonths,
    List<Rec> workerQuarters,
    List<Rec> fulltimeQuarters,
    List<Rec> townSubmissions,
    List<Rec> workerYears,
    List<Rec> fulltimeYears,
    List<Rec> budget,
    List<Rec> trainingGaps) {

  /** No rows at all. */
  public static ReportData empty() {
    return new ReportData(
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of());
  }
}
