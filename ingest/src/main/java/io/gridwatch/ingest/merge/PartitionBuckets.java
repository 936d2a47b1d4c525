package io.gridwatch.ingest.merge;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.lake.LakeCommit;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Key-hash buckets of a large partition, so that a month of patrols is merged one bucket at a time
 * with bounded memory. A partition written in {@code n} buckets holds files {@code
 * part-bNNNofMMM-<run>.parquet}; any other file of the partition may hold keys of every bucket.
 */
public final class PartitionBuckets {
  private PartitionBuckets() {}

  /** Rows per bucket above which a partition is split (memory: about 1 KB per incoming row). */
  public static final long BUCKET_ROWS = 200_000;

  /** Spill writers are open for every bucket at once: keep their buffers small. */
  private static final long ROW_GROUP_BYTES = 2L * 1024 * 1024;

  /** System property overriding {@link #BUCKET_ROWS} (tests use a small value). */
  public static final String BUCKET_ROWS_PROPERTY = "gridwatch.ingest.bucketRows";

  /**
   * The number of buckets for a partition with {@code rows} incoming rows: a power of two ≥ 1 with
   * at most {@link #BUCKET_ROWS} (or the system property) rows per bucket, at most 512.
   */
  public static int bucketsFor(long rows) {
    long per = Math.max(1, Long.getLong(BUCKET_ROWS_PROPERTY, BUCKET_ROWS));
    int b = 1;
    while (b < 512 && rows > b * per) {
      b <<= 1;
    }
    return b;
  }

  /** The bucket of a row: non-negative String hash of its key modulo {@code buckets}. */
  public static int bucketOf(Object[] row, int[] keyIdx, int buckets) {
    return (Keys.key(row, keyIdx).hashCode() & 0x7fffffff) % buckets;
  }

  /** The lake-relative file a run writes for bucket {@code b} of {@code buckets}. */
  public static String bucketFile(String folder, int b, int buckets, String runId) {
    return folder + "/" + prefix(b, buckets) + runId + ".parquet";
  }

  /** True when the file is bucket {@code b} of a partition written in {@code buckets} buckets. */
  public static boolean isBucketFile(String file, int b, int buckets) {
    return name(file).startsWith(prefix(b, buckets));
  }

  /** True when the file is one bucket of a partition written in {@code buckets} buckets. */
  public static boolean inScheme(String file, int buckets) {
    String n = name(file);
    return n.matches("part-b\\d{3}of\\d{3}-.*")
        && n.substring(10).startsWith(String.format("of%03d-", buckets));
  }

  /** The stored files that may hold keys of bucket {@code b}. */
  public static List<String> filesFor(List<String> stored, int b, int buckets) {
    List<String> out = new ArrayList<>();
    for (String f : stored) {
      if (buckets == 1 || !inScheme(f, buckets) || isBucketFile(f, b, buckets)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Splits a spill file into {@code buckets} scratch files (by key hash); with one bucket returns
   * the spill file itself.
   */
  public static List<String> split(
      LakeFs lake,
      LakeCommit commit,
      TableDef t,
      String part,
      String spillFile,
      List<Column> spillCols,
      int buckets,
      int[] keyIdx)
      throws IOException {
    if (buckets == 1) {
      return List.of(spillFile);
    }
    List<String> files = new ArrayList<>();
    List<ParquetWriter<Object[]>> writers = new ArrayList<>();
    try {
      for (int b = 0; b < buckets; b++) {
        String f = commit.scratch(t.name() + "/" + part + "/bucket-" + b + ".parquet");
        files.add(f);
        writers.add(ParquetRows.writer(lake, f, spillCols, ROW_GROUP_BYTES));
      }
      ParquetRows.read(
          lake,
          spillFile,
          spillCols,
          r -> {
            try {
              writers.get(bucketOf(r, keyIdx, buckets)).write(r);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      for (ParquetWriter<Object[]> w : writers) {
        w.close();
      }
    }
    lake.delete(spillFile);
    return files;
  }

  private static String prefix(int b, int buckets) {
    return String.format("part-b%03dof%03d-", b, buckets);
  }

  private static String name(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }
}
