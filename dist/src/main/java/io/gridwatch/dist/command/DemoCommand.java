package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridwatch demo}, Spark side: sample drop → lake → marts → local PostGIS → publish. The
 * launcher then starts {@code serve} in the service JVM. Steps whose inputs did not change since
 * the last run are skipped, so a second run is fast and changes nothing.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "一键演示：样例数据 → 数据湖 → Spark → 本地 PostGIS → 网页地图 http://localhost:7070",
      "Everything on embedded defaults: sample → lake → Spark → local PostGIS → web map."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--sample", defaultValue = "data/sample", description = "sample drop folder")
  Path sample;

  @Option(names = "--lake", defaultValue = "lake", description = "lake folder")
  Path lake;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostGIS (default: local cluster)")
  String db;

  @Option(names = "--port", defaultValue = "7070", description = "web port (used by the launcher)")
  int port;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.demo(this);
  }
}
