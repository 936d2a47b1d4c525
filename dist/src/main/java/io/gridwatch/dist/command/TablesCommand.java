package io.gridwatch.dist.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch tables}: the lake catalogue for analysts. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = {
      "列出数据湖中的每张表和指标表：行数、字段、类型和含义。",
      "Lists every lake table and mart: row count, columns, types and meaning."
    })
public final class TablesCommand implements Callable<Integer> {
  @Mixin LakeOption lake;
  @Mixin SparkOptions spark;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text | markdown (the format of docs/lake.md) (default ${DEFAULT-VALUE})")
  String format;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.tables(this);
  }
}
