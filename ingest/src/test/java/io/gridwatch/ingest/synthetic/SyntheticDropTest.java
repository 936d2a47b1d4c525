package io.gridwatch.ingest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.crs.ChinaCrs;
import io.gridwatch.core.geo.Geodesy;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

class SyntheticDropTest {
  static final long SEED = 42L;

  /** The real boundary from ../shared (beside the clone), else the copy bundled in ingest. */
  static final Path BOUNDARY = boundary();

  static Path boundary() {
    Path shared = Path.of("../../shared/data/ziyang-districts.gcj02.geojson");
    return java.nio.file.Files.isRegularFile(shared)
        ? shared
        : Path.of("src/main/resources/boundary/ziyang-districts.gcj02.geojson");
  }

  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir static Path tmp;
  static Path drop;
  static Summary summary;

  @BeforeAll
  static void generate() throws IOException {
    System.out.println("SyntheticDropTest seed=" + SEED);
    drop = tmp.resolve("a");
    summary = SyntheticDrop.generate(drop, SEED, Scale.SMALL, BOUNDARY);
    System.out.println("SMALL generated in " + summary.millis() + " ms\n" + summary.toText());
  }

  static List<CSVRecord> read(Path file, Charset cs) throws IOException {
    try (Reader r = Files.newBufferedReader(file, cs)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(r)
          .getRecords();
    }
  }

  static List<CSVRecord> read(String table) throws IOException {
    Charset cs = table.equals("workers") ? Charset.forName("GBK") : StandardCharsets.UTF_8;
    if (table.equals("patrols")) {
      List<CSVRecord> all = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        all.addAll(read(drop.resolve("patrols").resolve(String.format("2025-%02d.csv", m)), cs));
      }
      return all;
    }
    return read(drop.resolve(table + ".csv"), cs);
  }

  @Test
  void sameSeedGivesByteIdenticalDrop() throws IOException {
    Path b = tmp.resolve("b");
    SyntheticDrop.generate(b, SEED, Scale.SMALL, null); // bundled boundary copy
    Map<String, byte[]> fa = files(drop);
    Map<String, byte[]> fb = files(b);
    assertThat(fb.keySet()).isEqualTo(fa.keySet());
    for (String k : fa.keySet()) {
      assertThat(java.util.Arrays.equals(fb.get(k), fa.get(k)))
          .as(k + " differs between runs")
          .isTrue();
    }
    long bytes = fa.values().stream().mapToLong(x -> x.length).sum();
    System.out.println("SMALL drop size " + bytes / 1024 + " KiB in " + fa.size() + " files");
    assertThat(bytes).isLessThan(12L << 20);
  }

  static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void headersAreExactlyTheContractNames() throws IOException {
    for (TableDef t : LakeSchema.SOURCE_TABLES) {
      if (t.name().equals("grids")) {
        continue;
      }
      List<String> expected =
          t.columnNames().stream().filter(c -> !c.equals(t.partitionColumn())).toList();
      Path f =
          t.name().equals("patrols")
              ? drop.resolve("patrols/2025-01.csv")
              : drop.resolve(t.name() + ".csv");
      Charset cs = t.name().equals("workers") ? Charset.forName("GBK") : StandardCharsets.UTF_8;
      String first = Files.readAllLines(f, cs).get(0);
      assertThat(List.of(first.split(","))).as(t.name()).isEqualTo(expected);
    }
    try (Stream<Path> s = Files.list(drop.resolve("patrols"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .hasSize(12)
          .startsWith("2025-01.csv")
          .endsWith("2025-12.csv");
    }
  }

  @Test
  void manifestDeclaresPatrolCrsAndWorkerEncoding() throws IOException {
    JsonNode m = new ObjectMapper().readTree(drop.resolve("manifest.json").toFile());
    assertThat(m.path("crs").path("patrols").asText()).isEqualTo("gcj02");
    assertThat(m.path("encoding").path("workers").asText()).isEqualTo("GBK");
    byte[] raw = Files.readAllBytes(drop.resolve("workers.csv"));
    assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain("专属");
    assertThat(new String(raw, Charset.forName("GBK"))).contains("高新区");
  }

  @Test
  void smallCountsAreInTheExpectedRanges() throws IOException {
    assertThat(summary.count("grids")).isBetween(45L, 70L);
    assertThat(summary.count("enterprises")).isEqualTo(1500L);
    assertThat(summary.count("patrols")).isBetween(25_000L, 90_000L);
    assertThat(summary.count("workers")).isBetween(50L, 90L);
    assertThat(summary.count("incidents")).isEqualTo(6L);
    assertThat(summary.count("assignments")).isEqualTo(4L);
    assertThat(summary.count("spot_checks")).isBetween(30L * 12 * 9, 30L * 12 * 10);
    assertThat(summary.count("info_scores")).isBetween(330L, 380L);
    assertThat(summary.count("training")).isGreaterThanOrEqualTo(8L);
    assertThat(summary.count("town_scores")).isGreaterThan(50L);
    List<CSVRecord> workers = read("workers");
    Map<String, Long> heads = new TreeMap<>();
    Map<String, Long> managers = new TreeMap<>();
    for (CSVRecord w : workers) {
      if (w.get("role").equals("subcenter_head")) {
        heads.merge(w.get("town"), 1L, Long::sum);
      }
      if (w.get("role").equals("station_manager")) {
        managers.merge(w.get("town") + "/" + w.get("community"), 1L, Long::sum);
      }
    }
    assertThat(heads)
        .containsOnlyKeys("松涛镇", "狮子山街道")
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
    assertThat(managers).hasSize(10).allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
    assertThat(workers.stream().filter(w -> !w.get("left_on").isEmpty()).count())
        .isGreaterThanOrEqualTo(1);
    assertThat(workers.stream().filter(w -> w.get("certified_on").isEmpty()).count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void enterprisesLieInExactlyOneGridExceptTheOutsideOnes() throws IOException {
    JsonNode fc = new ObjectMapper().readTree(drop.resolve("grids.geojson").toFile());
    STRtree tree = new STRtree();
    Map<String, String> kind = new HashMap<>();
    for (JsonNode f : fc.path("features")) {
      Geometry g = ZoneTiler.polygonal(f.get("geometry"));
      assertThat(g.isValid()).as(f.path("properties").path("grid_id").asText()).isTrue();
      g.setUserData(f.path("properties").path("grid_id").asText());
      kind.put((String) g.getUserData(), f.path("properties").path("kind").asText());
      tree.insert(g.getEnvelopeInternal(), g);
    }
    GeometryFactory gf = new GeometryFactory();
    int inPark = 0;
    int inTown = 0;
    int outside = 0;
    for (CSVRecord e : read("enterprises")) {
      assertThat(e.get("enterprise_id")).hasSize(18);
      Point p =
          gf.createPoint(
              new org.locationtech.jts.geom.Coordinate(
                  Double.parseDouble(e.get("lon")), Double.parseDouble(e.get("lat"))));
      List<String> hits = new ArrayList<>();
      for (Object o : tree.query(p.getEnvelopeInternal())) {
        Geometry g = (Geometry) o;
        if (g.intersects(p)) {
          hits.add((String) g.getUserData());
        }
      }
      assertThat(hits.size()).as(e.get("enterprise_id")).isLessThanOrEqualTo(1);
      if (hits.isEmpty()) {
        outside++;
      } else if (kind.get(hits.get(0)).equals("enterprise")) {
        inPark++;
      } else {
        inTown++;
      }
    }
    assertThat(inPark).isEqualTo(1350);
    assertThat(inTown).isEqualTo(140);
    assertThat(outside).isEqualTo(10);
  }

  @Test
  void patrolsAreGcj02NearTheirEnterprisesWithAFewSuspiciousOnes() throws IOException {
    Map<String, double[]> ent = new HashMap<>();
    for (CSVRecord e : read("enterprises")) {
      ent.put(
          e.get("enterprise_id"),
          new double[] {Double.parseDouble(e.get("lon")), Double.parseDouble(e.get("lat"))});
    }
    int near = 0;
    int far = 0;
    int withEnt = 0;
    for (CSVRecord p : read("patrols")) {
      LocalDateTime at = LocalDateTime.parse(p.get("visited_at"), TS);
      assertThat(at.getYear()).isEqualTo(2025);
      assertThat(at.getHour()).isBetween(8, 19);
      if (!p.get("reported_at").isEmpty()) {
        assertThat(LocalDateTime.parse(p.get("reported_at"), TS)).isAfterOrEqualTo(at);
      }
      assertThat(p.get("category")).isIn("none", "environment", "safety", "social_order");
      if (p.get("enterprise_id").isEmpty()) {
        continue;
      }
      withEnt++;
      double[] wgs =
          ChinaCrs.gcj02ToWgs84(Double.parseDouble(p.get("lon")), Double.parseDouble(p.get("lat")));
      double[] e = ent.get(p.get("enterprise_id"));
      assertThat(e).isNotNull();
      double d = Geodesy.distanceMeters(wgs[0], wgs[1], e[0], e[1]);
      if (d <= 100) {
        near++;
      } else if (d > 500) {
        far++;
      }
    }
    assertThat(near).isGreaterThan((int) (withEnt * 0.98));
    assertThat(far).isBetween(20, withEnt / 50);
  }

  @Test
  void spotChecksAndScoresRespectTheContract() throws IOException {
    for (CSVRecord s : read("spot_checks")) {
      LocalDate on = LocalDate.parse(s.get("checked_on"));
      assertThat(on.toString()).startsWith(s.get("month"));
      assertThat(s.get("knows_worker")).isIn("true", "false");
    }
    for (CSVRecord s : read("info_scores")) {
      assertThat(Double.parseDouble(s.get("score"))).isBetween(0.0, 30.0);
      assertThat(s.get("score")).matches("\\d+(\\.\\d)?");
    }
    for (CSVRecord s : read("assist_scores")) {
      assertThat(Double.parseDouble(s.get("score"))).isBetween(0.0, 20.0);
    }
    List<CSVRecord> inc = read("incidents");
    assertThat(inc.stream().filter(i -> i.get("severity").equals("major")).count())
        .isGreaterThanOrEqualTo(2);
    List<CSVRecord> as = read("assignments");
    Map<String, List<CSVRecord>> byWorker = new TreeMap<>();
    as.forEach(a -> byWorker.computeIfAbsent(a.get("worker_id"), k -> new ArrayList<>()).add(a));
    byWorker.forEach(
        (w, rows) -> {
          for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("from")).isEqualTo(rows.get(i - 1).get("to"));
          }
        });
    assertThat(read("town_scores").stream().map(r -> r.get("period")).distinct())
        .contains("2025Q1", "2025Q4", "2025");
  }
}
