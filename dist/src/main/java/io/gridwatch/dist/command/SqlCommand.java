package io.gridwatch.dist.command;

import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.analytics.sql.SqlRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @ArgGroup(multiplicity = "1")
  Query query;

  static final class Query {
    @Parameters(paramLabel = "SQL", description = "the query") String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "read the query from a file")
    Path file;
  }

  /** Runs the query and streams the result to stdout. */
  @Override
  public Integer call() throws Exception {
    SqlRunner.Format f = SqlRunner.Format.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
    String sql =
        query.file != null ? Files.readString(query.file, StandardCharsets.UTF_8) : query.sql;
    try (var session = SparkSessions.create(spark.master(), "gridwatch sql")) {
      SqlRunner.registerLake(session, lake.lake());
      SqlRunner.run(session, sql, f, System.out);
    }
    System.out.flush();
    return 0;
  }
}
