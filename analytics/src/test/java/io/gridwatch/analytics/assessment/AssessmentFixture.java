package io.gridwatch.analytics.assessment;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hand-made assessment drop {@code src/test/resources/assessment/drop} (9 enterprise grids
 * G1..G9 of 0.01° side along lat 30.10–30.11, one scenario per worker W1..W9, months 2025-03 and
 * 2025-04; plus the community grid GC1 of 松涛镇 with full-time workers F1, F2 and their town_scores)
 * ingested by the real {@link IngestJob} and analysed once with the default rules.
 */
final class AssessmentFixture {
  private AssessmentFixture() {}

  private static String lake;

  /** The analysed lake (built once per JVM, read-only). */
  static synchronized String analyzed() {
    if (lake == null) {
      String l = ingest(drop("/assessment/drop"), "assessment");
      AnalyzeJob.run(TestSpark.get(), new AnalyzeConfig(l, Rules.defaults()));
      lake = l;
    }
    return lake;
  }

  /** A classpath drop folder. */
  static Path drop(String resource) {
    try {
      return Path.of(AssessmentFixture.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ingests {@code drop} strictly (no reject allowed) into a new temp lake; returns the lake. */
  static String ingest(Path drop, String prefix) {
    return ingest(drop, prefix, true);
  }

  /** Ingests {@code drop} into a new temp lake (strict: any reject fails); returns the lake. */
  static String ingest(Path drop, String prefix, boolean strict) {
    try {
      String l = FixtureLake.tempDir(prefix).toString();
      IngestReport report = IngestJob.run(new IngestConfig(drop, l, Map.of(), Map.of(), strict));
      if (report.failed() || (strict && report.rejectedTotal() > 0)) {
        throw new IllegalStateException("drop did not ingest cleanly:\n" + report.toTable());
      }
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
