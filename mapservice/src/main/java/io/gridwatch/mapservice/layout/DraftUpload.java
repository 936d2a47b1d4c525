package io.gridwatch.mapservice.layout;

import io.gridwatch.mapservice.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A draft layout file sent as the raw request body, saved to a temporary file whose extension tells
 * {@code LayoutFiles} the format: {@code application/geo+json} (or {@code application/json}) →
 * .geojson, {@code application/geopackage+sqlite3} → .gpkg, {@code application/zip} → .zip (zipped
 * Shapefile); with {@code application/octet-stream} or no type the format is recognised by its
 * first bytes. Bodies over the limit are 413, other media types 415.
 */
public final class DraftUpload {
  /** Default largest accepted body: 20 MB. */
  public static final long MAX_BYTES = 20L << 20;

  /** Beyond the limit the rest of a body is read and dropped up to this many bytes (clean 413). */
  private static final long DRAIN_BYTES = 200L << 20;

  private DraftUpload() {}

  /**
   * Saves {@code body} (declared {@code contentType}, may be null; {@code declaredLength} −1 when
   * unknown) to a new temporary file; the caller deletes it.
   */
  public static Path save(InputStream body, String contentType, long declaredLength, long maxBytes)
      throws IOException {
    String ext = extension(contentType);
    if (declaredLength > maxBytes) {
      drain(body, Math.min(declaredLength, DRAIN_BYTES));
      throw tooLarge(maxBytes);
    }
    byte[] head = body.readNBytes(16);
    if (head.length == 0) {
      throw ApiException.badRequest("请求体为空 / empty request body: send the layout file itself");
    }
    if (ext == null) {
      ext = sniff(head);
    }
    Path file = Files.createTempFile("gridwatch-draft-", ext);
    boolean ok = false;
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head);
      long total = head.length;
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = body.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          drain(body, DRAIN_BYTES);
          throw tooLarge(maxBytes);
        }
        out.write(buf, 0, n);
      }
      ok = true;
    } finally {
      if (!ok) {
        Files.deleteIfExists(file);
      }
    }
    return file;
  }

  /** The file extension of a declared media type; null when the bytes must tell. */
  static String extension(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/geo+json", "application/json", "application/vnd.geo+json" -> ".geojson";
      case "application/geopackage+sqlite3", "application/x-sqlite3" -> ".gpkg";
      case "application/zip", "application/x-zip-compressed" -> ".zip";
      case "application/octet-stream" -> null;
      default ->
          throw new ApiException(
              415,
              "不支持的媒体类型 / unsupported media type "
                  + type
                  + " (application/geo+json, application/geopackage+sqlite3, application/zip)");
    };
  }

  private static String sniff(byte[] head) {
    if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
      return ".zip";
    }
    if (new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)
        .startsWith("SQLite format")) {
      return ".gpkg";
    }
    return ".geojson";
  }

  private static void drain(InputStream body, long max) throws IOException {
    long left = max;
    byte[] buf = new byte[64 * 1024];
    int n;
    while (left > 0 && (n = body.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
      left -= n;
    }
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        413, "文件过大 / layout file too large: at most " + (maxBytes >> 20) + " MB");
  }
}
