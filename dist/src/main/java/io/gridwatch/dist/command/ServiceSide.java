package io.gridwatch.dist.command;

import io.gridwatch.mapservice.MapServer;
import io.gridwatch.mapservice.ServeConfig;
import io.gridwatch.mapservice.layout.ActivationConfig;
import io.gridwatch.store.Db;
import java.util.concurrent.CountDownLatch;

/**
 * Command bodies that run in the service JVM (mapservice classpath, no Spark). Kept out of the
 * command classes so that picocli can reflect over every command in either JVM.
 */
final class ServiceSide {
  private ServiceSide() {}

  /** Body of {@link ServeCommand}. */
  static Integer serve(ServeCommand c) throws Exception {
    String url = c.db != null ? c.db : Db.defaultUrl();
    if (c.demoAdmin) {
      // before the server answers, so whoever waits for /api/health finds the log-in printed
      DemoLogin.print(url);
    }
    ActivationConfig activation = ActivationConfig.of(System.getenv("GRIDWATCH_LAUNCHER"), c.lake);
    MapServer server = MapServer.start(new ServeConfig(url, c.port, c.host, c.dbPool), activation);
    System.out.printf("地图已启动 / serving at http://localhost:%d/%n", server.port());
    if (!activation.configured()) {
      System.out.println(
          "（未指定 --lake 或启动器：网页上不能启用布局 / no --lake or launcher: layouts cannot be"
              + " activated from the page）");
    }
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
