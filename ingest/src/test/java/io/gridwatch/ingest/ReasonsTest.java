package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.crs.Crs;
import io.gridwatch.core.geo.Geodesy;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reject reason at least once (basic + full + the reasons overlay), and BD-09 input. */
class ReasonsTest {
  @TempDir Path tmp;

  /** Every reason ingest can give (English text; each must appear with a Chinese text). */
  static final List<String> REASONS =
      List.of(
          "missing required value",
          "invalid GeoJSON geometry",
          "geometry must be a non-empty Polygon or MultiPolygon",
          "community is required for community and village grids",
          "lon and lat must be given together",
          "not a lon/lat pair",
          "coordinate outside the grids' extent",
          "unknown worker_id",
          "unknown enterprise_id",
          "unknown grid_id",
          "unknown attendee_ids",
          "left_on is before hired_on",
          "is not an exclusive worker",
          "closed_on is before registered_on",
          "to must be after from",
          "period overlaps another assignment",
          "checked_on is outside month",
          "grid_id or lon/lat is required",
          "arrived_at is before notified_at",
          "not a month (YYYY-MM)",
          "not a period",
          "outside 0–",
          "has more than 1 decimal",
          "must not be negative",
          "unknown value '",
          "not an integer",
          "not a number",
          "not a boolean",
          "not a date (",
          "not a date-time",
          "a date cell where a",
          "conflicting rows with the same key",
          "grid file differs from the active layout");

  @Test
  void everyRejectReasonAppearsWithFileLineAndChinese() throws IOException {
    Path drop = LakeFiles.copyDrop("basic", tmp.resolve("drop"));
    overlay(LakeFiles.fixture("full"), drop);
    overlay(LakeFiles.fixture("reasons"), drop);
    Files.deleteIfExists(drop.resolve("README.md"));
    Files.createDirectories(drop.resolve("info_uploads"));
    writeUploadsXlsx(drop.resolve("info_uploads/extra.xlsx"));
    Path lake = tmp.resolve("lake");
    IngestReport r =
        IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    System.out.print(r.toTable());
    assertThat(r.committed()).isTrue();

    // XLSX: an Excel date cell (serial) and a text date both land
    List<Object[]> uploads =
        ParquetRows.readFolder(
            LakeFs.open(lake.toString()), "info_uploads", LakeSchema.INFO_UPLOADS.columns());
    assertThat(uploads).extracting(x -> (String) x[0]).contains("U101", "U102");

    // a later, different grid file is rejected with a pointer to `gridwatch layout`
    Path grids = drop.resolve("grids.geojson");
    Files.writeString(
        grids,
        Files.readString(grids, StandardCharsets.UTF_8).replace("工业园一号网格", "工业园一号网格（新）"),
        StandardCharsets.UTF_8);
    IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));

    List<Object[]> rejects = allRejects(lake);
    rejects.forEach(
        x -> System.out.println(x[1] + " " + x[2] + ":" + x[3] + " " + x[4] + " " + x[5]));
    for (String reason : REASONS) {
      assertThat(rejects)
          .as("a reject with reason '%s'", reason)
          .anySatisfy(x -> assertThat((String) x[5]).contains(reason));
    }
    assertThat(rejects)
        .allSatisfy(
            x -> {
              assertThat((String) x[2]).as("file").isNotBlank();
              // CSV/XLSX: physical line / sheet row (1-based); GeoJSON: feature index
              assertThat((Long) x[3]).as("line").isNotNegative();
              if (!((String) x[2]).endsWith(".geojson")) {
                assertThat((Long) x[3]).as("line").isPositive();
              }
              assertThat((String) x[6]).as("reason_zh").isNotBlank();
              assertThat((String) x[7]).as("raw").isNotNull();
            });
  }

  @Test
  void bd09PointsLandOnTheirKnownWgs84Positions() throws IOException {
    Path drop = LakeFiles.copyDrop("basic", tmp.resolve("drop"));
    Files.copy(
        LakeFiles.fixture("bd09").resolve("enterprises.csv"),
        drop.resolve("enterprises.csv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path lake = tmp.resolve("lake");
    IngestReport r =
        IngestJob.run(
            new IngestConfig(
                drop, lake.toString(), Map.of("enterprises", Crs.BD09), Map.of(), false));
    assertThat(r.table("enterprises").inserted()).isEqualTo(2);
    List<Object[]> ents =
        ParquetRows.readFolder(
            LakeFs.open(lake.toString()), "enterprises", LakeSchema.ENTERPRISES.columns());
    double[][] known = {{104.605, 30.105}, {104.615, 30.105}};
    for (int i = 0; i < 2; i++) {
      Object[] e = ents.get(i);
      double d = Geodesy.distanceMeters((Double) e[2], (Double) e[3], known[i][0], known[i][1]);
      System.out.printf("%s BD-09 → WGS84 %.7f, %.7f (%.3f m off)%n", e[0], e[2], e[3], d);
      assertThat(d).as((String) e[0]).isLessThan(1.0);
    }
  }

  private static List<Object[]> allRejects(Path lake) throws IOException {
    LakeFs fs = LakeFs.open(lake.toString());
    List<Object[]> out = new java.util.ArrayList<>();
    for (String folder : fs.folders("rejects")) {
      out.addAll(ParquetRows.readFolder(fs, folder, LakeSchema.REJECTS.columns()));
    }
    return out;
  }

  private static void overlay(Path src, Path target) throws IOException {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = target.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** Upload times as an Excel date cell and as text; one date cell in the integer column items. */
  private static void writeUploadsXlsx(Path file) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sh = wb.createSheet("上传");
      CellStyle dt = wb.createCellStyle();
      dt.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d h:mm"));
      String[] header = {"上传编号", "网格员编号", "上传时间", "条数", "照片数"};
      Row h = sh.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      Row a = sh.createRow(1);
      a.createCell(0).setCellValue("U101");
      a.createCell(1).setCellValue("W001");
      a.createCell(2).setCellValue(LocalDateTime.of(2025, 3, 7, 9, 30));
      a.getCell(2).setCellStyle(dt);
      a.createCell(3).setCellValue(2);
      Row b = sh.createRow(2);
      b.createCell(0).setCellValue("U102");
      b.createCell(1).setCellValue("W001");
      b.createCell(2).setCellValue("2025/3/8 10:15");
      Row c = sh.createRow(3);
      c.createCell(0).setCellValue("U103");
      c.createCell(1).setCellValue("W001");
      c.createCell(2).setCellValue("2025-03-09 10:00");
      c.createCell(3).setCellValue(LocalDateTime.of(2025, 3, 9, 0, 0));
      c.getCell(3).setCellStyle(dt);
      wb.write(out);
    }
  }
}
