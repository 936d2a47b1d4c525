package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.synthetic.Scale;
import io.gridwatch.ingest.synthetic.SyntheticDrop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source file spanning more months than the spill writers kept open per file ({@link
 * IngestJob#OPEN_PARTS_PROPERTY}): months whose writers were closed come back as new spill
 * segments, and the lake and the rejects (their order and line numbers) are the same as when every
 * month stays open.
 */
class OpenPartsCapTest {
  @TempDir Path tmp;

  /** Rows per run of one month in the interleaved file. */
  private static final int BLOCK = 300;

  @Test
  void interleavedMonthsBeyondTheCapWriteTheSameLake() throws Exception {
    Path drop = tmp.resolve("drop");
    SyntheticDrop.generate(drop, 2020, Scale.SMALL, null);
    Path patrols = drop.resolve("patrols");
    List<Path> months;
    try (Stream<Path> s = Files.list(patrols)) {
      months = s.sorted().toList();
    }
    assertThat(months.size()).isGreaterThan(4);
    // one file: runs of BLOCK rows of each month in turn, so every month comes back many times
    String header = null;
    List<List<String>> bodies = new ArrayList<>();
    for (Path m : months) {
      List<String> lines = Files.readAllLines(m, StandardCharsets.UTF_8);
      header = lines.get(0);
      bodies.add(new ArrayList<>(lines.subList(1, lines.size())));
      Files.delete(m);
    }
    // in the first month: a bad row, a conflicting copy of a row and an identical duplicate, both
    // far after the original so that they land in later segments of the month
    List<String> first = bodies.get(0);
    String[] dup = first.get(5).split(",", -1);
    dup[8] = "冲突 conflicting copy";
    first.add(2 * BLOCK + 7, String.join(",", dup));
    first.add(3 * BLOCK + 1, first.get(6));
    first.add(BLOCK + 3, "BAD-1,,,not a time,1,2,,,,,");
    List<String> out = new ArrayList<>(List.of(header));
    for (int from = 0; ; from += BLOCK) {
      boolean any = false;
      for (List<String> b : bodies) {
        if (from < b.size()) {
          out.addAll(b.subList(from, Math.min(b.size(), from + BLOCK)));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    Files.write(patrols.resolve("all.csv"), out, StandardCharsets.UTF_8);

    Map<String, Object> reference = null;
    for (String cap : new String[] {"1000", "3"}) {
      for (String bucketRows : new String[] {"1000000", "120"}) {
        String label = "open months " + cap + ", bucketRows " + bucketRows;
        Path lake = tmp.resolve("lake-" + cap + "-" + bucketRows);
        IngestReport r =
            withOpenParts(
                cap,
                () ->
                    ThreadCountTest.withBucketRows(
                        bucketRows, () -> ThreadCountTest.ingest(drop, lake, 2)));
        System.out.printf(
            "%s: patrols read %d, inserted %d, unchanged %d, rejected %d%n",
            label,
            r.table("patrols").read(),
            r.table("patrols").inserted(),
            r.table("patrols").unchanged(),
            r.table("patrols").rejected());
        assertThat(r.table("patrols").read()).as(label).isEqualTo(out.size() - 1);
        assertThat(r.table("patrols").rejected()).as(label).isEqualTo(3); // 1 bad + 2 conflict
        assertThat(r.table("patrols").unchanged()).as(label).isEqualTo(1);
        Map<String, Object> state = ThreadCountTest.state(lake);
        if (reference == null) {
          reference = state;
        } else {
          assertThat(state).as(label).isEqualTo(reference);
        }
      }
    }
  }

  private static IngestReport withOpenParts(String cap, ThreadCountTest.Run run) throws Exception {
    String old = System.getProperty(IngestJob.OPEN_PARTS_PROPERTY);
    System.setProperty(IngestJob.OPEN_PARTS_PROPERTY, cap);
    try {
      return run.run();
    } finally {
      if (old == null) {
        System.clearProperty(IngestJob.OPEN_PARTS_PROPERTY);
      } else {
        System.setProperty(IngestJob.OPEN_PARTS_PROPERTY, old);
      }
    }
  }
}
