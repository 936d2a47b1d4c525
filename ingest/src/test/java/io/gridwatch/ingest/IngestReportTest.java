package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.text.DisplayWidth;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestReportTest {
  @Test
  void tableIsFixedWidthCountingChineseAsTwoColumns() {
    IngestReport r =
        new IngestReport(
            "run-1",
            List.of(
                new IngestReport.TableResult("grids", "grids.geojson", 4, 3, 0, 0, 1),
                new IngestReport.TableResult("patrols", "patrols.csv", 120000, 119990, 2, 1, 7)),
            List.of(),
            true,
            false);
    String[] lines = r.toTable().split("\n");
    assertThat(lines[0]).startsWith("表 table").contains("读取 read").endsWith("拒绝 rejected");
    int w = DisplayWidth.of(lines[0]);
    for (int i = 1; i <= 5; i++) {
      assertThat(DisplayWidth.of(lines[i])).as(lines[i]).isEqualTo(w);
    }
    assertThat(lines[3]).startsWith("patrols").endsWith(" 7").contains(" 120000 ");
    assertThat(lines[5]).startsWith("合计 total").contains("120004").endsWith(" 8");
    assertThat(r.rejectedTotal()).isEqualTo(8);
    assertThat(r.failed()).isTrue();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.toTable()).contains("run-1").contains("strict mode");
  }
}
