package io.gridwatch.core.lake;

import java.util.List;

/** Column lists of the marts of data-contract.md §3 that several modules write or read. */
public final class MartColumns {
  private MartColumns() {}

  /** {@code grid_month}: one row per grid and month, in contract order. */
  public static final List<String> GRID_MONTH =
      List.of(
          "grid_id",
          "month",
          "layout_version",
          "kind",
          "town",
          "community",
          "worker_id",
          "enterprises",
          "visited",
          "coverage",
          "full_coverage",
          "patrols",
          "issues_environment",
          "issues_safety",
          "issues_social_order",
          "awareness_sampled",
          "awareness_known",
          "awareness_rate",
          "suspicious_visits");
}
