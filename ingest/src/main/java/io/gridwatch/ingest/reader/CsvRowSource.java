package io.gridwatch.ingest.reader;

import io.gridwatch.core.lake.TableDef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a comma-separated file with a header row (commons-csv, RFC 4180 quoting). A leading BOM
 * is skipped. Line numbers are physical lines of the first line of each record.
 */
public final class CsvRowSource implements RowSource {
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

  private final String file;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final HeaderMap header;

  /**
   * Opens {@code path} (shown as {@code file} in rejects) for {@code table}; {@code charset} null
   * means detect ({@link EncodingDetector}).
   */
  public CsvRowSource(Path path, String file, TableDef table, Charset charset) throws IOException {
    this.file = file;
    Charset cs = charset != null ? charset : EncodingDetector.detect(path);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(path), cs));
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    this.records = parser.iterator();
    this.header = records.hasNext() ? HeaderMap.of(table, records.next().toList()) : null;
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
      long line = parser.getCurrentLineNumber() + 1;
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord r = records.next();
      List<String> cells = r.toList();
      if (cells.stream().allMatch(String::isBlank)) {
        continue;
      }
      Map<String, Object> values = new HashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        String col = header.column(i);
        if (col != null) {
          values.put(col, cells.get(i).strip());
        }
      }
      return new SourceRow(file, line, values, FORMAT.format(cells.toArray()));
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
