package io.gridwatch.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.report.Book.Block;
import io.gridwatch.analytics.report.Book.Col;
import io.gridwatch.analytics.report.Book.Fmt;
import io.gridwatch.analytics.report.Book.Line;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POI writer on a hand-made {@link Book}: formats per column, CJK double width, frozen first
 * header, 无数据 row of an empty block, replacement of an existing file without leftovers.
 */
class XlsxWriterTest {
  private static final DataFormatter SHOWN = new DataFormatter(Locale.ROOT);

  private static Book book(List<Line> lines) {
    List<Col> cols =
        List.of(
            new Col("姓名", "name", Fmt.TEXT),
            new Col("得分", "score", Fmt.SCORE),
            new Col("金额", "amount", Fmt.MONEY),
            new Col("比率", "ratio", Fmt.RATIO),
            new Col("日期", "date", Fmt.DATE),
            new Col("人数", "count", Fmt.INT));
    return new Book(
        List.of(
            new Book.Sheet(
                "测试表",
                "标题 title",
                List.of(
                    new Block(null, cols, lines, List.of("说明 note")),
                    new Block("第二块 second", cols.subList(0, 2), List.of(), List.of())))));
  }

  @Test
  void writesFormatsWidthsFrozenHeaderAndNoDataRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/t.xlsx");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old content");
    XlsxWriter.write(
        book(
            List.of(
                Line.of(
                    "网格员甲乙丙丁戊己庚辛",
                    95.0,
                    new BigDecimal("39166.67"),
                    0.5,
                    LocalDate.of(2025, 4, 15),
                    12L),
                Line.of("W2", null, null, null, null, null).mark(Book.Mark.TOTAL))),
        file);
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheet("测试表");
      assertThat(SHOWN.formatCellValue(s.getRow(0).getCell(0))).isEqualTo("标题 title");
      assertThat(SHOWN.formatCellValue(s.getRow(1).getCell(0))).isEqualTo("姓名");
      assertThat(SHOWN.formatCellValue(s.getRow(2).getCell(0))).isEqualTo("name");
      assertThat(s.getPaneInformation().isFreezePane()).isTrue();
      assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
      Row r = s.getRow(3);
      String[] shown = new String[6];
      for (int c = 0; c < 6; c++) {
        shown[c] = SHOWN.formatCellValue(r.getCell(c));
      }
      assertThat(shown)
          .containsExactly("网格员甲乙丙丁戊己庚辛", "95.00", "39,166.67", "50.0%", "2025-04-15", "12");
      // 11 CJK characters = 22 columns wide (+ padding); the Latin-only column stays narrow
      assertThat(s.getColumnWidth(0)).isGreaterThanOrEqualTo(22 * 256);
      assertThat(s.getColumnWidth(5)).isLessThan(10 * 256);
      assertThat(wb.getFontAt(r.getCell(0).getCellStyle().getFontIndex()).getBold()).isFalse();
      assertThat(wb.getFontAt(s.getRow(4).getCell(0).getCellStyle().getFontIndex()).getBold())
          .isTrue();
      assertThat(SHOWN.formatCellValue(s.getRow(5).getCell(0))).isEqualTo("说明 note");
      // second block: caption, header, 无数据 no data
      assertThat(SHOWN.formatCellValue(s.getRow(7).getCell(0))).isEqualTo("第二块 second");
      assertThat(SHOWN.formatCellValue(s.getRow(8).getCell(1))).isEqualTo("得分");
      assertThat(SHOWN.formatCellValue(s.getRow(10).getCell(0))).isEqualTo(XlsxWriter.NO_DATA);
    }
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("t.xlsx");
    }
  }
}
