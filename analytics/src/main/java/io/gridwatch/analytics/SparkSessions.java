package io.gridwatch.analytics;

import io.gridwatch.core.time.Periods;
import org.apache.spark.sql.SparkSession;

/** Creates the Spark sessions of every analytics command with the project's settings. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Returns a (possibly existing) session on {@code master} ({@code null} or blank = the {@code
   * spark.master} that {@code spark-submit} set, else {@code local[*]}) with Asia/Shanghai session
   * time zone, no UI, small-data shuffle partitions for local masters, string partition columns and
   * WARN logging.
   */
  public static SparkSession create(String master, String appName) {
    String submitted = System.getProperty("spark.master", "");
    String m =
        master != null && !master.isBlank() ? master : submitted.isBlank() ? "local[*]" : submitted;
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
    if (!m.startsWith("local") && submitted.isBlank()) {
      // (spark-submit ships the jars itself and owns executor options.)
      // On a real cluster the executors need our code and its small dependencies (JTS, the
      // PostgreSQL driver for publish); Spark's own jars are already there.
      String jars = shippedJars(System.getProperty("java.class.path", ""));
      if (!jars.isEmpty()) {
        b.config("spark.jars", jars);
      }
      // executors must agree with the driver on the domain time zone
      b.config("spark.executor.extraJavaOptions", "-Duser.timezone=" + Periods.ZONE.getId());
    }
    if (m.startsWith("local")) {
      // persisted patrol-level datasets: compressing the cached column batches took ~14 % of the
      // province analyze's CPU; on one machine the local disk takes whatever does not fit
      b.config("spark.sql.inMemoryColumnarStorage.compressed", "false")
          .config("spark.sql.shuffle.partitions", "8")
          .config("spark.default.parallelism", "8")
          .config("spark.sql.adaptive.coalescePartitions.initialPartitionNum", "8");
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * Jars of the driver classpath that executors need: gridwatch modules and their non-Spark deps.
   */
  static String shippedJars(String classPath) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      String name = new java.io.File(entry).getName();
      if (name.endsWith(".jar")
          && (name.startsWith("gridwatch-")
              || name.startsWith("jts-")
              || name.startsWith("json-simple-")
              || name.startsWith("postgresql-")
              || name.startsWith("HikariCP-")
              || name.startsWith("flyway-"))) {
        out.add(new java.io.File(entry).toURI().toString());
      }
    }
    return String.join(",", out);
  }
}
