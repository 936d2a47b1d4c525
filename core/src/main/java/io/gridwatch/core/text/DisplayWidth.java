package io.gridwatch.core.text;

/** Terminal column widths for aligned console tables that mix Chinese and Latin text. */
public final class DisplayWidth {
  private DisplayWidth() {}

  /** Columns a string occupies: East Asian wide and full-width characters count two. */
  public static int of(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += isWide(cp) ? 2 : 1;
    }
    return w;
  }

  /** Pads {@code s} with spaces on the right to {@code columns} display columns. */
  public static String padRight(String s, int columns) {
    return s + " ".repeat(Math.max(0, columns - of(s)));
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
