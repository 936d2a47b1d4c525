package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridwatch sql}: ad-hoc Spark SQL over every lake table and mart. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "对数据湖执行 Spark SQL；每张表和指标表都是同名视图。",
      "Runs Spark SQL; every lake table and mart is a view of the same name."
    })
public final class SqlCommand implements Callable<Integer> {
  @Mixin LakeOption lake;
  @Mixin SparkOptions spark;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table | csv | json (default ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "sets $${NAME} in the query, e.g. --param month=2025-03 (repeatable)")
  List<String> params;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "write the result to FILE instead of stdout: .csv, .json (JSON Lines) or .parquet (a"
              + " Parquet folder, any Hadoop URI)")
  String out;

  @ArgGroup(multiplicity = "1")
  Query query;

  static final class Query {
    @Parameters(paramLabel = "SQL", description = "the query")
    String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "read the query from a file")
    Path file;
  }

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.sql(this);
  }
}
