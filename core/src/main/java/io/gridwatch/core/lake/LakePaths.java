package io.gridwatch.core.lake;

/**
 * Where things live inside a lake root (a local path or any Hadoop URI). Folders whose name starts
 * with {@code _} are invisible to Parquet readers (Spark, Hadoop) by convention.
 */
public final class LakePaths {
  private LakePaths() {}

  /** The default lake root, relative to the working directory. */
  public static final String DEFAULT_LAKE = "lake";

  /** Folder of a lake table: {@code <lake>/<table>}. */
  public static String table(String lake, String table) {
    return join(lake, table);
  }

  /** Folder of a mart: {@code <lake>/marts/<name>}. */
  public static String mart(String lake, String name) {
    return join(lake, "marts/" + name);
  }

  /** Folder of a table's rejects: {@code <lake>/rejects/<table>}. */
  public static String rejects(String lake, String table) {
    return join(lake, "rejects/" + table);
  }

  /** Folder of a table's replaced rows: {@code <lake>/history/<table>}. */
  public static String history(String lake, String table) {
    return join(lake, "history/" + table);
  }

  /** Staging area for uncommitted runs: {@code <lake>/_staging}. */
  public static String staging(String lake) {
    return join(lake, "_staging");
  }

  private static String join(String lake, String rest) {
    return lake.endsWith("/") ? lake + rest : lake + "/" + rest;
  }
}
