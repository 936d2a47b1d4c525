package io.gridwatch.analytics;

import io.gridwatch.core.rules.Rules;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The committed sample drop {@code data/sample} (seed 2020, 12 months) ingested by the real {@link
 * IngestJob} and analysed once with the default rules; shared (read-only) by the test classes.
 */
public final class SampleLake {
  private SampleLake() {}

  private static String analyzed;

  /** The sample drop folder (tests run in the module folder). */
  public static Path drop() {
    return Path.of("..", "data", "sample");
  }

  /** The analysed sample lake, built once per JVM into a temp folder; read-only for tests. */
  public static synchronized String analyzed() {
    if (analyzed == null) {
      try {
        String lake = FixtureLake.tempDir("sample").toString();
        IngestReport report =
            IngestJob.run(new IngestConfig(drop(), lake, Map.of(), Map.of(), false));
        if (report.failed()) {
          throw new IllegalStateException("sample drop did not ingest:\n" + report.toTable());
        }
        AnalyzeJob.run(TestSpark.get(), new AnalyzeConfig(lake, Rules.defaults()));
        analyzed = lake;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return analyzed;
  }
}
