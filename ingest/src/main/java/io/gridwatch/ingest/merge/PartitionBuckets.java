package io.gridwatch.ingest.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Key-hash buckets of a large partition, so that a month of patrols is merged one bucket at a time
 * with bounded memory. A partition written in {@code n} buckets holds files {@code
 * part-bNNNofMMM-<run>.parquet}; any other file of the partition may hold keys of every bucket.
 */
public final class PartitionBuckets {
  private PartitionBuckets() {}

  /** Rows per bucket above which a partition is split (memory: about 1 KB per incoming row). */
  public static final long BUCKET_ROWS = 200_000;

  /**
   * Fine buckets of the spill: ingest spills each partition of each source file into this many
   * key-hash segments, so that bucket {@code b} of {@code n ≤ FINE} buckets is the union of the
   * segments {@code f} with {@code f % n == b} (a power of two divides another), and bucket {@code
   * b} of {@code n > FINE} is the rows of segment {@code b % FINE} whose bucket is {@code b}.
   */
  public static final int FINE = 16;

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

  private static String prefix(int b, int buckets) {
    return String.format("part-b%03dof%03d-", b, buckets);
  }

  private static String name(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }
}
