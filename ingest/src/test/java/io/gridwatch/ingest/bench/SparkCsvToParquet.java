package io.gridwatch.ingest.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The BENCHMARKS.md baseline: Spark's own plain CSV→Parquet (header, all columns as strings, no
 * validation) of {@code args[0]} into {@code args[1]}; prints rows, seconds and rows/s.
 */
public final class SparkCsvToParquet {
  private SparkCsvToParquet() {}

  /** Converts and prints the timing line. */
  public static void main(String[] args) {
    String master = args.length > 2 ? args[2] : "local[2]";
    SparkSession spark =
        SparkSession.builder().master(master).appName("csv-to-parquet").getOrCreate();
    try {
      long t0 = System.nanoTime();
      Dataset<Row> csv = spark.read().option("header", "true").csv(args[0]);
      csv.write().mode("overwrite").parquet(args[1]);
      double secs = (System.nanoTime() - t0) / 1e9;
      long rows = spark.read().parquet(args[1]).count();
      System.out.printf(
          "spark csv->parquet: %d rows in %.1f s = %.0f rows/s%n", rows, secs, rows / secs);
    } finally {
      spark.stop();
    }
  }
}
