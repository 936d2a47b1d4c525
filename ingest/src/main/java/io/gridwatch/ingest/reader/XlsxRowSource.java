package io.gridwatch.ingest.reader;

import io.gridwatch.core.lake.TableDef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads the first sheet of an XLSX workbook (Apache POI); the first non-empty row is the header.
 * Date-formatted cells become {@code LocalDateTime}; numbers are rendered without a trailing {@code
 * .0}. Line numbers are the sheet's row numbers as Excel shows them.
 */
public final class XlsxRowSource implements RowSource {
  private final String file;
  private final Workbook workbook;
  private final Iterator<Row> rows;
  private final HeaderMap header;

  /** Opens {@code path} (shown as {@code file} in rejects) for {@code table}. */
  public XlsxRowSource(Path path, String file, TableDef table) throws IOException {
    this.file = file;
    this.workbook = WorkbookFactory.create(path.toFile(), null, true);
    Sheet sheet = workbook.getSheetAt(0);
    this.rows = sheet.iterator();
    HeaderMap h = null;
    while (h == null && rows.hasNext()) {
      Row r = rows.next();
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < Math.max(0, r.getLastCellNum()); i++) {
        Object v = value(r.getCell(i));
        cells.add(v == null ? "" : v.toString());
      }
      if (!cells.stream().allMatch(String::isBlank)) {
        h = HeaderMap.of(table, cells);
      }
    }
    this.header = h;
  }

  @Override
  public SourceRow next() {
    if (header == null) {
      return null;
    }
    while (rows.hasNext()) {
      Row r = rows.next();
      Map<String, Object> values = new HashMap<>();
      List<String> raw = new ArrayList<>();
      boolean blank = true;
      for (int i = 0; i < Math.max(0, r.getLastCellNum()); i++) {
        Object v = value(r.getCell(i));
        String text = v == null ? "" : v.toString();
        raw.add(text);
        blank &= text.isBlank();
        String col = header.column(i);
        if (col != null && v != null) {
          values.put(col, v);
        }
      }
      if (!blank) {
        return new SourceRow(
            file, r.getRowNum() + 1L, values, CSVFormat.DEFAULT.format(raw.toArray()));
      }
    }
    return null;
  }

  private static Object value(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType t = cell.getCellType();
    if (t == CellType.FORMULA) {
      t = cell.getCachedFormulaResultType();
    }
    return switch (t) {
      case STRING -> cell.getStringCellValue().strip();
      case NUMERIC ->
          DateUtil.isCellDateFormatted(cell)
              ? cell.getLocalDateTimeCellValue()
              : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      default -> null;
    };
  }

  @Override
  public void close() throws IOException {
    workbook.close();
  }
}
