package io.gridwatch.dist.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch explain}: how one worker's month total was reached. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "逐项说明专属网格员某月总分的由来：各项得分、扣分及证据、等次、状态和标记。",
      "Explains how an exclusive worker's month total was reached: parts, deductions with their"
          + " evidence ids, grade, status and flags."
    })
public final class ExplainCommand implements Callable<Integer> {
  @Mixin LakeOption lake;
  @Mixin SparkOptions spark;

  @Option(names = "--worker", required = true, paramLabel = "ID", description = "网格员编号 / worker id")
  String worker;

  @Option(
      names = "--month",
      required = true,
      paramLabel = "YYYY-MM",
      description = "考核月份 / month, e.g. 2025-03")
  String month;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.explain(this);
  }
}
