package io.gridwatch.ingest.reader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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

  /**
   * True when the stream is well-formed UTF-8 (what a strict JDK decoder accepts: no overlong
   * forms, no surrogates, nothing above U+10FFFF, no truncated sequence at the end). Validates
   * bytes directly (ASCII runs in a tight loop) instead of decoding.
   */
  static boolean isStrictUtf8(InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024 + 4];
    int carry = 0;
    while (true) {
      int n = in.read(buf, carry, buf.length - 4 - carry);
      if (n < 0) {
        return carry == 0;
      }
      int end = carry + n;
      int i = 0;
      while (i < end) {
        int b = buf[i];
        if (b >= 0) {
          i++;
          continue;
        }
        b &= 0xFF;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
          need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          need = 2;
          if (b == 0xE0) {
            lo = 0xA0;
          } else if (b == 0xED) {
            hi = 0x9F;
          }
        } else if (b >= 0xF0 && b <= 0xF4) {
          need = 3;
          if (b == 0xF0) {
            lo = 0x90;
          } else if (b == 0xF4) {
            hi = 0x8F;
          }
        } else {
          return false;
        }
        if (i + need >= end) {
          break; // incomplete here: carried into the next read (or invalid at the end)
        }
        int c1 = buf[i + 1] & 0xFF;
        if (c1 < lo || c1 > hi) {
          return false;
        }
        for (int k = 2; k <= need; k++) {
          int c = buf[i + k] & 0xFF;
          if (c < 0x80 || c > 0xBF) {
            return false;
          }
        }
        i += need + 1;
      }
      carry = end - i;
      System.arraycopy(buf, i, buf, 0, carry);
    }
  }
}
