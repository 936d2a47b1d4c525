package io.gridwatch.ingest.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded random streams: one independent stream per (seed, purpose, indices). */
final class Rng {
  private Rng() {}

  /** A stream that depends only on the seed, the purpose tag and the indices. */
  static SplittableRandom of(long seed, String tag, long... idx) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < tag.length(); i++) {
      h = mix(h + tag.charAt(i));
    }
    for (long v : idx) {
      h = mix(h ^ (v * 0xBF58476D1CE4E5B9L + 1));
    }
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [a, b]. */
  static int between(SplittableRandom r, int a, int b) {
    return a + r.nextInt(b - a + 1);
  }

  /** One element, uniformly. */
  static <T> T pick(SplittableRandom r, List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  /** One element, uniformly. */
  static String pick(SplittableRandom r, String[] xs) {
    return xs[r.nextInt(xs.length)];
  }

  /** True with probability p. */
  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Gaussian via Box–Muller (SplittableRandom has none). */
  static double gauss(SplittableRandom r, double mean, double sd) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
