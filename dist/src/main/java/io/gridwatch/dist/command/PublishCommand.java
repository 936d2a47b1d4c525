package io.gridwatch.dist.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch publish}: marts and geometries → PostGIS in one swap. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "将指标表和网格几何发布到 PostGIS（原子切换）。",
      "Publishes marts and grids to PostGIS atomically."
    })
public final class PublishCommand implements Callable<Integer> {
  @Mixin LakeOption lake;
  @Mixin SparkOptions spark;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "PostGIS JDBC URL (default: $GRIDWATCH_DB_URL, else the project's local cluster)")
  String db;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.publish(this);
  }
}
