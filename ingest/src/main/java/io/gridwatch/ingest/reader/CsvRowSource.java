package io.gridwatch.ingest.reader;

import io.gridwatch.core.lake.TableDef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;

/**
 * Streams a comma-separated file with a header row (RFC 4180 quoting as commons-csv's {@code
 * DEFAULT}, split by {@link CsvLexer}). A leading BOM is skipped. Line numbers are physical lines
 * of the first line of each record. Malformed quoting fails with an {@link IOException}.
 */
public final class CsvRowSource implements RowSource {
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

  private final String file;
  private final BufferedReader reader;
  private final CsvLexer lexer;
  private final HeaderMap header;
  private final ColumnValues.Layout layout;
  private final int[] columnOfCell;
  private final StringBuilder rawText = new StringBuilder(256);

  /**
   * Opens {@code path} (shown as {@code file} in rejects) for {@code table}; {@code charset} null
   * means detect ({@link EncodingDetector}).
   */
  public CsvRowSource(Path path, String file, TableDef table, Charset charset) throws IOException {
    this.file = file;
    Charset cs = charset != null ? charset : EncodingDetector.detect(path);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(path), cs));
    this.reader = reader;
    try {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      this.lexer = new CsvLexer(reader);
      String[] head = record();
      this.header = head == null ? null : HeaderMap.of(table, java.util.Arrays.asList(head));
    } catch (IOException | RuntimeException e) {
      // nobody else can close the reader of a source that was never returned
      try {
        reader.close();
      } catch (IOException s) {
        e.addSuppressed(s);
      }
      throw e;
    }
    this.layout = new ColumnValues.Layout(table);
    int n = header == null ? 0 : header.columns().size();
    this.columnOfCell = new int[n];
    for (int i = 0; i < n; i++) {
      columnOfCell[i] = layout.indexOf(header.column(i));
    }
  }

  /** The header mapping (null for an empty file). */
  public HeaderMap header() {
    return header;
  }

  @Override
  public SourceRow next() throws IOException {
    if (header == null) {
      return null;
    }
    while (true) {
      long line = lexer.breaks() + 1;
      String[] cells = record();
      if (cells == null) {
        return null;
      }
      if (allBlank(cells)) {
        continue;
      }
      Object[] values = new Object[layout.size()];
      for (int i = 0; i < cells.length && i < columnOfCell.length; i++) {
        int col = columnOfCell[i];
        if (col >= 0) {
          values[col] = cells[i].strip();
        }
      }
      return new SourceRow(file, line, new ColumnValues(layout, values), raw(cells));
    }
  }

  private String[] record() throws IOException {
    try {
      return lexer.next();
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static boolean allBlank(String[] cells) {
    for (String c : cells) {
      if (!c.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The row as {@code FORMAT.format(cells)} would print it: cells that no quoting rule can touch
   * are joined by commas directly; any other row goes through commons-csv.
   */
  private String raw(String[] cells) {
    return raw(cells, rawText);
  }

  /** {@link #raw(String[])} with a scratch builder (package-private for tests). */
  static String raw(String[] cells, StringBuilder sb) {
    sb.setLength(0);
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      if (!plainCell(c, i == 0)) {
        return FORMAT.format((Object[]) cells);
      }
      if (i > 0) {
        sb.append(',');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * True when commons-csv's minimal quoting leaves the cell as it is: no delimiter, quote, CR or
   * LF, no leading char ≤ {@code '#'} (nor, for the first cell, anything but an ASCII letter or
   * digit first), no trailing char ≤ space, and not an empty first cell.
   */
  static boolean plainCell(String c, boolean first) {
    int n = c.length();
    if (n == 0) {
      return !first;
    }
    char c0 = c.charAt(0);
    if (first
        ? !((c0 >= '0' && c0 <= '9') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z'))
        : c0 <= '#') {
      return false;
    }
    if (c.charAt(n - 1) <= ' ') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char ch = c.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
