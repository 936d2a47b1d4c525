package io.gridwatch.dist.command;

import io.gridwatch.analytics.AnalyzeConfig;
import io.gridwatch.analytics.AnalyzeJob;
import io.gridwatch.analytics.SparkSessions;
import io.gridwatch.analytics.explain.MonthExplanation;
import io.gridwatch.analytics.publish.PublishJob;
import io.gridwatch.analytics.report.ReportJob;
import io.gridwatch.analytics.report.ReportPeriod;
import io.gridwatch.analytics.sql.Format;
import io.gridwatch.analytics.sql.LakeCatalog;
import io.gridwatch.analytics.sql.SqlRunner;
import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import io.gridwatch.ingest.quality.DataQualityReport;
import io.gridwatch.ingest.synthetic.Scale;
import io.gridwatch.ingest.synthetic.SyntheticDrop;
import io.gridwatch.store.Db;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Command bodies that run in the Spark JVM (dist classpath, no Javalin). Kept out of the command
 * classes so that picocli can reflect over every command in either JVM.
 */
final class SparkSide {
  private SparkSide() {}

  /** Body of {@link GenerateCommand}. */
  static Integer generate(GenerateCommand c) throws Exception {
    Scale s = Scale.parse(c.scale);
    long t0 = System.nanoTime();
    var summary = SyntheticDrop.generate(c.out, c.seed, s, c.boundary);
    System.out.print(summary.toText());
    System.out.printf(
        "已生成 / generated %s drop in %s (%.1f s)%n", c.scale, c.out, (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  /** Body of {@link IngestCommand}. */
  static Integer ingest(IngestCommand c) throws Exception {
    IngestConfig cfg =
        new IngestConfig(
            c.source,
            c.lake.lake(),
            TableSettings.parse(c.crs, Crs::parse),
            TableSettings.parse(c.encoding, Charset::forName),
            c.strict);
    if (c.threads != null) {
      cfg = cfg.withThreads(c.threads);
    }
    IngestReport report = IngestJob.run(cfg);
    System.out.println(report.toTable());
    if (c.report && !report.failed()) {
      System.out.print(DataQualityReport.render(DataQualityReport.runAndWrite(c.lake.lake())));
    }
    if (c.strict && report.rejectedTotal() > 0) {
      System.err.println("严格模式：存在不合格行，未写入任何数据 / strict: rows rejected, nothing written");
      return 1;
    }
    return 0;
  }

  /** Body of {@link AnalyzeCommand}. */
  static Integer analyze(AnalyzeCommand c) throws Exception {
    Rules r = c.rules == null ? Rules.defaults() : Rules.load(c.rules);
    try (var session = SparkSessions.create(c.spark.master(), "gridwatch analyze")) {
      System.out.println(AnalyzeJob.run(session, new AnalyzeConfig(c.lake.lake(), r)));
    }
    return 0;
  }

  /** Body of {@link SqlCommand}. */
  static Integer sql(SqlCommand c) throws Exception {
    Format f = Format.parse(c.format);
    String sql =
        c.query.file != null ? Files.readString(c.query.file, StandardCharsets.UTF_8) : c.query.sql;
    try (var session = SparkSessions.create(c.spark.master(), "gridwatch sql")) {
      // ${name} in the query is replaced by Spark's variable substitution from the session conf
      TableSettings.parse(c.params, v -> v)
          .forEach(
              (k, v) -> {
                if (k.equals("*")) {
                  throw new IllegalArgumentException("--param needs NAME=VALUE");
                }
                session.conf().set(k, v);
              });
      SqlRunner.registerLake(session, c.lake.lake());
      if (c.out != null) {
        long n = SqlRunner.export(session, sql, c.out);
        System.err.printf("已写入 %d 行 / wrote %d rows to %s%n", n, n, c.out);
      } else {
        SqlRunner.run(session, sql, f, System.out);
      }
    }
    System.out.flush();
    return 0;
  }

  /** Body of {@link TablesCommand}. */
  static Integer tables(TablesCommand c) throws Exception {
    boolean markdown =
        switch (c.format.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "text" -> false;
          case "markdown", "md" -> true;
          default -> throw new IllegalArgumentException("--format must be text or markdown");
        };
    try (var session = SparkSessions.create(c.spark.master(), "gridwatch tables")) {
      LakeCatalog.print(LakeCatalog.describe(session, c.lake.lake()), markdown, System.out);
    }
    return 0;
  }

  /**
   * Body of {@link ExplainCommand}: a malformed month is bad usage (exit 2, before Spark starts);
   * an unknown worker or month, or a lake without marts, is one line on stderr and exit 1.
   */
  static Integer explain(ExplainCommand c) throws Exception {
    java.time.YearMonth month = io.gridwatch.core.time.Periods.parseMonth(c.month.trim());
    String worker = c.worker.trim();
    if (worker.isEmpty()) {
      throw new IllegalArgumentException("--worker must not be empty");
    }
    MonthExplanation.Facts facts;
    try (var session = SparkSessions.create(c.spark.master(), "gridwatch explain")) {
      facts = MonthExplanation.load(session, c.lake.lake(), worker, month);
    } catch (MonthExplanation.NotFound e) {
      System.err.println(e.getMessage());
      return 1;
    }
    System.out.print(MonthExplanation.text(facts));
    System.out.flush();
    return 0;
  }

  /**
   * Body of {@link ReportCommand}: a malformed period or an --out that is not an .xlsx file is bad
   * usage (exit 2, before Spark starts); missing marts are one line and exit 1; a period without
   * results still gets its workbook (headers and 无数据 notes) with a warning.
   */
  static Integer report(ReportCommand c) throws Exception {
    ReportPeriod period = ReportPeriod.parse(c.period);
    Path out = c.out != null ? c.out : Path.of(period.defaultFileName());
    if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")
        || Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out 应为 .xlsx 文件 / --out must name an .xlsx file: " + out);
    }
    ReportJob.Result result;
    try (var session = SparkSessions.create(c.spark.master(), "gridwatch report")) {
      result = ReportJob.run(session, c.lake.lake(), period, out);
    } catch (ReportJob.MissingMarts e) {
      System.err.println(e.getMessage());
      return 1;
    }
    if (result.empty()) {
      System.err.println(
          "警告 / warning: "
              + period.label()
              + " 没有考核数据，工作簿只有表头和“无数据” / no results for "
              + period.label()
              + ": the workbook holds headers and 无数据 notes only");
    }
    System.out.println(result.summary());
    System.out.flush();
    return 0;
  }

  /** Body of {@link PublishCommand}. */
  static Integer publish(PublishCommand c) throws Exception {
    String url = c.db != null ? c.db : Db.defaultUrl();
    try (var session = SparkSessions.create(c.spark.master(), "gridwatch publish")) {
      System.out.println(PublishJob.run(session, c.lake.lake(), url));
    }
    return 0;
  }

  /** Body of {@link DemoCommand}. */
  static Integer demo(DemoCommand c) throws Exception {
    long t0 = System.nanoTime();
    if (!Files.exists(c.sample.resolve("manifest.json"))) {
      step("生成样例数据 / generate sample");
      System.out.print(SyntheticDrop.generate(c.sample, 2020, Scale.SMALL, null).toText());
    }
    step("导入 / ingest " + c.sample + " → " + c.lake);
    var report =
        IngestJob.run(new IngestConfig(c.sample, c.lake.toString(), Map.of(), Map.of(), false));
    System.out.println(report.toTable());

    String lakeFingerprint =
        fingerprint(c.lake, java.util.Set.of("marts", "ingest_runs", "rejects", "_staging"));
    Path analyzed = c.lake.resolve("marts/_demo_input.sha256");
    try (var session = SparkSessions.create(null, "gridwatch demo")) {
      if (!Files.exists(analyzed) || !Files.readString(analyzed).equals(lakeFingerprint)) {
        step("数据质量与指标 / data quality and analyze");
        var findings = DataQualityReport.runAndWrite(c.lake.toString());
        System.out.println("数据质量问题 / data-quality findings: " + findings.size());
        System.out.println(
            AnalyzeJob.run(session, new AnalyzeConfig(c.lake.toString(), Rules.defaults())));
        Files.writeString(analyzed, lakeFingerprint);
      } else {
        step("指标未变，跳过 / marts up to date, skipping analyze");
      }
      String url = c.db;
      if (url == null) {
        step("启动本地 PostGIS / starting local PostGIS");
        url = Db.defaultUrl();
      }
      // the schema version is part of the key: a new migration (a new published table) must
      // trigger a publish even when the marts did not change
      Db.migrate(url);
      String martFingerprint =
          fingerprint(c.lake.resolve("marts"), java.util.Set.of("_staging"))
              + "|"
              + url
              + "|"
              + schemaVersion(url);
      Path marker = Path.of(".gridwatch", "demo-published.sha256");
      if (Files.exists(marker)
          && Files.readString(marker).equals(martFingerprint)
          && published(url)) {
        step("数据库已是最新，跳过 / database up to date, skipping publish");
      } else {
        step("发布到 PostGIS / publish");
        System.out.println(PublishJob.run(session, c.lake.toString(), url));
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, martFingerprint);
      }
    }
    System.out.printf(
        "准备完成 / ready in %.1f s — 地图 / map: http://localhost:%d/%n",
        (System.nanoTime() - t0) / 1e9, c.port);
    return 0;
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }

  private static String schemaVersion(String url) throws java.sql.SQLException {
    try (var c = DriverManager.getConnection(url);
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT coalesce(string_agg(version, ',' ORDER BY installed_rank), '')"
                        + " FROM gridwatch.flyway_schema_history WHERE success")) {
      return rs.next() ? rs.getString(1) : "";
    }
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
  private static String fingerprint(Path root, java.util.Set<String> skipTopFolders)
      throws IOException {
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
