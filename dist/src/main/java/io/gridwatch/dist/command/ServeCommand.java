package io.gridwatch.dist.command;

import io.gridwatch.mapservice.MapServer;
import io.gridwatch.mapservice.ServeConfig;
import io.gridwatch.store.Db;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
      description = "PostGIS JDBC URL (default: $GRIDWATCH_DB_URL, else the project's local cluster)")
  String db;

  @Option(names = "--port", defaultValue = "7070", description = "port (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "address to bind (default ${DEFAULT-VALUE})")
  String host;

  /** Serves until interrupted (Ctrl-C stops gracefully). */
  @Override
  public Integer call() throws Exception {
    String url = db != null ? db : Db.defaultUrl();
    MapServer server = MapServer.start(new ServeConfig(url, port, host));
    System.out.printf("地图已启动 / serving at http://localhost:%d/%n", server.port());
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  done.countDown();
                }));
    done.await();
    return 0;
  }
}
