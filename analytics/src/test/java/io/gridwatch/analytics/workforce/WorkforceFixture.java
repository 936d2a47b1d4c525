package io.gridwatch.analytics.workforce;

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
 * The hand-made workforce drop {@code src/test/resources/workforce/drop}: an enterprise grid GE
 * (高新区), community grids C1 (松涛镇) and C2 (狮子山街道), a village grid V1 (松涛镇); exclusive workers X1–X3,
 * full-time F1 (sub-centre head) and F2 (station manager), part-time P1, P2; patrols in 2024-11 and
 * 2025-02 (assessed months 2024-11..2025-02, years 2024 and 2025) and six training sessions.
 * Ingested strictly by the real {@link IngestJob} and analysed once with default rules.
 */
final class WorkforceFixture {
  private WorkforceFixture() {}

  private static String lake;

  /** The analysed lake (built once per JVM, read-only). */
  static synchronized String analyzed() {
    if (lake == null) {
      try {
        Path drop = Path.of(WorkforceFixture.class.getResource("/workforce/drop").toURI());
        String l = FixtureLake.tempDir("workforce").toString();
        IngestReport report = IngestJob.run(new IngestConfig(drop, l, Map.of(), Map.of(), true));
        if (report.failed() || report.rejectedTotal() > 0) {
          throw new IllegalStateException("drop did not ingest cleanly:\n" + report.toTable());
        }
        AnalyzeJob.run(TestSpark.get(), new AnalyzeConfig(l, Rules.defaults()));
        lake = l;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return lake;
  }
}
