package io.gridwatch.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's local PostGIS cluster, driven through {@code scripts/postgis.sh}. The script is
 * found by walking up from the working directory, so this works from the repository root and from a
 * module directory (as Maven runs tests).
 */
public final class LocalCluster {
  /** Environment variable that points everything at an existing database instead. */
  public static final String DB_URL_ENV = "GRIDWATCH_DB_URL";

  private static final String SCRIPT = "scripts/postgis.sh";

  private LocalCluster() {}

  /** The JDBC URL: {@code GRIDWATCH_DB_URL} if set, else {@code scripts/postgis.sh url}. */
  public static String url() {
    String env = System.getenv(DB_URL_ENV);
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    return run("url").trim();
  }

  /**
   * Starts the local cluster unless {@code GRIDWATCH_DB_URL} is set (idempotent) and returns the
   * JDBC URL.
   */
  public static String ensureStarted() {
    String env = System.getenv(DB_URL_ENV);
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    run("start");
    return url();
  }

  /**
   * The repository root: the nearest directory at or above the working directory with the script.
   */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(SCRIPT))) {
        return d;
      }
    }
    throw new StoreException(
        "cannot find " + SCRIPT + " at or above " + dir + "; set " + DB_URL_ENV + " instead");
  }

  private static String run(String command) {
    Path root = repoRoot();
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve(SCRIPT).toString(), command));
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new StoreException(SCRIPT + " " + command + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new StoreException(SCRIPT + " " + command + " failed with exit " + p.exitValue());
      }
      return out;
    } catch (IOException e) {
      throw new StoreException("cannot run " + SCRIPT + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while running " + SCRIPT + " " + command, e);
    }
  }
}
