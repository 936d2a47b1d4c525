package io.gridwatch.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.analytics.lake.SparkTypes;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The hand-made source drop {@code src/test/resources/fixture-drop} turned into a lake — by the
 * real ingest, or by a Spark writer of the brief's lake format (used to vary file partitioning) —
 * then analysed once; shared (read-only) by the test classes.
 */
public final class FixtureLake {
  private FixtureLake() {}

  /** Whether the shared lake comes from the real ingest (else from the Spark writer). */
  static final boolean USE_INGEST = true;

  private static String analyzed;
  private static AnalyzeSummary summary;

  private static Path root;

  /**
   * A new empty folder for a test lake, under one temp root that is deleted when the test JVM
   * exits.
   */
  public static synchronized Path tempDir(String prefix) {
    try {
      if (root == null) {
        root = Files.createTempDirectory("gw-analytics-test");
        Path r = root;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try (var files = Files.walk(r)) {
                        files
                            .sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                      } catch (IOException ignored) {
                        // best effort: it is a temp folder
                      }
                    }));
      }
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture source drop folder. */
  public static Path drop() {
    try {
      return Path.of(FixtureLake.class.getResource("/fixture-drop").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The drop ingested by {@link IngestJob} (strict: any reject fails) and analysed with the default
   * rules; built once per JVM, read-only for tests.
   */
  public static synchronized String analyzed() {
    if (analyzed == null) {
      String lake = USE_INGEST ? ingest() : build(TestSpark.get());
      summary = AnalyzeJob.run(TestSpark.get(), new AnalyzeConfig(lake, Rules.defaults()));
      analyzed = lake;
    }
    return analyzed;
  }

  /** The summary of the analysis behind {@link #analyzed()}. */
  public static synchronized AnalyzeSummary summary() {
    analyzed();
    return summary;
  }

  /** Ingests the drop with the real {@link IngestJob} into a new temp folder; returns it. */
  public static String ingest() {
    try {
      String lake = tempDir("ingested").toString();
      IngestReport report = IngestJob.run(new IngestConfig(drop(), lake, Map.of(), Map.of(), true));
      if (report.failed() || report.rejectedTotal() > 0) {
        throw new IllegalStateException(
            "fixture drop did not ingest cleanly:\n" + report.toTable());
      }
      return lake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a fresh lake from the drop into a new temp folder (one file per table). */
  public static String build(SparkSession spark) {
    return build(spark, 1);
  }

  /**
   * Writes a fresh lake from the drop with Spark in the brief's lake format, each table spread over
   * {@code files} Parquet files (round-robin), and returns its path.
   */
  public static String build(SparkSession spark, int files) {
    try {
      Path dir = tempDir("lake");
      String lake = dir.toString();
      Path drop = drop();
      writeGrids(spark, lake, drop.resolve("grids.geojson"));
      for (TableDef def :
          List.of(
              LakeSchema.WORKERS,
              LakeSchema.ASSIGNMENTS,
              LakeSchema.ENTERPRISES,
              LakeSchema.PATROLS,
              LakeSchema.SPOT_CHECKS,
              LakeSchema.TOWN_SCORES)) {
        Dataset<Row> df = readCsv(spark, def, drop.resolve(def.name() + ".csv"));
        if (def.partitionColumn() != null) {
          df.withColumn("month", functions.date_format(functions.col("visited_at"), "yyyy-MM"))
              .repartition(files)
              .write()
              .mode(SaveMode.Overwrite)
              .partitionBy("month")
              .parquet(LakePaths.table(lake, def.name()));
        } else {
          df.coalesce(1)
              .write()
              .mode(SaveMode.Overwrite)
              .parquet(LakePaths.table(lake, def.name()));
        }
      }
      Row layout =
          RowFactory.create(
              1,
              "initial",
              "active",
              Date.valueOf("2020-01-01"),
              Timestamp.from(Instant.parse("2025-01-01T00:00:00Z")));
      spark
          .createDataFrame(List.of(layout), SparkTypes.schemaOf(LakeSchema.LAYOUTS))
          .coalesce(1)
          .write()
          .parquet(LakePaths.table(lake, "layouts"));
      return lake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Dataset<Row> readCsv(SparkSession spark, TableDef def, Path csv) {
    StructType schema = new StructType();
    for (var f : SparkTypes.schemaOf(def).fields()) {
      if (!f.name().equals(def.partitionColumn())) {
        schema = schema.add(f);
      }
    }
    return spark
        .read()
        .option("header", "true")
        .option("enforceSchema", "false")
        .option("mode", "FAILFAST")
        .option("dateFormat", "yyyy-MM-dd")
        .option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
        .schema(schema)
        .csv(csv.toString());
  }

  private static void writeGrids(SparkSession spark, String lake, Path geojson) throws IOException {
    JsonNode fc = new ObjectMapper().readTree(geojson.toFile());
    List<Row> rows = new ArrayList<>();
    for (JsonNode f : fc.get("features")) {
      JsonNode p = f.get("properties");
      rows.add(
          RowFactory.create(
              text(p, "grid_id"),
              text(p, "name"),
              text(p, "kind"),
              text(p, "town"),
              text(p, "community"),
              1,
              Geometries.toWkb(geometry(f.get("geometry")))));
    }
    spark
        .createDataFrame(rows, SparkTypes.schemaOf(LakeSchema.GRIDS))
        .coalesce(1)
        .write()
        .parquet(LakePaths.table(lake, "grids"));
  }

  /**
   * Polygon/MultiPolygon from GeoJSON with Jackson + JTS (core's GeoJSON reader needs json-simple,
   * which the parent POM excludes).
   */
  private static Geometry geometry(JsonNode g) {
    GeometryFactory gf = Geometries.FACTORY;
    JsonNode c = g.get("coordinates");
    return switch (g.get("type").asText()) {
      case "Polygon" -> polygon(gf, c);
      case "MultiPolygon" -> {
        Polygon[] parts = new Polygon[c.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = polygon(gf, c.get(i));
        }
        yield gf.createMultiPolygon(parts);
      }
      default -> throw new IllegalArgumentException("unsupported geometry " + g);
    };
  }

  private static Polygon polygon(GeometryFactory gf, JsonNode rings) {
    LinearRing[] r = new LinearRing[rings.size()];
    for (int i = 0; i < r.length; i++) {
      JsonNode ring = rings.get(i);
      Coordinate[] cs = new Coordinate[ring.size()];
      for (int j = 0; j < cs.length; j++) {
        cs[j] = new Coordinate(ring.get(j).get(0).asDouble(), ring.get(j).get(1).asDouble());
      }
      r[i] = gf.createLinearRing(cs);
    }
    return gf.createPolygon(r[0], java.util.Arrays.copyOfRange(r, 1, r.length));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
