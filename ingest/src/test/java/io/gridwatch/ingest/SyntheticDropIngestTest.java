package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.synthetic.Scale;
import io.gridwatch.ingest.synthetic.SyntheticDrop;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's small drop ingests; a second ingest changes nothing. */
class SyntheticDropIngestTest {
  @TempDir Path tmp;

  @Test
  void smallSyntheticDropIngestsAndIsIdempotent() throws Exception {
    long seed = 42;
    System.out.println("seed " + seed);
    Path drop = tmp.resolve("drop");
    SyntheticDrop.generate(drop, seed, Scale.SMALL, null);
    Path lake = tmp.resolve("lake");
    long t0 = System.nanoTime();
    IngestReport r =
        IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    System.out.printf("first ingest %d ms%n%s", (System.nanoTime() - t0) / 1_000_000, r.toTable());
    r.rejectSamples().stream().limit(20).forEach(System.out::println);
    assertThat(r.tables()).hasSizeGreaterThanOrEqualTo(4);
    for (IngestReport.TableResult t : r.tables()) {
      assertThat(t.read()).as(t.table()).isEqualTo(t.inserted() + t.unchanged() + t.rejected());
      assertThat(t.inserted()).as(t.table()).isPositive();
    }
    t0 = System.nanoTime();
    IngestReport again =
        IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    System.out.printf(
        "second ingest %d ms%n%s", (System.nanoTime() - t0) / 1_000_000, again.toTable());
    assertThat(again.tables()).allSatisfy(t -> assertThat(t.inserted() + t.updated()).isZero());
  }
}
