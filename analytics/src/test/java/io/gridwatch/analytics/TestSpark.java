package io.gridwatch.analytics;

import org.apache.spark.sql.SparkSession;

/** The one Spark session shared by every test class of this module (local[2]). */
public final class TestSpark {
  private TestSpark() {}

  private static SparkSession spark;

  /** The shared session, created on first use and stopped at JVM exit. */
  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSessions.create("local[2]", "gridwatch-analytics-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> spark.stop()));
    }
    return spark;
  }
}
