package io.gridwatch.mapservice.export;

import io.gridwatch.store.query.AssessmentQueries.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes an API result table as CSV (UTF-8 with BOM so Excel opens Chinese text, RFC 4180, the
 * English column names) or XLSX (one sheet, Chinese headers, number formats, frozen header row,
 * sized columns). Labels come from {@link ExportLabels}.
 */
public final class TableExport {
  /** Media type of CSV downloads. */
  public static final String CSV = "text/csv; charset=utf-8";

  /** Media type of XLSX downloads. */
  public static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private TableExport() {}

  /** The table as CSV bytes: BOM, header of column names, one record per row. */
  public static byte[] csv(Table table) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CSVPrinter p =
        new CSVPrinter(
            new OutputStreamWriter(out, StandardCharsets.UTF_8),
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      p.printRecord(table.columns());
      for (List<Object> row : table.rows()) {
        p.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The table as an XLSX workbook with one sheet named {@code sheetName}: Chinese headers, grades
   * as Chinese labels, scores with 2 decimals and money with 2 decimals.
   */
  public static byte[] xlsx(Table table, String sheetName) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet(sheetName);
      CellStyle header = wb.createCellStyle();
      Font bold = wb.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle decimal = wb.createCellStyle();
      decimal.setDataFormat(wb.createDataFormat().getFormat("0.00"));
      CellStyle percent = wb.createCellStyle();
      percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      List<String> cols = table.columns();
      Row h = sheet.createRow(0);
      for (int i = 0; i < cols.size(); i++) {
        Cell c = h.createCell(i);
        c.setCellValue(ExportLabels.header(cols.get(i)));
        c.setCellStyle(header);
      }
      int r = 1;
      for (List<Object> row : table.rows()) {
        Row x = sheet.createRow(r++);
        for (int i = 0; i < cols.size(); i++) {
          Object v = row.get(i);
          if (v == null) {
            continue;
          }
          Cell c = x.createCell(i);
          String col = cols.get(i);
          if (v instanceof Number n) {
            c.setCellValue(n.doubleValue());
            if (ExportLabels.isRatio(col)) {
              c.setCellStyle(percent);
            } else if (v instanceof Double || v instanceof java.math.BigDecimal) {
              c.setCellStyle(decimal);
            }
          } else if (v instanceof Boolean b) {
            c.setCellValue(b ? "是" : "否");
          } else if (v instanceof LocalDate d) {
            c.setCellValue(d);
            c.setCellStyle(date);
          } else {
            c.setCellValue(ExportLabels.value(col, v.toString()));
          }
        }
      }
      sheet.createFreezePane(0, 1);
      for (int i = 0; i < cols.size(); i++) {
        sheet.setColumnWidth(i, width(table, i));
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Column width in 1/256 characters: the widest of header and values, CJK counted twice. */
  private static int width(Table table, int i) {
    int w = display(ExportLabels.header(table.columns().get(i)));
    for (List<Object> row : table.rows()) {
      Object v = row.get(i);
      if (v != null) {
        w = Math.max(w, display(ExportLabels.value(table.columns().get(i), v.toString())));
      }
    }
    return Math.min(60, w + 2) * 256;
  }

  private static int display(String s) {
    int w = 0;
    for (int k = 0; k < s.length(); k++) {
      w += s.charAt(k) > 0x2E80 ? 2 : 1;
    }
    return w;
  }

  /** Content-Disposition value for a download named {@code file} (ASCII name). */
  public static String attachment(String file) {
    return "attachment; filename=\"" + file + "\"";
  }
}
