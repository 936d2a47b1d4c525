package io.gridwatch.core.rules;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The rules file (assessment-rules.md): every default the regulation leaves open. The shipped
 * values reproduce the spec exactly. Keys are {@code rules.*} properties.
 *
 * @param visitMaxDistanceM rules.visit.max_distance_m — a check-in farther than this from the
 *     enterprise is not a visit (0 disables the check)
 * @param discoveryDays rules.new_enterprise.discovery_days — days a new enterprise has to be
 *     visited; it counts in a month only once this deadline is inside the month
 * @param awarenessSampleSize rules.awareness.sample_size — enterprises per grid and month
 * @param maxSpeedKmh rules.flags.max_speed_kmh — implied speed above which consecutive check-ins
 *     are flagged too_fast
 */
public record Rules(
    double visitMaxDistanceM, int discoveryDays, int awarenessSampleSize, double maxSpeedKmh)
    implements java.io.Serializable {

  /** Validates every key; throws {@link IllegalArgumentException} naming the bad key. */
  public Rules {
    requireNonNegative("rules.visit.max_distance_m", visitMaxDistanceM);
    requireNonNegative("rules.new_enterprise.discovery_days", discoveryDays);
    requirePositive("rules.awareness.sample_size", awarenessSampleSize);
    requirePositive("rules.flags.max_speed_kmh", maxSpeedKmh);
  }

  /** The shipped defaults of assessment-rules.md. */
  public static Rules defaults() {
    return new Rules(500, 30, 10, 120);
  }

  /** Loads a rules file (Java properties, UTF-8); absent keys keep their default. */
  public static Rules load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Rules d = defaults();
    return new Rules(
        num(p, "rules.visit.max_distance_m", d.visitMaxDistanceM()),
        (int) num(p, "rules.new_enterprise.discovery_days", d.discoveryDays()),
        (int) num(p, "rules.awareness.sample_size", d.awarenessSampleSize()),
        num(p, "rules.flags.max_speed_kmh", d.maxSpeedKmh()));
  }

  private static double num(Properties p, String key, double dflt) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a number: " + v, e);
    }
  }

  private static void requireNonNegative(String key, double v) {
    if (!(v >= 0)) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + v);
    }
  }

  private static void requirePositive(String key, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(key + " must be > 0, got " + v);
    }
  }
}
