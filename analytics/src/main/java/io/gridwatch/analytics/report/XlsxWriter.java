package io.gridwatch.analytics.report;

import io.gridwatch.analytics.report.Book.Block;
import io.gridwatch.analytics.report.Book.Col;
import io.gridwatch.analytics.report.Book.Fmt;
import io.gridwatch.analytics.report.Book.Line;
import io.gridwatch.analytics.report.Book.Mark;
import io.gridwatch.core.text.DisplayWidth;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a {@link Book} as an XLSX workbook with Apache POI (no Spark): a title row, per block a
 * caption, a Chinese and an English header row, the data and notes; number formats per column
 * ({@code 0.00}, {@code #,##0.00}, {@code 0.0%}, {@code yyyy-mm-dd}), columns sized to their text
 * (CJK counted double width), the first block's header frozen and repeated on printed pages,
 * landscape fit to width. The file appears only complete: written to a temporary file beside it,
 * then renamed.
 */
public final class XlsxWriter {
  private XlsxWriter() {}

  /** Excel data formats of {@link Fmt}. */
  public static final Map<Fmt, String> FORMATS =
      Map.of(
          Fmt.TEXT, "@",
          Fmt.INT, "0",
          Fmt.SCORE, "0.00",
          Fmt.MONEY, "#,##0.00",
          Fmt.RATIO, "0.0%",
          Fmt.DATE, "yyyy-mm-dd");

  /** Text of an empty block's only row. */
  public static final String NO_DATA = "无数据 no data";

  private static final int MAX_WIDTH = 50;

  private static final int SHORT_TEXT = 8;

  /**
   * Writes {@code book} to {@code out} (parent folders created) through a temporary file in the
   * same folder renamed into place, so a crash never leaves a half-written workbook.
   */
  public static void write(Book book, Path out) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    // a fresh name (not Files.createTempFile: the workbook keeps the umask's permissions)
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (XSSFWorkbook wb = toWorkbook(book);
          OutputStream os =
              Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        wb.write(os);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The workbook of {@code book} in memory (the caller closes it). */
  public static XSSFWorkbook toWorkbook(Book book) {
    XSSFWorkbook wb = new XSSFWorkbook();
    Styles styles = new Styles(wb);
    for (Book.Sheet s : book.sheets()) {
      writeSheet(wb.createSheet(s.name()), s, styles);
    }
    return wb;
  }

  private static void writeSheet(XSSFSheet sheet, Book.Sheet s, Styles st) {
    int[] widths = widths(s);
    for (int c = 0; c < widths.length; c++) {
      sheet.setColumnWidth(c, widths[c] * 256 + 128);
    }
    int span = widths.length;
    int r = 0;
    textRow(sheet, r++, s.title(), span, widths, st.title, 20f);
    int frozen = -1;
    for (int b = 0; b < s.blocks().size(); b++) {
      Block block = s.blocks().get(b);
      int n = block.columns().size();
      if (b > 0) {
        r++;
      }
      if (block.caption() != null) {
        textRow(sheet, r++, block.caption(), n, widths, st.caption, 15f);
      }
      int headerStart = r;
      Row zh = sheet.createRow(r++);
      Row en = sheet.createRow(r++);
      int enLines = 1;
      for (int c = 0; c < n; c++) {
        Col col = block.columns().get(c);
        Cell z = zh.createCell(c);
        z.setCellValue(col.zh());
        z.setCellStyle(st.headerZh);
        Cell e = en.createCell(c);
        e.setCellValue(col.en());
        e.setCellStyle(st.headerEn);
        enLines = Math.max(enLines, lines(DisplayWidth.of(col.en()), widths[c]));
      }
      en.setHeightInPoints(12f * enLines + 2f);
      if (frozen < 0) {
        frozen = r;
        sheet.setRepeatingRows(new CellRangeAddress(headerStart, r - 1, 0, n - 1));
      }
      if (block.isEmpty()) {
        textRow(sheet, r++, NO_DATA, n, widths, st.noData, 15f);
      }
      boolean[] centered = centered(block);
      for (Line line : block.lines()) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < n; c++) {
          Object v = c < line.cells().size() ? line.cells().get(c) : null;
          Fmt fmt = v instanceof String ? Fmt.TEXT : block.columns().get(c).fmt();
          Cell cell = row.createCell(c);
          set(cell, v);
          cell.setCellStyle(st.data(fmt, centered[c], line.mark(), line.quotaLine()));
        }
      }
      for (String note : block.notes()) {
        textRow(sheet, r++, note, n, widths, st.note, 13f);
      }
    }
    sheet.createFreezePane(0, Math.max(frozen, 1));
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    PrintSetup ps = sheet.getPrintSetup();
    ps.setLandscape(true);
    ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
    ps.setFitWidth((short) 1);
    ps.setFitHeight((short) 0);
  }

  /** Text columns of short codes (grades, 是/否, statuses, ids) are centred. */
  private static boolean[] centered(Block block) {
    boolean[] out = new boolean[block.columns().size()];
    for (int c = 0; c < out.length; c++) {
      if (block.columns().get(c).fmt() != Fmt.TEXT) {
        continue;
      }
      boolean shortText = true;
      for (Line line : block.lines()) {
        Object v = c < line.cells().size() ? line.cells().get(c) : null;
        if (v != null && DisplayWidth.of(v.toString()) > SHORT_TEXT && line.mark() != Mark.TOTAL) {
          shortText = false;
          break;
        }
      }
      out[c] = shortText;
    }
    return out;
  }

  private static void set(Cell cell, Object v) {
    if (v == null) {
      cell.setBlank();
    } else if (v instanceof Number num) {
      cell.setCellValue(num.doubleValue());
    } else if (v instanceof LocalDate d) {
      cell.setCellValue(d);
    } else if (v instanceof Boolean b) {
      cell.setCellValue(Labels.yesNo(b));
    } else {
      cell.setCellValue(v.toString());
    }
  }

  /** A merged text row across {@code span} columns, tall enough for its wrapped text. */
  private static void textRow(
      XSSFSheet sheet,
      int r,
      String text,
      int span,
      int[] widths,
      XSSFCellStyle style,
      float lineHeight) {
    Row row = sheet.createRow(r);
    Cell cell = row.createCell(0);
    cell.setCellValue(text);
    cell.setCellStyle(style);
    int n = Math.max(1, Math.min(span, widths.length));
    if (n > 1) {
      for (int c = 1; c < n; c++) {
        row.createCell(c).setCellStyle(style);
      }
      sheet.addMergedRegion(new CellRangeAddress(r, r, 0, n - 1));
    }
    int room = 0;
    for (int c = 0; c < n; c++) {
      room += widths[c];
    }
    row.setHeightInPoints(lineHeight * lines((int) (DisplayWidth.of(text) * 1.1), room) + 2f);
  }

  private static int lines(int textWidth, int room) {
    return Math.max(1, (textWidth + Math.max(1, room) - 1) / Math.max(1, room));
  }

  /** Column widths in characters: the widest header or cell text of that column, CJK double. */
  static int[] widths(Book.Sheet s) {
    int n = 0;
    for (Block b : s.blocks()) {
      n = Math.max(n, b.columns().size());
    }
    int[] w = new int[n];
    for (Block b : s.blocks()) {
      for (int c = 0; c < b.columns().size(); c++) {
        Col col = b.columns().get(c);
        w[c] = Math.max(w[c], DisplayWidth.of(col.zh()) + 2);
        w[c] = Math.max(w[c], longestWord(col.en()) + 1);
        for (Line line : b.lines()) {
          Object v = c < line.cells().size() ? line.cells().get(c) : null;
          w[c] = Math.max(w[c], DisplayWidth.of(display(v, col.fmt())) + 2);
        }
      }
    }
    for (int c = 0; c < n; c++) {
      w[c] = Math.min(MAX_WIDTH, Math.max(6, w[c]));
    }
    return w;
  }

  private static int longestWord(String text) {
    int max = 0;
    for (String word : text.split(" ")) {
      max = Math.max(max, DisplayWidth.of(word));
    }
    return max;
  }

  /** The text a cell shows (close enough for sizing). */
  static String display(Object v, Fmt fmt) {
    if (v == null) {
      return "";
    }
    if (v instanceof Number num && !(v instanceof BigDecimal && fmt == Fmt.TEXT)) {
      double d = num.doubleValue();
      return switch (fmt) {
        case INT -> String.format(Locale.ROOT, "%.0f", d);
        case SCORE -> String.format(Locale.ROOT, "%.2f", d);
        case MONEY -> String.format(Locale.ROOT, "%,.2f", d);
        case RATIO -> String.format(Locale.ROOT, "%.1f%%", d * 100);
        case TEXT, DATE -> num.toString();
      };
    }
    return v.toString();
  }

  /** The cell styles of one workbook, created once each. */
  private static final class Styles {
    private final XSSFWorkbook wb;
    private final Map<String, XSSFCellStyle> data = new HashMap<>();
    final XSSFCellStyle title;
    final XSSFCellStyle caption;
    final XSSFCellStyle headerZh;
    final XSSFCellStyle headerEn;
    final XSSFCellStyle note;
    final XSSFCellStyle noData;
    private final XSSFFont bold;

    Styles(XSSFWorkbook wb) {
      this.wb = wb;
      bold = wb.createFont();
      bold.setBold(true);
      XSSFFont titleFont = wb.createFont();
      titleFont.setBold(true);
      titleFont.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(titleFont);
      title.setWrapText(true);
      title.setVerticalAlignment(VerticalAlignment.CENTER);
      caption = wb.createCellStyle();
      caption.setFont(bold);
      caption.setWrapText(true);
      caption.setVerticalAlignment(VerticalAlignment.CENTER);
      headerZh = header(bold);
      XSSFFont small = wb.createFont();
      small.setFontHeightInPoints((short) 9);
      small.setItalic(true);
      small.setColor(new XSSFColor(new byte[] {0x40, 0x40, 0x40}, null));
      headerEn = header(small);
      headerEn.setWrapText(true);
      XSSFFont grey = wb.createFont();
      grey.setFontHeightInPoints((short) 9);
      grey.setColor(new XSSFColor(new byte[] {0x59, 0x59, 0x59}, null));
      note = wb.createCellStyle();
      note.setFont(grey);
      note.setWrapText(true);
      note.setVerticalAlignment(VerticalAlignment.TOP);
      XSSFFont greyItalic = wb.createFont();
      greyItalic.setItalic(true);
      greyItalic.setColor(new XSSFColor(new byte[] {0x59, 0x59, 0x59}, null));
      noData = wb.createCellStyle();
      noData.setFont(greyItalic);
      noData.setAlignment(HorizontalAlignment.CENTER);
      borders(noData);
    }

    private XSSFCellStyle header(XSSFFont font) {
      XSSFCellStyle s = wb.createCellStyle();
      s.setFont(font);
      s.setAlignment(HorizontalAlignment.CENTER);
      s.setVerticalAlignment(VerticalAlignment.CENTER);
      s.setFillForegroundColor(
          new XSSFColor(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2}, null));
      s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      borders(s);
      return s;
    }

    private static void borders(XSSFCellStyle s) {
      s.setBorderTop(BorderStyle.THIN);
      s.setBorderBottom(BorderStyle.THIN);
      s.setBorderLeft(BorderStyle.THIN);
      s.setBorderRight(BorderStyle.THIN);
    }

    XSSFCellStyle data(Fmt fmt, boolean centered, Mark mark, boolean quotaLine) {
      return data.computeIfAbsent(
          fmt + "|" + centered + "|" + mark + "|" + quotaLine,
          k -> {
            XSSFCellStyle s = wb.createCellStyle();
            borders(s);
            s.setDataFormat(wb.createDataFormat().getFormat(FORMATS.get(fmt)));
            s.setVerticalAlignment(VerticalAlignment.CENTER);
            s.setAlignment(
                switch (fmt) {
                  case TEXT -> centered ? HorizontalAlignment.CENTER : HorizontalAlignment.LEFT;
                  case DATE -> HorizontalAlignment.CENTER;
                  default -> HorizontalAlignment.RIGHT;
                });
            if (mark == Mark.HIGHLIGHT) {
              s.setFillForegroundColor(
                  new XSSFColor(new byte[] {(byte) 0xFF, (byte) 0xE6, (byte) 0x99}, null));
              s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            } else if (mark == Mark.TOTAL) {
              s.setFont(bold);
              s.setFillForegroundColor(
                  new XSSFColor(new byte[] {(byte) 0xF2, (byte) 0xF2, (byte) 0xF2}, null));
              s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
            if (quotaLine) {
              s.setBorderBottom(BorderStyle.THICK);
              s.setBottomBorderColor(new XSSFColor(new byte[] {(byte) 0xC0, 0x00, 0x00}, null));
            }
            return s;
          });
    }
  }
}
