package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.geo.Geodesy;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.LakeTables;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class IngestJobTest {
  @TempDir Path tmp;

  private IngestReport ingest(Path drop, Path lake, boolean strict) throws IOException {
    return IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), strict));
  }

  private static List<Object[]> rows(Path lake, String folder, TableDef t) throws IOException {
    return ParquetRows.readFolder(LakeFs.open(lake.toString()), folder, t.columns());
  }

  private static Object[] byKey(List<Object[]> rows, String key) {
    return rows.stream().filter(r -> key.equals(r[0])).findFirst().orElseThrow();
  }

  private static void assertCounts(
      IngestReport r, String table, long read, long ins, long upd, long unch, long rej) {
    assertThat(r.table(table))
        .as(table)
        .isEqualTo(
            new IngestReport.TableResult(
                table, r.table(table).source(), read, ins, upd, unch, rej));
  }

  @Test
  void basicDropLandsWithKnownRejects() throws IOException {
    Path lake = tmp.resolve("lake");
    IngestReport r = ingest(LakeFiles.fixture("basic"), lake, false);
    System.out.print(r.toTable());

    assertThat(r.committed()).isTrue();
    assertThat(r.exitCode()).isZero();
    assertCounts(r, "grids", 4, 3, 0, 0, 1);
    assertCounts(r, "workers", 5, 2, 0, 0, 3);
    assertCounts(r, "enterprises", 4, 2, 0, 0, 2);
    assertCounts(r, "patrols", 12, 5, 0, 0, 7);
    assertThat(r.rejectedTotal()).isEqualTo(13);
    assertThat(r.tables())
        .extracting(IngestReport.TableResult::table)
        .containsExactly("grids", "workers", "enterprises", "patrols");

    // rejects: file, line, column
    assertThat(rejectKeys(lake, "grids")).containsExactly("grids.geojson:3:kind");
    assertThat(rejectKeys(lake, "workers"))
        .containsExactly(
            "workers.csv:4:hired_on", "workers.csv:5:grid_id", "workers.csv:6:left_on");
    assertThat(rejectKeys(lake, "enterprises"))
        .containsExactly("enterprises.csv:4:lon,lat", "enterprises.csv:5:lon");
    assertThat(rejectKeys(lake, "patrols"))
        .containsExactly(
            "patrols.csv:12:lon,lat",
            "patrols.csv:13:enterprise_id",
            "patrols.csv:4:worker_id",
            "patrols.csv:5:category",
            "patrols.csv:7:patrol_id",
            "patrols.csv:8:patrol_id",
            "patrols.csv:9:visited_at");
    Object[] conflict =
        rows(lake, "rejects/patrols", LakeSchema.REJECTS).stream()
            .filter(x -> Long.valueOf(7).equals(x[3]))
            .findFirst()
            .orElseThrow();
    assertThat((String) conflict[5]).contains("P006").contains("patrols.csv:8");
    assertThat((String) conflict[6]).contains("同一主键");
    assertThat((String) conflict[7]).contains("first");
    assertThat(conflict[0]).isEqualTo(r.runId());

    // workers from a GBK file with Chinese headers
    List<Object[]> workers = rows(lake, "workers", LakeSchema.WORKERS);
    assertThat(workers).hasSize(2);
    Object[] w1 = byKey(workers, "W001");
    assertThat(w1[1]).isEqualTo("张三");
    assertThat(w1[2]).isEqualTo("exclusive");
    assertThat(w1[7]).isEqualTo(LocalDate.of(2024, 1, 15));
    assertThat(w1[9]).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(w1[10]).isEqualTo("none");
    assertThat(byKey(workers, "W002")[2]).isEqualTo("fulltime");

    // enterprises from a UTF-8 file with BOM
    List<Object[]> ents = rows(lake, "enterprises", LakeSchema.ENTERPRISES);
    assertThat(ents).extracting(x -> x[0]).containsExactly("E001", "E002");
    assertThat(byKey(ents, "E001")[1]).isEqualTo("甲机械有限公司");
    assertThat(byKey(ents, "E002")[4]).isEqualTo(LocalDate.of(2021, 5, 6));

    // patrols: GCJ-02 → WGS84, partitions by Asia/Shanghai month, no month column in files
    LakeFs fs = LakeFs.open(lake.toString());
    assertThat(fs.folders("patrols"))
        .containsExactly("patrols/month=2025-03", "patrols/month=2025-04");
    List<Object[]> march =
        ParquetRows.readFolder(fs, "patrols/month=2025-03", LakeSchema.PATROLS.columns());
    assertThat(march).extracting(x -> x[0]).containsExactly("P001", "P002", "P008");
    Object[] p1 = byKey(march, "P001");
    assertThat(Geodesy.distanceMeters((Double) p1[4], (Double) p1[5], 104.6052, 30.1051))
        .isLessThan(1.0);
    Object[] p2 = byKey(march, "P002");
    assertThat(Geodesy.distanceMeters((Double) p2[4], (Double) p2[5], 104.6151, 30.1049))
        .isLessThan(1.0);
    assertThat(p1[3]).isEqualTo(Instant.parse("2025-03-05T01:30:00Z"));
    assertThat(p1[10]).isEqualTo(Instant.parse("2025-03-05T02:00:00Z"));
    assertThat(p1[6]).isEqualTo("none");
    assertThat(p1[7]).isEqualTo(false);
    assertThat(p1[9]).isEqualTo(2);
    assertThat(p1[11]).as("month not stored inside files").isNull();
    assertThat(p2[3]).isEqualTo(Instant.parse("2025-03-06T06:05:30Z"));
    assertThat(p2[6]).isEqualTo("environment");
    assertThat(byKey(march, "P008")[8]).isEqualTo("第一行\n第二行");
    List<Object[]> april =
        ParquetRows.readFolder(fs, "patrols/month=2025-04", LakeSchema.PATROLS.columns());
    assertThat(april).extracting(x -> x[0]).containsExactly("P005", "P011");
    assertThat(byKey(april, "P005")[3]).isEqualTo(Instant.parse("2025-04-02T00:00:00Z"));
    assertThat(byKey(april, "P011")[3]).isEqualTo(Instant.parse("2025-03-31T23:00:00Z"));
    assertThat(byKey(april, "P011")[2]).isNull();
    String marchFile = fs.parquetFiles("patrols/month=2025-03").get(0);
    assertThat(schemaFields(fs, marchFile)).doesNotContain("month").contains("visited_at");

    // grids: GeoParquet, layout 1, MultiPolygon in WGS84
    List<Object[]> grids = rows(lake, "grids", LakeSchema.GRIDS);
    assertThat(grids).extracting(x -> x[0]).containsExactly("G001", "G002", "G003");
    Object[] g1 = byKey(grids, "G001");
    assertThat(g1[2]).isEqualTo("enterprise");
    assertThat(g1[5]).isEqualTo(1);
    Geometry geom = Geometries.fromWkb((byte[]) g1[6]);
    assertThat(geom.getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(geom.getEnvelopeInternal().getMinX()).isCloseTo(104.60, within(1e-9));
    String geo = keyValueMeta(fs, fs.parquetFiles("grids").get(0)).get("geo");
    assertThat(geo)
        .contains("\"version\":\"1.1.0\"")
        .contains("\"primary_column\":\"geometry\"")
        .contains("\"encoding\":\"WKB\"")
        .contains("\"geometry_types\":[\"MultiPolygon\"]")
        .contains("\"bbox\":[104.6,30.1,104.62,30.12]")
        .doesNotContain("\"crs\"");
    // GeoParquet 1.1 bbox covering: declared in `geo`, one struct per row = geometry envelope
    JsonNode geoCol = new ObjectMapper().readTree(geo).path("columns").path("geometry");
    assertThat(geoCol.path("covering").toString())
        .isEqualTo(
            "{\"bbox\":{\"xmin\":[\"bbox\",\"xmin\"],\"ymin\":[\"bbox\",\"ymin\"],"
                + "\"xmax\":[\"bbox\",\"xmax\"],\"ymax\":[\"bbox\",\"ymax\"]}}");
    String gridsFile = fs.parquetFiles("grids").get(0);
    assertThat(schemaFields(fs, gridsFile)).endsWith("geometry", "bbox");
    Map<String, double[]> boxes = bboxes(fs, gridsFile);
    assertThat(boxes).containsOnlyKeys("G001", "G002", "G003");
    for (Object[] g : grids) {
      Envelope e = Geometries.fromWkb((byte[]) g[6]).getEnvelopeInternal();
      assertThat(boxes.get((String) g[0]))
          .as((String) g[0])
          .containsExactly(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }
    List<Object[]> layouts = rows(lake, "layouts", LakeSchema.LAYOUTS);
    assertThat(layouts).hasSize(1);
    assertThat(layouts.get(0)[0]).isEqualTo(1);
    assertThat(layouts.get(0)[1]).isEqualTo("雁江试点网格");
    assertThat(layouts.get(0)[2]).isEqualTo("active");
    assertThat(layouts.get(0)[3]).isEqualTo(LocalDate.of(1970, 1, 1));

    // ingest_runs: one row per table
    List<Object[]> runs = rows(lake, "ingest_runs", LakeSchema.INGEST_RUNS);
    assertThat(runs)
        .extracting(x -> x[1] + "=" + x[5] + "/" + x[6] + "/" + x[9])
        .containsExactlyInAnyOrder(
            "grids=4/3/1", "workers=5/2/3", "enterprises=4/2/2", "patrols=12/5/7");
    assertThat(runs).allSatisfy(x -> assertThat(x[0]).isEqualTo(r.runId()));

    // no staging left behind, no checksum side files
    assertThat(lake.resolve("_staging")).doesNotExist();
    assertThat(LakeFiles.snapshot(lake).keySet()).noneMatch(p -> p.endsWith(".crc"));
  }

  @Test
  void sameDropTwiceChangesNothing() throws IOException {
    Path lake = tmp.resolve("lake");
    IngestReport first = ingest(LakeFiles.fixture("basic"), lake, false);
    Map<String, String> before = withoutRuns(LakeFiles.snapshot(lake));
    IngestReport second = ingest(LakeFiles.fixture("basic"), lake, false);
    System.out.print(second.toTable());

    assertThat(second.runId()).isNotEqualTo(first.runId());
    for (IngestReport.TableResult t : second.tables()) {
      IngestReport.TableResult f = first.table(t.table());
      assertThat(t.inserted()).as(t.table()).isZero();
      assertThat(t.updated()).as(t.table()).isZero();
      assertThat(t.unchanged()).as(t.table()).isEqualTo(f.inserted());
      assertThat(t.rejected()).as(t.table()).isEqualTo(f.rejected());
    }
    assertThat(withoutRuns(LakeFiles.snapshot(lake))).isEqualTo(before);
    assertThat(rows(lake, "ingest_runs", LakeSchema.INGEST_RUNS)).hasSize(8);
  }

  @Test
  void correctedRowsReplaceAndHistoryKeepsTheOldVersion() throws IOException {
    Path drop = LakeFiles.copyDrop("basic", tmp.resolve("drop"));
    Path lake = tmp.resolve("lake");
    ingest(drop, lake, false);

    replaceIn(drop.resolve("enterprises.csv"), StandardCharsets.UTF_8, "甲机械有限公司", "甲机械股份有限公司");
    replaceIn(
        drop.resolve("patrols.csv"),
        StandardCharsets.UTF_8,
        "P001,W001,E001,2025-03-05 09:30",
        "P001,W001,E001,2025-03-05 09:45");
    // a new month arrives as a new file in a patrols/ folder
    Files.createDirectories(drop.resolve("patrols"));
    Files.writeString(
        drop.resolve("patrols/2025-05.csv"),
        "patrol_id,worker_id,enterprise_id,visited_at,lon,lat\nP100,W002,E002,2025-05-06 10:00,104.617478,30.1020409\n");
    Map<String, String> before = LakeFiles.snapshot(lake);
    IngestReport r = ingest(drop, lake, false);
    System.out.print(r.toTable());

    assertCounts(r, "enterprises", 4, 0, 1, 1, 2);
    assertCounts(r, "patrols", 13, 1, 1, 4, 7);
    assertCounts(r, "workers", 5, 0, 0, 2, 3);
    assertThat(byKey(rows(lake, "enterprises", LakeSchema.ENTERPRISES), "E001")[1])
        .isEqualTo("甲机械股份有限公司");
    List<Object[]> hist = rows(lake, "history/enterprises", LakeSchema.ENTERPRISES);
    assertThat(hist).hasSize(1);
    assertThat(hist.get(0)[1]).isEqualTo("甲机械有限公司");
    var histCols = LakeTables.historyColumns(LakeSchema.ENTERPRISES);
    Object[] h =
        ParquetRows.readFolder(LakeFs.open(lake.toString()), "history/enterprises", histCols)
            .get(0);
    assertThat(h[histCols.size() - 1]).isEqualTo(r.runId());

    LakeFs fs = LakeFs.open(lake.toString());
    assertThat(fs.folders("patrols"))
        .containsExactly("patrols/month=2025-03", "patrols/month=2025-04", "patrols/month=2025-05");
    Object[] p1 =
        byKey(
            ParquetRows.readFolder(fs, "patrols/month=2025-03", LakeSchema.PATROLS.columns()),
            "P001");
    assertThat(p1[3]).isEqualTo(Instant.parse("2025-03-05T01:45:00Z"));
    List<Object[]> ph =
        ParquetRows.readFolder(
            fs, "history/patrols", LakeTables.historyColumns(LakeSchema.PATROLS));
    assertThat(ph).hasSize(1);
    assertThat(ph.get(0)[3]).isEqualTo(Instant.parse("2025-03-05T01:30:00Z"));
    assertThat(ph.get(0)[11]).isEqualTo("2025-03");
    // untouched partition and tables keep their files byte for byte
    Map<String, String> after = LakeFiles.snapshot(lake);
    for (String k : before.keySet()) {
      if (k.startsWith("patrols/month=2025-04/")
          || k.startsWith("workers/")
          || k.startsWith("grids/")) {
        assertThat(after).containsEntry(k, before.get(k));
      }
    }
    assertThat(fs.parquetFiles("patrols/month=2025-03")).hasSize(1);
    assertThat(fs.parquetFiles("enterprises")).hasSize(1);
  }

  @Test
  void strictModeWritesNothing() throws IOException {
    Path lake = tmp.resolve("lake");
    IngestReport r = ingest(LakeFiles.fixture("basic"), lake, true);
    System.out.print(r.toTable());
    assertThat(r.failed()).isTrue();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.committed()).isFalse();
    assertThat(r.rejectedTotal()).isEqualTo(13);
    assertThat(r.rejectSamples()).hasSize(13);
    assertThat(r.toTable()).contains("严格模式");
    assertThat(LakeFiles.snapshot(lake)).isEmpty();
  }

  @Test
  void aDifferentGridFileIsRejectedWithAPointerToLayout() throws IOException {
    Path drop = LakeFiles.copyDrop("basic", tmp.resolve("drop"));
    Path lake = tmp.resolve("lake");
    ingest(drop, lake, false);
    Map<String, String> gridsBefore = prefixed(LakeFiles.snapshot(lake), "grids/", "layouts/");

    replaceIn(drop.resolve("grids.geojson"), StandardCharsets.UTF_8, "东街社区网格", "东街社区新网格");
    IngestReport r = ingest(drop, lake, false);
    assertCounts(r, "grids", 4, 0, 0, 0, 4);
    assertThat(
            r.rejectSamples().stream().filter(x -> x.table().equals("grids")).map(Reject::reason))
        .filteredOn(s -> s.contains("gridwatch layout"))
        .hasSize(3);
    assertThat(prefixed(LakeFiles.snapshot(lake), "grids/", "layouts/")).isEqualTo(gridsBefore);
    // workers still validate against the active layout
    assertCounts(r, "workers", 5, 0, 0, 2, 3);
  }

  @Test
  void configOverridesManifestCrs() throws IOException {
    Path lake = tmp.resolve("lake");
    IngestReport r =
        IngestJob.run(
            new IngestConfig(
                LakeFiles.fixture("basic"),
                lake.toString(),
                Map.of("patrols", io.gridwatch.core.crs.Crs.WGS84),
                Map.of(),
                false));
    assertThat(r.table("patrols").inserted()).isEqualTo(5);
    Object[] p1 =
        byKey(
            ParquetRows.readFolder(
                LakeFs.open(lake.toString()),
                "patrols/month=2025-03",
                LakeSchema.PATROLS.columns()),
            "P001");
    assertThat((Double) p1[4]).isEqualTo(104.6075632);
  }

  private static List<String> rejectKeys(Path lake, String table) throws IOException {
    return rows(lake, "rejects/" + table, LakeSchema.REJECTS).stream()
        .map(x -> x[2] + ":" + x[3] + ":" + x[4])
        .sorted()
        .collect(Collectors.toList());
  }

  private static Map<String, String> withoutRuns(Map<String, String> snap) {
    snap.keySet().removeIf(k -> k.startsWith("ingest_runs/"));
    return snap;
  }

  private static Map<String, String> prefixed(Map<String, String> snap, String... prefixes) {
    snap.keySet().removeIf(k -> java.util.Arrays.stream(prefixes).noneMatch(k::startsWith));
    return snap;
  }

  private static void replaceIn(Path file, java.nio.charset.Charset cs, String from, String to)
      throws IOException {
    String s = new String(Files.readAllBytes(file), cs);
    assertThat(s).contains(from);
    Files.write(file, s.replace(from, to).getBytes(cs));
  }

  private static List<String> schemaFields(LakeFs fs, String file) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(fs.path(file), fs.conf()))) {
      return r.getFooter().getFileMetaData().getSchema().getFields().stream()
          .map(org.apache.parquet.schema.Type::getName)
          .toList();
    }
  }

  /** grid_id → {xmin, ymin, xmax, ymax} of the bbox covering column, read raw from the file. */
  private static Map<String, double[]> bboxes(LakeFs fs, String file) throws IOException {
    Map<String, double[]> out = new java.util.HashMap<>();
    try (ParquetReader<Group> r =
        ParquetReader.builder(new GroupReadSupport(), fs.path(file)).withConf(fs.conf()).build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        Group b = g.getGroup("bbox", 0);
        out.put(
            g.getString("grid_id", 0),
            new double[] {
              b.getDouble("xmin", 0),
              b.getDouble("ymin", 0),
              b.getDouble("xmax", 0),
              b.getDouble("ymax", 0)
            });
      }
    }
    return out;
  }

  private static Map<String, String> keyValueMeta(LakeFs fs, String file) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(fs.path(file), fs.conf()))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }
}
