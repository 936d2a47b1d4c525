package io.gridwatch.ingest.merge;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.ingest.lake.LakeFs;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The scratch format of validated rows between reading and merging: a plain binary stream of
 * length-prefixed records (line, raw text, then every column value), written and read once, in
 * order. Much cheaper than Parquet for data that is read back exactly once; values round-trip
 * exactly (instants to the nanosecond). The source file is implied by the spill file, not stored.
 */
public final class SpillFile {
  private SpillFile() {}

  private static final int BUFFER = 32 * 1024;

  private static final byte NULL = 0;
  private static final byte PRESENT = 1;

  /** A streaming writer of one spill file. */
  public static final class Writer implements Closeable {
    private final OutputStream out;
    private final ColumnType[] types;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private byte[] rec = new byte[1024];
    private int len;
    private long rows;

    /** Creates {@code file} (lake-relative) for rows of {@code columns}. */
    public Writer(LakeFs lake, String file, List<Column> columns) throws IOException {
      this.out = lake.createFile(file);
      this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    }

    /** Appends one row (values in column order) with its source line and raw text. */
    public void write(Object[] row, long line, String raw) throws IOException {
      len = 0;
      varLong(line);
      string(raw);
      for (int i = 0; i < types.length; i++) {
        Object v = row[i];
        if (v == null) {
          ensure(1);
          rec[len++] = NULL;
          continue;
        }
        ensure(1);
        rec[len++] = PRESENT;
        switch (types[i]) {
          case STRING -> string((String) v);
          case INT -> int32((Integer) v);
          case LONG -> int64((Long) v);
          case DOUBLE -> int64(Double.doubleToRawLongBits((Double) v));
          case BOOLEAN -> {
            ensure(1);
            rec[len++] = (byte) (((Boolean) v) ? 1 : 0);
          }
          case DATE -> int64(((LocalDate) v).toEpochDay());
          case TIMESTAMP -> {
            Instant t = (Instant) v;
            int64(t.getEpochSecond());
            int32(t.getNano());
          }
          case GEOMETRY -> bytes((byte[]) v);
        }
      }
      // frame: varint payload length, payload
      if (pos + 5 + len > buf.length) {
        flushBuffer();
        if (5 + len > buf.length) {
          buf = new byte[5 + len];
        }
      }
      int n = len;
      while ((n & ~0x7F) != 0) {
        buf[pos++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      buf[pos++] = (byte) n;
      System.arraycopy(rec, 0, buf, pos, len);
      pos += len;
      rows++;
    }

    /** Rows written so far. */
    public long rows() {
      return rows;
    }

    private void flushBuffer() throws IOException {
      if (pos > 0) {
        out.write(buf, 0, pos);
        pos = 0;
      }
    }

    private void ensure(int n) {
      if (len + n > rec.length) {
        rec = java.util.Arrays.copyOf(rec, Math.max(rec.length * 2, len + n));
      }
    }

    private void varLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        rec[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      rec[len++] = (byte) v;
    }

    private void int32(int v) {
      ensure(4);
      rec[len++] = (byte) (v >>> 24);
      rec[len++] = (byte) (v >>> 16);
      rec[len++] = (byte) (v >>> 8);
      rec[len++] = (byte) v;
    }

    private void int64(long v) {
      int32((int) (v >>> 32));
      int32((int) v);
    }

    private void string(String s) {
      bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] b) {
      varLong(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, rec, len, b.length);
      len += b.length;
    }

    @Override
    public void close() throws IOException {
      try {
        flushBuffer();
      } finally {
        out.close();
      }
    }
  }

  /** One row read back: values in column order, source line and raw text. */
  public record Row(Object[] values, long line, String raw) {}

  /** A streaming reader of one spill file. */
  public static final class Reader implements Closeable {
    private final InputStream in;
    private final ColumnType[] types;
    private byte[] buf = new byte[BUFFER * 2];
    private int pos;
    private int end;

    /** Opens {@code file} (lake-relative), written with the same {@code columns}. */
    public Reader(LakeFs lake, String file, List<Column> columns) throws IOException {
      this.in = lake.openFile(file);
      this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    }

    /** The next row, or null at the end of the file. */
    public Row next() throws IOException {
      if (!fill(1)) {
        return null;
      }
      fill(5);
      int n = (int) varLong();
      if (!fill(n)) {
        throw new EOFException("truncated spill record");
      }
      long line = varLong();
      String raw = string();
      Object[] row = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        if (buf[pos++] == NULL) {
          continue;
        }
        row[i] =
            switch (types[i]) {
              case STRING -> string();
              case INT -> int32();
              case LONG -> int64();
              case DOUBLE -> Double.longBitsToDouble(int64());
              case BOOLEAN -> buf[pos++] != 0;
              case DATE -> LocalDate.ofEpochDay(int64());
              case TIMESTAMP -> {
                long sec = int64();
                yield Instant.ofEpochSecond(sec, int32());
              }
              case GEOMETRY -> bytes();
            };
      }
      return new Row(row, line, raw);
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false at end of input. */
    private boolean fill(int n) throws IOException {
      if (end - pos >= n) {
        return true;
      }
      if (n > buf.length) {
        byte[] b = new byte[Math.max(n, buf.length * 2)];
        System.arraycopy(buf, pos, b, 0, end - pos);
        end -= pos;
        pos = 0;
        buf = b;
      } else if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, end - pos);
        end -= pos;
        pos = 0;
      }
      while (end < n) {
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          return false;
        }
        end += r;
      }
      return true;
    }

    private long varLong() {
      long v = 0;
      int shift = 0;
      while (true) {
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
        shift += 7;
      }
    }

    private int int32() {
      int v =
          ((buf[pos] & 0xFF) << 24)
              | ((buf[pos + 1] & 0xFF) << 16)
              | ((buf[pos + 2] & 0xFF) << 8)
              | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    private long int64() {
      long hi = int32();
      long lo = int32() & 0xFFFFFFFFL;
      return (hi << 32) | lo;
    }

    private String string() {
      int n = (int) varLong();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    private byte[] bytes() {
      int n = (int) varLong();
      byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
