package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  @Test
  void printsRowsRateAndEtaWhenEnabledAndNothingOtherwise() {
    long[] now = {0};
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProgressReporter p =
        new ProgressReporter(
            new PrintStream(buf, true, StandardCharsets.UTF_8), true, () -> now[0]);
    p.start("patrols", 3000);
    for (int i = 0; i < 2048; i++) {
      p.row();
    }
    p.fileDone(1000); // 2048 rows in the first 1000 of 3000 bytes
    now[0] = 4_000_000_000L; // 4 s
    for (int i = 0; i < 2048; i++) {
      p.row();
    }
    p.finish();
    String out = buf.toString(StandardCharsets.UTF_8);
    // 4096 rows in 4 s = 1024 rows/s; 2000 of 3000 bytes read in 4 s -> 2 s left
    assertThat(out).contains("patrols: 4,096 行 rows, 1,024 行/秒 rows/s, 剩余 ETA 0:02").endsWith("\n");

    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    ProgressReporter q =
        new ProgressReporter(
            new PrintStream(quiet, true, StandardCharsets.UTF_8), false, () -> now[0]);
    q.start("patrols", 10);
    for (int i = 0; i < 5000; i++) {
      now[0] += 10_000_000L;
      q.row();
    }
    q.finish();
    assertThat(quiet.size()).isZero();
  }
}
