package io.gridwatch.ingest.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A CSV file with a header row (commons-csv, RFC 4180 quoting, LF line ends). */
final class CsvOut implements AutoCloseable {
  private final CSVPrinter printer;
  private long rows;

  CsvOut(Path file, Charset charset, List<String> header) throws IOException {
    BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), charset.newEncoder()), 1 << 16);
    this.printer =
        CSVFormat.DEFAULT
            .builder()
            .setRecordSeparator("\n")
            .setHeader(header.toArray(new String[0]))
            .get()
            .print(w);
  }

  /** Writes one row; nulls become empty cells. */
  void row(Object... values) throws IOException {
    printer.printRecord(values);
    rows++;
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
