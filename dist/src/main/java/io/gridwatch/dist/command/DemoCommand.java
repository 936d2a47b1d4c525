package io.gridwatch.dist.command;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.analytics.publish.PublishJob;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.synthetic.Scale;
import io.gridwatch.ingest.synthetic.SyntheticDrop;
import io.gridwatch.store.Db;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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

  /** Runs the pipeline up to publish; prints each step with its duration. */
  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    if (!Files.exists(sample.resolve("manifest.json"))) {
      step("生成样例数据 / generate sample");
      System.out.println(SyntheticDrop.generate(sample, 2020, Scale.SMALL, null));
    }
    step("导入 / ingest " + sample + " → " + lake);
    var report =
        IngestJob.run(new IngestConfig(sample, lake.toString(), Map.of(), Map.of(), false));
    System.out.println(report.toTable());

    String lakeFingerprint = fingerprint(lake, java.util.Set.of("marts", "ingest_runs", "rejects", "_staging"));
    Path analyzed = lake.resolve("marts/_demo_input.sha256");
    try (var session = SparkSessions.create(null, "gridwatch demo")) {
      if (!Files.exists(analyzed) || !Files.readString(analyzed).equals(lakeFingerprint)) {
        step("计算指标 / analyze");
        System.out.println(AnalyzeJob.run(session, new AnalyzeConfig(lake.toString(), Rules.defaults())));
        Files.writeString(analyzed, lakeFingerprint);
      } else {
        step("指标未变，跳过 / marts up to date, skipping analyze");
      }
      String url = db;
      if (url == null) {
        step("启动本地 PostGIS / starting local PostGIS");
        url = Db.defaultUrl();
      }
      String martFingerprint = fingerprint(lake.resolve("marts"), java.util.Set.of("_staging")) + "|" + url;
      Path marker = Path.of(".gridwatch", "demo-published.sha256");
      if (Files.exists(marker)
          && Files.readString(marker).equals(martFingerprint)
          && published(url)) {
        step("数据库已是最新，跳过 / database up to date, skipping publish");
      } else {
        step("发布到 PostGIS / publish");
        System.out.println(PublishJob.run(session, lake.toString(), url));
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, martFingerprint);
      }
    }
    System.out.printf(
        "准备完成 / ready in %.1f s — 地图 / map: http://localhost:%d/%n",
        (System.nanoTime() - t0) / 1e9, port);
    return 0;
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }

  private static boolean published(String url) {
    try (var c = DriverManager.getConnection(url);
        var rs = c.createStatement().executeQuery("SELECT count(*) FROM gridwatch.grid_month")) {
      return rs.next() && rs.getLong(1) > 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** SHA-256 over relative path, size and mtime of every file below root, skipping some folders. */
  private static String fingerprint(Path root, java.util.Set<String> skipTopFolders) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
          if (skipTopFolders.contains(top) || rel.startsWith("_demo_") || rel.endsWith(".crc")) {
            continue;
          }
          md.update(
              (rel + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis() + "\n")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
