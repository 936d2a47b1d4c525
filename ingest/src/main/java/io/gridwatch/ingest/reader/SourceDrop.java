package io.gridwatch.ingest.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.lake.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A source drop folder: finds the files of each table ({@code <name>.csv}, {@code <name>.xlsx}, a
 * folder {@code <name>/} of such files, {@code grids.geojson}) and reads the optional {@code
 * manifest.json} ({@code {"crs": {"patrols": "gcj02"}, "encoding": {"workers": "GBK"}}}, key {@code
 * "*"} = every table).
 */
public final class SourceDrop {
  /** Format of one source file. */
  public enum Format {
    /** Comma-separated text. */
    CSV,
    /** Excel workbook, first sheet. */
    XLSX,
    /** GeoJSON FeatureCollection. */
    GEOJSON
  }

  /**
   * One file of a table.
   *
   * @param path absolute path
   * @param relative path relative to the drop, with {@code /}
   * @param format file format
   */
  public record SourceFile(Path path, String relative, Format format) {}

  private final Path dir;
  private final Map<String, String> manifestCrs;
  private final Map<String, String> manifestEncoding;

  private SourceDrop(Path dir, Map<String, String> crs, Map<String, String> encoding) {
    this.dir = dir;
    this.manifestCrs = crs;
    this.manifestEncoding = encoding;
  }

  /** Opens a drop folder; throws IOException when it is missing or the manifest is not JSON. */
  public static SourceDrop open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("source folder not found / 找不到数据目录: " + dir);
    }
    Map<String, String> crs = new HashMap<>();
    Map<String, String> enc = new HashMap<>();
    Path manifest = dir.resolve("manifest.json");
    if (Files.isRegularFile(manifest)) {
      JsonNode root = new ObjectMapper().readTree(manifest.toFile());
      root.path("crs").fields().forEachRemaining(e -> crs.put(e.getKey(), e.getValue().asText()));
      root.path("encoding")
          .fields()
          .forEachRemaining(e -> enc.put(e.getKey(), e.getValue().asText()));
    }
    return new SourceDrop(dir, crs, enc);
  }

  /** The drop folder. */
  public Path dir() {
    return dir;
  }

  /** The manifest's CRS name for a table (or for {@code "*"}), or null. */
  public String manifestCrs(String table) {
    return manifestCrs.getOrDefault(table, manifestCrs.get("*"));
  }

  /** The manifest's encoding name for a table (or for {@code "*"}), or null. */
  public String manifestEncoding(String table) {
    return manifestEncoding.getOrDefault(table, manifestEncoding.get("*"));
  }

  /** The files of a table in a stable order (top-level file first, then the folder's files). */
  public List<SourceFile> files(TableDef table) throws IOException {
    String name = table.name();
    List<SourceFile> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String fn = p.getFileName().toString();
        Format f = formatOf(fn, table);
        if (Files.isRegularFile(p) && f != null && stem(fn).equals(name)) {
          out.add(new SourceFile(p, fn, f));
        }
      }
    }
    Path folder = dir.resolve(name);
    if (Files.isDirectory(folder)) {
      try (Stream<Path> s = Files.list(folder)) {
        for (Path p : s.sorted().toList()) {
          String fn = p.getFileName().toString();
          Format f = formatOf(fn, table);
          if (Files.isRegularFile(p) && f != null) {
            out.add(new SourceFile(p, name + "/" + fn, f));
          }
        }
      }
    }
    return out;
  }

  private static Format formatOf(String fileName, TableDef table) {
    if (fileName.startsWith(".") || fileName.startsWith("~$")) {
      return null;
    }
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (table.name().equals("grids")) {
      return lower.endsWith(".geojson") ? Format.GEOJSON : null;
    }
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    if (lower.endsWith(".xlsx")) {
      return Format.XLSX;
    }
    return null;
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }
}
