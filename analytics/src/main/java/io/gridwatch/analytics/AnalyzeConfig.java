package io.gridwatch.analytics;

import io.gridwatch.core.rules.Rules;
import java.util.Objects;

/**
 * Configuration of {@code gridwatch analyze}.
 *
 * @param lake lake root (local path or Hadoop URI)
 * @param rules the assessment rules
 */
public record AnalyzeConfig(String lake, Rules rules) {
  /** Validates that both values are present. */
  public AnalyzeConfig {
    Objects.requireNonNull(lake, "lake");
    Objects.requireNonNull(rules, "rules");
  }
}
