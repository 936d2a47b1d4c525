package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.lake.TableDef;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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

/** Every source table of data-contract.md §1, one of them as XLSX, with known rejects. */
class FullDropTest {
  @TempDir Path tmp;

  @Test
  void everyTableLandsAndRejectsAreExact() throws IOException {
    Path drop = LakeFiles.copyDrop("basic", tmp.resolve("drop"));
    try (Stream<Path> s = Files.list(LakeFiles.fixture("full"))) {
      for (Path p : s.toList()) {
        Files.copy(p, drop.resolve(p.getFileName().toString()));
      }
    }
    Files.delete(drop.resolve("workers.csv"));
    writeWorkersXlsx(drop.resolve("workers.xlsx"));
    Path lake = tmp.resolve("lake");

    IngestReport r =
        IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    System.out.print(r.toTable());

    assertThat(r.tables())
        .extracting(t -> t.table() + " " + t.read() + "/" + t.inserted() + "/" + t.rejected())
        .containsExactly(
            "grids 4/3/1",
            "workers 3/2/1",
            "assignments 6/2/4",
            "enterprises 4/2/2",
            "patrols 12/5/7",
            "spot_checks 5/2/3",
            "incidents 4/2/2",
            "info_scores 3/1/2",
            "assist_scores 2/1/1",
            "info_uploads 2/1/1",
            "town_scores 3/2/1",
            "training 2/1/1");
    assertThat(rejectKeys(lake, "workers")).containsExactly("workers.xlsx:4:hired_on");
    assertThat(rejectKeys(lake, "assignments"))
        .containsExactly(
            "assignments.csv:4:grid_id",
            "assignments.csv:5:to",
            "assignments.csv:6:from,to",
            "assignments.csv:7:from,to");
    assertThat(rejectKeys(lake, "spot_checks"))
        .containsExactly(
            "spot_checks.csv:4:month",
            "spot_checks.csv:5:checked_on",
            "spot_checks.csv:6:knows_worker");
    assertThat(rejectKeys(lake, "incidents"))
        .containsExactly("incidents.csv:4:grid_id,lon,lat", "incidents.csv:5:severity");
    assertThat(rejectKeys(lake, "info_scores"))
        .containsExactly(
            "info_scores.csv:3:score", // 31 > 30
            "info_scores.csv:3:worker_id", // W002 is a full-time worker: no panel score
            "info_scores.csv:4:score");
    assertThat(rejectKeys(lake, "assist_scores")).containsExactly("assist_scores.csv:3:worker_id");
    assertThat(rejectKeys(lake, "info_uploads")).containsExactly("info_uploads.csv:3:uploaded_at");
    assertThat(rejectKeys(lake, "town_scores")).containsExactly("town_scores.csv:4:period");
    assertThat(rejectKeys(lake, "training")).containsExactly("training.csv:3:attendee_ids");

    // XLSX: an Excel date cell and a numeric phone cell
    Object[] w1 = byKey(rows(lake, LakeSchema.WORKERS), "W001");
    assertThat(w1[7]).isEqualTo(LocalDate.of(2024, 1, 15));
    assertThat(w1[6]).isEqualTo("13800000001");
    assertThat(byKey(rows(lake, LakeSchema.WORKERS), "W002")[7])
        .isEqualTo(LocalDate.of(2023, 6, 1));

    List<Object[]> spot = rows(lake, LakeSchema.SPOT_CHECKS);
    assertThat(spot)
        .extracting(x -> x[0] + "/" + x[3] + "/" + x[4])
        .containsExactly("S001/E001/true", "S001/E002/false");
    Object[] i1 = byKey(rows(lake, LakeSchema.INCIDENTS), "I001");
    assertThat(i1[4]).isEqualTo("general");
    assertThat(i1[7]).isEqualTo(Instant.parse("2025-03-01T00:40:00Z"));
    assertThat(byKey(rows(lake, LakeSchema.INCIDENTS), "I002")[4]).isEqualTo("large");
    assertThat(byKey(rows(lake, LakeSchema.INFO_UPLOADS), "U001")[2])
        .isEqualTo(Instant.parse("2025-03-05T01:05:00Z"));
    assertThat(rows(lake, LakeSchema.TOWN_SCORES))
        .extracting(x -> x[1])
        .containsExactly("2025", "2025Q1");
    Object[] t1 = byKey(rows(lake, LakeSchema.TRAINING), "T001");
    assertThat(t1[2]).isEqualTo("zone");
    assertThat(t1[5]).isEqualTo("W001;W002");

    // and again: nothing changes
    Map<String, String> before = LakeFiles.snapshot(lake);
    before.keySet().removeIf(k -> k.startsWith("ingest_runs/"));
    IngestReport again =
        IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    assertThat(again.tables()).allSatisfy(t -> assertThat(t.inserted() + t.updated()).isZero());
    Map<String, String> after = LakeFiles.snapshot(lake);
    after.keySet().removeIf(k -> k.startsWith("ingest_runs/"));
    assertThat(after).isEqualTo(before);
  }

  private static void writeWorkersXlsx(Path file) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sh = wb.createSheet("网格员");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      String[] header = {"网格员编号", "姓名", "类型", "网格编号", "镇街", "社区", "电话", "入职日期", "职务"};
      Row h = sh.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      Row a = sh.createRow(1);
      a.createCell(0).setCellValue("W001");
      a.createCell(1).setCellValue("张三");
      a.createCell(2).setCellValue("专属");
      a.createCell(3).setCellValue("G001");
      a.createCell(4).setCellValue("雁江镇");
      a.createCell(6).setCellValue(13800000001d);
      a.createCell(7).setCellValue(LocalDateTime.of(2024, 1, 15, 0, 0));
      a.getCell(7).setCellStyle(date);
      a.createCell(8).setCellValue("无");
      Row b = sh.createRow(2);
      b.createCell(0).setCellValue("W002");
      b.createCell(1).setCellValue("李四");
      b.createCell(2).setCellValue("fulltime");
      b.createCell(3).setCellValue("G002");
      b.createCell(7).setCellValue("2023/6/1");
      Row c = sh.createRow(3);
      c.createCell(0).setCellValue("W006");
      c.createCell(1).setCellValue("孙八");
      c.createCell(2).setCellValue("专属");
      c.createCell(3).setCellValue("G001");
      sh.createRow(4); // an empty row is skipped
      wb.write(out);
    }
  }

  private static List<Object[]> rows(Path lake, TableDef t) throws IOException {
    return ParquetRows.readFolder(LakeFs.open(lake.toString()), t.name(), t.columns());
  }

  private static Object[] byKey(List<Object[]> rows, String key) {
    return rows.stream().filter(r -> key.equals(r[0])).findFirst().orElseThrow();
  }

  private static List<String> rejectKeys(Path lake, String table) throws IOException {
    return ParquetRows.readFolder(
            LakeFs.open(lake.toString()), "rejects/" + table, LakeSchema.REJECTS.columns())
        .stream()
        .map(x -> x[2] + ":" + x[3] + ":" + x[4])
        .sorted()
        .toList();
  }
}
