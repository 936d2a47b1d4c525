package io.gridwatch.mapservice.layout;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the service finds what a confirmed layout proposal needs: the {@code gridwatch} launcher
 * (it runs {@code layout activate} and {@code publish} in the Spark-side JVM, which the service
 * cannot host) and the lake to activate in. Both or neither: {@link #NONE} means activation is not
 * configured and confirming answers 409.
 *
 * @param launcher the launcher script (absolute, executable), or null
 * @param lake the lake root (a folder or Hadoop URI; folders made absolute), or null
 */
public record ActivationConfig(Path launcher, String lake) {
  /** Activation not configured. */
  public static final ActivationConfig NONE = new ActivationConfig(null, null);

  /** Validates: both null, or an executable launcher and a non-blank lake. */
  public ActivationConfig {
    if ((launcher == null) != (lake == null)) {
      throw new IllegalArgumentException("launcher and lake must be given together");
    }
    if (launcher != null) {
      if (!launcher.isAbsolute()
          || !Files.isRegularFile(launcher)
          || !Files.isExecutable(launcher)) {
        throw new IllegalArgumentException("launcher is not an executable file: " + launcher);
      }
      if (lake.isBlank()) {
        throw new IllegalArgumentException("lake must not be blank");
      }
    }
  }

  /**
   * The configuration of a launcher path and a lake as given on the command line (either may be
   * null or blank: then {@link #NONE}); a local lake folder is made absolute.
   */
  public static ActivationConfig of(String launcher, String lake) {
    if (launcher == null || launcher.isBlank() || lake == null || lake.isBlank()) {
      return NONE;
    }
    String root = lake.trim();
    if (!root.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      root = Path.of(root).toAbsolutePath().normalize().toString();
    }
    return new ActivationConfig(Path.of(launcher.trim()).toAbsolutePath(), root);
  }

  /** True when confirmed proposals can be activated. */
  public boolean configured() {
    return launcher != null;
  }
}
