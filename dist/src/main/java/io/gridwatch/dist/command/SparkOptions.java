package io.gridwatch.dist.command;

import picocli.CommandLine.Option;

/** Options of every command that runs Spark. */
public final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default local[*]; e.g. spark://host:7077, yarn, k8s://...)")
  String master;

  /** The Spark master, or null for local[*]. */
  public String master() {
    return master;
  }
}
