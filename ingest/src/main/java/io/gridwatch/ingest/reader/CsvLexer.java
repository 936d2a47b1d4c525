package io.gridwatch.ingest.reader;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;

/**
 * A fast RFC 4180 record splitter with exactly the behaviour ingest relied on from commons-csv's
 * {@code CSVFormat.DEFAULT} with empty lines kept: {@code ,} delimiter, {@code "} quotes (only at
 * the start of a field, {@code ""} inside), CR, LF and CRLF end a record, whitespace allowed
 * between a closing quote and the delimiter, an empty line is a record of one empty field, and a
 * malformed quoted field throws. Physical line breaks are counted (CR, LF, CRLF = one) so that the
 * start line of each record is known. Scans a char buffer instead of building every field char by
 * char. Hand-written because this is the ingest hot path (commons-csv's per-char field building was
 * a fifth of the province ingest's CPU); commons-csv remains the oracle in {@code CsvLexerTest}.
 */
final class CsvLexer {
  private static final int EOF = -1;

  private final Reader in;
  private final char[] buf = new char[64 * 1024];
  private int pos;
  private int lim;
  private long breaks;
  private final StringBuilder sb = new StringBuilder(64);
  private final ArrayList<String> fields = new ArrayList<>(16);

  CsvLexer(Reader in) {
    this.in = in;
  }

  /** Line breaks consumed so far: the next record starts on line {@code breaks() + 1}. */
  long breaks() {
    return breaks;
  }

  /** The next record's fields, or null at the end of the input. */
  String[] next() throws IOException {
    int c = read();
    if (c == EOF) {
      return null;
    }
    fields.clear();
    while (true) {
      // c is the first char of a field
      if (c == ',') {
        fields.add("");
        c = read();
        continue;
      }
      if (c == '\r' || c == '\n') {
        endOfLine(c);
        fields.add("");
        return done();
      }
      if (c == EOF) {
        fields.add("");
        return done();
      }
      int end;
      if (c == '"') {
        fields.add(quoted());
        end = afterQuote();
      } else {
        end = simple(c);
      }
      if (end == ',') {
        c = read();
        continue;
      }
      if (end != EOF) {
        endOfLine(end);
      }
      return done();
    }
  }

  private String[] done() {
    return fields.toArray(new String[0]);
  }

  /** Reads an unquoted field starting with {@code first}; returns its terminator. */
  private int simple(int first) throws IOException {
    int start = pos - 1;
    sb.setLength(0);
    boolean spilled = false;
    while (true) {
      int i = pos;
      while (i < lim) {
        char ch = buf[i];
        if (ch == ',' || ch == '\r' || ch == '\n') {
          break;
        }
        i++;
      }
      if (i < lim) {
        String v =
            spilled
                ? sb.append(buf, start, i - start).toString()
                : new String(buf, start, i - start);
        fields.add(v);
        pos = i + 1;
        return buf[i];
      }
      sb.append(buf, start, lim - start);
      spilled = true;
      if (!fill()) {
        fields.add(sb.toString());
        return EOF;
      }
      start = 0;
    }
  }

  /** Reads a quoted field after its opening quote, up to and including the closing quote. */
  private String quoted() throws IOException {
    sb.setLength(0);
    int prev = '"';
    while (true) {
      int d = read();
      if (d == EOF) {
        throw new IOException(
            "EOF reached before encapsulated token finished (line " + (breaks + 1) + ")");
      }
      if (d == '"') {
        if (peek() == '"') {
          pos++;
          sb.append('"');
          prev = '"';
          continue;
        }
        return sb.toString();
      }
      if (d == '\r' || (d == '\n' && prev != '\r')) {
        breaks++;
      }
      sb.append((char) d);
      prev = d;
    }
  }

  /** After a closing quote: skips whitespace up to the terminator, which it returns. */
  private int afterQuote() throws IOException {
    while (true) {
      int d = read();
      if (d == ',' || d == EOF || d == '\r' || d == '\n') {
        return d;
      }
      if (!Character.isWhitespace((char) d)) {
        throw new IOException(
            "invalid char between encapsulated token and delimiter (line " + (breaks + 1) + ")");
      }
    }
  }

  /** Counts the line break {@code c} (CR, LF) and swallows the LF of a CRLF. */
  private void endOfLine(int c) throws IOException {
    breaks++;
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
  }

  private int read() throws IOException {
    if (pos >= lim && !fill()) {
      return EOF;
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos >= lim && !fill()) {
      return EOF;
    }
    return buf[pos];
  }

  /** Refills the whole buffer (the unread part is empty); false at end of input. */
  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      pos = lim = 0;
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }
}
