package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.kill.LakeDump;
import io.gridwatch.ingest.merge.PartitionBuckets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large months are merged in key-hash buckets (bounded memory); the lake content must be the same
 * as with one bucket, and re-ingesting or growing the bucket count must not duplicate keys.
 */
class BucketedMergeTest {
  @TempDir Path tmp;

  @Test
  void bucketedMergeGivesTheSameLakeAsOneBucket() throws Exception {
    Path drop = LakeFiles.copyDrop("basic", tmp.resolve("drop"));
    Path one = tmp.resolve("one");
    Path many = tmp.resolve("many");
    IngestJob.run(new IngestConfig(drop, one.toString(), Map.of(), Map.of(), false));
    String old = System.getProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY);
    try {
      System.setProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY, "1");
      IngestReport r =
          IngestJob.run(new IngestConfig(drop, many.toString(), Map.of(), Map.of(), false));
      assertThat(r.table("patrols").inserted()).isEqualTo(5);
      try (var s = Files.list(many.resolve("patrols/month=2025-03"))) {
        assertThat(s.map(p -> p.getFileName().toString()).toList())
            .allMatch(n -> n.matches("part-b\\d{3}of\\d{3}-.*\\.parquet"))
            .hasSizeBetween(1, 3);
      }
      assertThat(LakeDump.of(many)).isEqualTo(LakeDump.of(one));
      // same drop again with buckets: unchanged; then with one bucket over bucketed files
      IngestReport again =
          IngestJob.run(new IngestConfig(drop, many.toString(), Map.of(), Map.of(), false));
      assertThat(again.table("patrols").unchanged()).isEqualTo(5);
      assertThat(again.table("patrols").inserted()).isZero();
    } finally {
      if (old == null) {
        System.clearProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY);
      } else {
        System.setProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY, old);
      }
    }
    IngestReport third =
        IngestJob.run(new IngestConfig(drop, many.toString(), Map.of(), Map.of(), false));
    assertThat(third.table("patrols").unchanged()).isEqualTo(5);
    var manyDump = LakeDump.of(many);
    var oneDump = LakeDump.of(one);
    manyDump.remove("ingest_runs"); // three runs there, one here
    oneDump.remove("ingest_runs");
    assertThat(manyDump).isEqualTo(oneDump);
  }
}
