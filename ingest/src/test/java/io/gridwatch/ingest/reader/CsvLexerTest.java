package io.gridwatch.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvLexer} and the raw-text fast path of {@link CsvRowSource} against commons-csv (the
 * oracle, {@code CSVFormat.DEFAULT} with empty lines kept) on random texts full of quotes, commas,
 * CR/LF/CRLF, blanks and CJK; seed printed.
 */
class CsvLexerTest {
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
  private static final String[] PIECES = {
    "a", "b1", "张三", " ", "\t", ",", ",", "\"", "\"\"", "\r", "\n", "\r\n", "#", "x y", "0", ""
  };

  /** Records with the line each starts on, or the text of the failure. */
  private static List<String> oracle(String text) {
    List<String> out = new ArrayList<>();
    try (CSVParser p =
        CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
      var it = p.iterator();
      while (true) {
        long line = p.getCurrentLineNumber() + 1;
        if (!it.hasNext()) {
          break;
        }
        CSVRecord r = it.next();
        out.add(line + ":" + String.join("|", r.values()));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      out.add("FAIL");
    }
    return out;
  }

  private static List<String> ours(String text) {
    List<String> out = new ArrayList<>();
    CsvLexer lx = new CsvLexer(new StringReader(text));
    try {
      while (true) {
        long line = lx.breaks() + 1;
        String[] r = lx.next();
        if (r == null) {
          break;
        }
        out.add(line + ":" + String.join("|", r));
      }
    } catch (IOException e) {
      out.add("FAIL");
    }
    return out;
  }

  @Test
  void splitsRecordsAndCountsLinesLikeCommonsCsv() {
    long seed = Long.getLong("gridwatch.test.seed", System.nanoTime());
    System.out.println("CsvLexerTest seed " + seed);
    Random rnd = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(14);
      for (int k = 0; k < n; k++) {
        sb.append(PIECES[rnd.nextInt(PIECES.length)]);
      }
      String text = sb.toString();
      List<String> want = oracle(text);
      List<String> got = ours(text);
      if (want.contains("FAIL")) {
        assertThat(got).as("seed %d, text %s", seed, escape(text)).contains("FAIL");
        // records before the failure agree
        assertThat(got.subList(0, got.indexOf("FAIL")))
            .isEqualTo(want.subList(0, Math.min(want.indexOf("FAIL"), got.indexOf("FAIL"))));
      } else {
        assertThat(got).as("seed %d, text %s", seed, escape(text)).isEqualTo(want);
      }
    }
  }

  @Test
  void longFieldsCrossTheBuffer() throws IOException {
    String big = "x".repeat(200_000);
    String text = "h1,h2\n" + big + ",\"" + big + "\"\"q\"\r\nlast,row";
    assertThat(ours(text)).isEqualTo(oracle(text));
  }

  @Test
  void rawTextEqualsCommonsCsvFormat() {
    long seed = Long.getLong("gridwatch.test.seed", System.nanoTime());
    System.out.println("CsvLexerTest raw seed " + seed);
    Random rnd = new Random(seed);
    String[] cellPieces = {
      "a", "Z9", "张", " ", "\t", ",", "\"", "\r", "\n", "#", "!", "$", "-", "é", ""
    };
    StringBuilder scratch = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      String[] cells = new String[1 + rnd.nextInt(5)];
      for (int c = 0; c < cells.length; c++) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
          sb.append(cellPieces[rnd.nextInt(cellPieces.length)]);
        }
        cells[c] = sb.toString();
      }
      assertThat(CsvRowSource.raw(cells, scratch))
          .as("seed %d", seed)
          .isEqualTo(FORMAT.format((Object[]) cells));
    }
  }

  @Test
  void unterminatedQuoteFails() {
    CsvLexer lx = new CsvLexer(new StringReader("a,\"open\nstill open"));
    assertThatThrownBy(lx::next).isInstanceOf(IOException.class).hasMessageContaining("EOF");
  }

  private static String escape(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
