package io.gridwatch.core.layout.read;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutGrid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2gis.api.EmptyProgressVisitor;
import org.h2gis.functions.io.shp.SHPDriverFunction;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads a Shapefile layout, zipped or as a {@code .shp} with its siblings, with H2GIS's shapefile
 * driver (GeoTools is not on Maven Central; architecture.md § Known traps) into a private in-memory
 * H2 database. Attribute text is decoded with the charset of the {@code .cpg} ({@link CodePages};
 * GBK typical), else the DBF header's code page, else UTF-8 when the text is valid UTF-8 and GBK
 * otherwise ({@link CodePages#guessDbf}); the {@code .prj} must be WGS84/CGCS2000
 * longitude/latitude ({@link PrjText}); no {@code .prj} means WGS84.
 */
final class ShapefileLayout {
  private ShapefileLayout() {}

  /** The grids of a {@code .zip} holding one shapefile, in record order. */
  static List<LayoutGrid> readZip(Path zip) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("gridwatch-shp-");
      unzip(zip, dir);
      return readShp(findShp(dir, zip), zip.getFileName().toString());
    } catch (IOException e) {
      throw new LayoutFileException(
          zip.getFileName() + " 无法解压 / cannot be unzipped: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /** The grids of a {@code .shp} with its {@code .shx}, {@code .dbf} (and .prj, .cpg) beside it. */
  static List<LayoutGrid> readShp(Path shp, String shownAs) {
    Path prj = sibling(shp, "prj");
    Path cpg = sibling(shp, "cpg");
    if (sibling(shp, "dbf") == null || sibling(shp, "shx") == null) {
      throw new LayoutFileException(
          shownAs + ": 缺少 .dbf 或 .shx / the shapefile needs its .dbf and .shx files");
    }
    try {
      if (prj != null) {
        PrjText.requireGeographicWgs84(
            Files.readString(prj, StandardCharsets.ISO_8859_1), shownAs + " (.prj)");
      }
      String charset =
          cpg != null
              ? CodePages.charsetName(Files.readString(cpg, StandardCharsets.US_ASCII))
              : CodePages.guessDbf(Files.readAllBytes(sibling(shp, "dbf")));
      return load(shp, charset);
    } catch (IOException | SQLException | RuntimeException e) {
      if (e instanceof LayoutFileException l) {
        throw l;
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new LayoutFileException(
          shownAs
              + " 无法读取（请检查 .cpg 编码） / cannot be read as a shapefile (check the .cpg"
              + " encoding): "
              + root.getClass().getSimpleName()
              + (root.getMessage() == null ? "" : " " + root.getMessage()),
          e);
    }
  }

  private static List<LayoutGrid> load(Path shp, String charset) throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:")) {
      new SHPDriverFunction()
          // the 6-argument form: the 5-argument one ignores its encoding argument (H2GIS 2.2.5)
          .importFile(c, "LAYOUT", shp.toFile(), charset, false, new EmptyProgressVisitor());
      List<LayoutGrid> out = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM LAYOUT ORDER BY 1")) {
        ResultSetMetaData md = rs.getMetaData();
        int i = 0;
        while (rs.next()) {
          Map<String, Object> props = new LinkedHashMap<>();
          Geometry g = null;
          // column 1 is H2GIS's generated primary key
          for (int k = 2; k <= md.getColumnCount(); k++) {
            Object v = rs.getObject(k);
            if (v instanceof Geometry geom) {
              g = Geometries.FACTORY.createGeometry(geom);
              g.setSRID(4326);
            } else {
              props.put(md.getColumnLabel(k), v);
            }
          }
          out.add(GridAttributes.grid(props, g, i++));
        }
      }
      return out;
    }
  }

  private static Path findShp(Path dir, Path zip) throws IOException {
    List<Path> shps;
    try (Stream<Path> s = Files.walk(dir)) {
      shps = s.filter(p -> extension(p).equals("shp")).sorted().toList();
    }
    if (shps.isEmpty()) {
      throw new LayoutFileException(zip.getFileName() + " 中没有 .shp 文件 / holds no .shp file");
    }
    if (shps.size() == 1) {
      return shps.get(0);
    }
    for (Path p : shps) {
      if (p.getFileName().toString().toLowerCase(Locale.ROOT).equals("grids.shp")) {
        return p;
      }
    }
    throw new LayoutFileException(
        zip.getFileName()
            + " 中有多个 .shp 文件，请命名为 grids.shp / holds several .shp files; name the layout"
            + " grids.shp");
  }

  private static void unzip(Path zip, Path dir) throws IOException {
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream z = new ZipInputStream(in)) {
      int n = 0;
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        String entry = e.getName().replace('\\', '/');
        String name = entry.substring(entry.lastIndexOf('/') + 1);
        if (e.isDirectory()
            || name.isEmpty()
            || name.startsWith("._")
            || entry.contains("__MACOSX")) {
          continue;
        }
        if (++n > 1000) {
          throw new IOException("too many entries");
        }
        // flattened into dir by file name only: an entry path can never escape it (no zip-slip)
        Files.copy(z, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static Path sibling(Path shp, String ext) {
    String base = shp.getFileName().toString();
    base = base.substring(0, base.length() - 4);
    try (Stream<Path> s = Files.list(shp.toAbsolutePath().getParent())) {
      String b = base;
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.length() == b.length() + 4
                    && n.regionMatches(true, 0, b, 0, b.length())
                    && extension(p).equals(ext);
              })
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
