package io.gridwatch.dist.command;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.core.rules.Rules;
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

  @Option(names = "--rules", paramLabel = "FILE", description = "rules file (default: shipped rules)")
  Path rules;

  /** Runs every mart job and prints what was written. */
  @Override
  public Integer call() throws Exception {
    Rules r = rules == null ? Rules.defaults() : Rules.load(rules);
    try (var session = SparkSessions.create(spark.master(), "gridwatch analyze")) {
      System.out.println(AnalyzeJob.run(session, new AnalyzeConfig(lake.lake(), r)));
    }
    return 0;
  }
}
