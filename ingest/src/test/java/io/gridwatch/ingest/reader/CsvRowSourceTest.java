package io.gridwatch.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.lake.LakeSchema;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowSourceTest {
  @TempDir Path tmp;

  private List<SourceRow> readAll(Path f, Charset cs) throws IOException {
    List<SourceRow> out = new ArrayList<>();
    try (CsvRowSource src = new CsvRowSource(f, "w.csv", LakeSchema.WORKERS, cs)) {
      for (SourceRow r = src.next(); r != null; r = src.next()) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void detectsGbkAndMapsChineseHeaders() throws IOException {
    Path f = tmp.resolve("w.csv");
    Files.write(f, " 网格员编号 ,姓名,未知列\nW001,张三,x\n".getBytes(Charset.forName("GBK")));
    assertThat(EncodingDetector.detect(f)).isEqualTo(EncodingDetector.GB18030);
    List<SourceRow> rows = readAll(f, null);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).values()).containsEntry("worker_id", "W001").containsEntry("name", "张三");
    assertThat(rows.get(0).values()).hasSize(2);
  }

  @Test
  void utf8WithBomAndPhysicalLineNumbers() throws IOException {
    Path f = tmp.resolve("w.csv");
    String text = "\uFEFFworker_id,name\r\nW001,\"多行\r\n姓名\"\r\n\r\n,\r\nW002,李四\r\n";
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    assertThat(EncodingDetector.detect(f)).isEqualTo(StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(f, null);
    assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 6L);
    assertThat(rows.get(0).values())
        .containsEntry("worker_id", "W001")
        .containsEntry("name", "多行\r\n姓名");
    assertThat(rows.get(1).raw()).isEqualTo("W002,李四");
  }

  @Test
  void forcedEncodingWins() throws IOException {
    Path f = tmp.resolve("w.csv");
    Files.write(f, "worker_id,name\nW001,张三\n".getBytes(StandardCharsets.UTF_8));
    List<SourceRow> rows = readAll(f, Charset.forName("GBK"));
    assertThat(rows.get(0).values().get("name")).isNotEqualTo("张三");
  }
}
