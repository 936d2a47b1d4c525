package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.ingest.kill.LakeDump;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import io.gridwatch.ingest.merge.PartitionBuckets;
import io.gridwatch.ingest.synthetic.Scale;
import io.gridwatch.ingest.synthetic.SyntheticDrop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest parses files and merges buckets on worker threads: the lake (every table, history) and the
 * rejects, in their stored order, must be the same with 1 thread and with several, with one bucket
 * per month, with buckets made of fine spill segments and with more buckets than segments.
 */
class ThreadCountTest {
  @TempDir Path tmp;

  @Test
  void oneThreadAndManyThreadsWriteTheSameLakeAndRejects() throws Exception {
    Path drop = tmp.resolve("drop");
    SyntheticDrop.generate(drop, 2020, Scale.SMALL, null);
    List<Path> months;
    try (Stream<Path> s = Files.list(drop.resolve("patrols"))) {
      months = s.sorted().toList();
    }
    assertThat(months.size()).isGreaterThanOrEqualTo(3);
    // bad rows and a conflict spread over files: rejects come from several workers and buckets
    Path a = months.get(0);
    Path b = months.get(months.size() - 1);
    List<String> la = new ArrayList<>(Files.readAllLines(a, StandardCharsets.UTF_8));
    List<String> lb = new ArrayList<>(Files.readAllLines(b, StandardCharsets.UTF_8));
    la.add(3, "BAD-1,,,not a time,1,2,,,,,");
    String[] dup = la.get(5).split(",", -1);
    dup[8] = "冲突 conflicting copy";
    lb.add(2, String.join(",", dup)); // same patrol_id as a row of the first file, other content
    lb.add(4, lb.get(1)); // identical duplicate: unchanged, not a conflict
    lb.add("BAD-2,nobody,,2025-13-40 25:00:00,x,y,?,maybe,,-1,");
    Files.write(a, la, StandardCharsets.UTF_8);
    Files.write(b, lb, StandardCharsets.UTF_8);

    Map<String, Object> reference = null;
    for (String bucketRows : new String[] {"1000000", "400", "120"}) {
      for (int threads : new int[] {1, 3}) {
        Path lake = tmp.resolve("lake-" + bucketRows + "-" + threads);
        IngestReport r = withBucketRows(bucketRows, () -> ingest(drop, lake, threads));
        Map<String, Object> state = state(lake);
        String label = "bucketRows " + bucketRows + ", threads " + threads;
        System.out.printf(
            "%s: patrols read %d, inserted %d, unchanged %d, rejected %d%n",
            label,
            r.table("patrols").read(),
            r.table("patrols").inserted(),
            r.table("patrols").unchanged(),
            r.table("patrols").rejected());
        assertThat(r.table("patrols").rejected()).as(label).isEqualTo(4); // 2 bad + 2 conflict
        assertThat(r.table("patrols").unchanged()).as(label).isEqualTo(1);
        if (reference == null) {
          reference = state;
        } else {
          assertThat(state).as(label).isEqualTo(reference);
        }
      }
    }
  }

  static IngestReport ingest(Path drop, Path lake, int threads) throws Exception {
    return IngestJob.run(
        new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false).withThreads(threads));
  }

  /** Lake content (run ids aside) plus every rejects folder's rows in stored order. */
  static Map<String, Object> state(Path lake) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    TreeMap<String, List<String>> dump = LakeDump.of(lake);
    dump.remove("ingest_runs");
    dump.keySet().removeIf(k -> k.matches("patrols/month=.*")); // bucket files differ by scheme
    out.put("lake", dump);
    out.put("patrols", patrolRows(lake));
    LakeFs fs = LakeFs.open(lake.toString());
    for (String folder : fs.folders("rejects")) {
      List<String> rows = new ArrayList<>();
      for (Object[] r : ParquetRows.readFolder(fs, folder, LakeSchema.REJECTS.columns())) {
        rows.add(Arrays.toString(Arrays.copyOfRange(r, 1, r.length))); // without run_id
      }
      out.put(folder, rows);
    }
    return out;
  }

  /** Every stored patrol row, sorted (bucket layouts differ between bucket counts). */
  private static List<String> patrolRows(Path lake) throws Exception {
    List<String> rows = new ArrayList<>();
    LakeDump.of(lake)
        .forEach(
            (k, v) -> {
              if (k.startsWith("patrols/month=")) {
                v.forEach(x -> rows.add(k + " " + x));
              }
            });
    rows.sort(null);
    return rows;
  }

  interface Run {
    IngestReport run() throws Exception;
  }

  static IngestReport withBucketRows(String rows, Run run) throws Exception {
    String old = System.getProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY);
    System.setProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY, rows);
    try {
      return run.run();
    } finally {
      if (old == null) {
        System.clearProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY);
      } else {
        System.setProperty(PartitionBuckets.BUCKET_ROWS_PROPERTY, old);
      }
    }
  }
}
