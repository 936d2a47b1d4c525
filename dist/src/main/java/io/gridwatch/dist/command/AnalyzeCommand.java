package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch analyze}: lake → marts with Spark. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {"用 Spark 计算各类指标表（marts）。", "Computes the marts from the lake with Spark."})
public final class AnalyzeCommand implements Callable<Integer> {
  @Mixin LakeOption lake;
  @Mixin SparkOptions spark;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "rules file (default: shipped rules)")
  Path rules;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.analyze(this);
  }
}
