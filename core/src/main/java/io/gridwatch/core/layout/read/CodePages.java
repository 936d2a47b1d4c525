package io.gridwatch.core.layout.read;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Java charset named by a shapefile's {@code .cpg} text: ArcGIS/QGIS/GDAL write a code page
 * number ({@code 936}), a Windows name ({@code CP936}, {@code ANSI 936}) or a charset name ({@code
 * GBK}, {@code UTF-8}).
 */
public final class CodePages {
  private CodePages() {}

  /**
   * The Java charset name of a {@code .cpg} text; throws {@link LayoutFileException} when unknown.
   */
  public static String charsetName(String cpg) {
    String t = cpg == null ? "" : cpg.strip().toUpperCase(Locale.ROOT);
    t = t.replaceFirst("^(ANSI|OEM)\\s*", "").replace('_', '-');
    String digits = t.replaceFirst("^(CP|WINDOWS-|MS)", "");
    switch (digits) {
      case "936", "GBK", "GB2312", "EUC-CN" -> {
        return "GBK";
      }
      case "54936", "GB18030" -> {
        return "GB18030";
      }
      case "65001", "UTF-8", "UTF8" -> {
        return "UTF-8";
      }
      case "88591", "8859-1", "ISO-8859-1", "ISO8859-1", "LATIN1" -> {
        return "ISO-8859-1";
      }
      default -> {
        // fall through to the generic rules below
      }
    }
    if (digits.matches("\\d{3,5}") && Charset.isSupported("cp" + digits)) {
      return Charset.forName("cp" + digits).name();
    }
    if (!t.isEmpty() && Charset.isSupported(t)) {
      return Charset.forName(t).name();
    }
    throw new LayoutFileException(
        ".cpg 中的编码无法识别 / unknown code page in the .cpg file: '" + cpg.strip() + "'");
  }

  /**
   * The charset of a DBF without {@code .cpg}: null (the reader's code-page table decides) when the
   * header names a code page (language driver byte 29), else UTF-8 when the records are valid UTF-8
   * and GBK otherwise — Chinese shapefiles without {@code .cpg} are GBK in practice.
   */
  public static String guessDbf(byte[] dbf) {
    if (dbf.length < 32 || dbf[29] != 0) {
      return null;
    }
    int header = (dbf[8] & 0xff) | ((dbf[9] & 0xff) << 8);
    if (header <= 0 || header > dbf.length) {
      return null;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(dbf, header, dbf.length - header));
      return "UTF-8";
    } catch (CharacterCodingException e) {
      return "GBK";
    }
  }
}
