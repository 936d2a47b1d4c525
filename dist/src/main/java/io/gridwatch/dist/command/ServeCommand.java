package io.gridwatch.dist.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridwatch serve}: the web service (runs in the JVM without Spark). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"启动网页地图和 API 服务。", "Starts the web map and API."})
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "PostGIS JDBC URL (default: $GRIDWATCH_DB_URL, else the project's local cluster)")
  String db;

  @Option(names = "--port", defaultValue = "7070", description = "port (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--db-pool",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "most database connections held at once (default ${DEFAULT-VALUE}); more lets slow"
              + " uncached tiles run side by side instead of queueing")
  int dbPool;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "address to bind (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--lake",
      paramLabel = "DIR|URI",
      description = {
        "数据湖位置：确认的布局申请在此启用（经 $GRIDWATCH_LAUNCHER 启动 layout activate 与 publish）；未指定则不能在网页上启用布局",
        "lake where confirmed layout proposals are activated (layout activate + publish run through"
            + " the launcher in $GRIDWATCH_LAUNCHER); without it the page cannot activate layouts"
      })
  String lake;

  @Option(
      names = "--demo-admin",
      hidden = true,
      description = "create a bureau user 'admin' when there is none (used by demo)")
  boolean demoAdmin;

  /** Runs the command in the service JVM; see {@link ServiceSide}. */
  @Override
  public Integer call() throws Exception {
    return ServiceSide.serve(this);
  }
}
