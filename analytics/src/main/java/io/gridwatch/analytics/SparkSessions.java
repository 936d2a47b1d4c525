package io.gridwatch.analytics;

import io.gridwatch.core.time.Periods;
import org.apache.spark.sql.SparkSession;

/** Creates the Spark sessions of every analytics command with the project's settings. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Returns a (possibly existing) session on {@code master} ({@code null} or blank =
   * {@code local[*]}) with Asia/Shanghai session time zone, no UI, small-data shuffle partitions
   * for local masters, string partition columns and WARN logging.
   */
  public static SparkSession create(String master, String appName) {
    String m = master == null || master.isBlank() ? "local[*]" : master;
    SparkSession.Builder b =
        SparkSession.builder()
            .master(m)
            .appName(appName == null ? "gridwatch" : appName)
            .config("spark.sql.session.timeZone", Periods.ZONE.getId())
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            .config("spark.sql.jsonGenerator.ignoreNullFields", "false");
    if (m.startsWith("local")) {
      b.config("spark.sql.shuffle.partitions", "8")
          .config("spark.default.parallelism", "8")
          .config("spark.sql.adaptive.coalescePartitions.initialPartitionNum", "8");
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
