package io.gridwatch.ingest.reader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Detects the encoding of a text file: UTF-8 when it starts with a UTF-8 BOM or decodes as strict
 * UTF-8 from start to end, GB18030 (a superset of GBK and GB2312) otherwise. Streams the file once;
 * memory use is constant.
 */
public final class EncodingDetector {
  private EncodingDetector() {}

  /** The GB18030 charset, used for anything that is not valid UTF-8. */
  public static final Charset GB18030 = Charset.forName("GB18030");

  /** UTF-8 or GB18030 as described in the class comment. */
  public static Charset detect(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return isStrictUtf8(in) ? StandardCharsets.UTF_8 : GB18030;
    }
  }

  private static boolean isStrictUtf8(InputStream in) throws IOException {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    CharBuffer chars = CharBuffer.allocate(64 * 1024);
    byte[] buf = new byte[32 * 1024];
    while (true) {
      int n = in.read(buf, 0, Math.min(buf.length, bytes.remaining()));
      boolean eof = n < 0;
      if (!eof) {
        bytes.put(buf, 0, n);
      }
      bytes.flip();
      CoderResult r = dec.decode(bytes, chars, eof);
      if (r.isError()) {
        return false;
      }
      chars.clear();
      bytes.compact();
      if (eof) {
        bytes.flip();
        if (bytes.hasRemaining()) {
          return false;
        }
        return !dec.flush(chars).isError();
      }
    }
  }
}
