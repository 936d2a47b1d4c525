package io.gridwatch.core.layout.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.layout.LayoutGrid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layout files written by an independent writer (GDAL, see the fixtures' README): a GeoPackage and
 * a zipped Shapefile whose attribute text is GBK per its {@code .cpg} read back with the Chinese
 * intact; CRS rules (.prj: WGS84/CGCS2000 accepted, UTM refused; GeoJSON crs_name converted).
 */
class LayoutFilesTest {
  private static final String G01 = "高新区一号网格";
  private static final String G02 = "迎宾社区网格";

  static Path fixture(String name) {
    try {
      return Path.of(LayoutFilesTest.class.getResource("/layout/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The two GDAL fixture grids, whatever the format. */
  private static void assertTwoGrids(List<LayoutGrid> grids) {
    assertThat(grids).hasSize(2);
    LayoutGrid a = grids.get(0);
    LayoutGrid b = grids.get(1);
    assertThat(a.gridId()).isEqualTo("G01");
    assertThat(a.name()).isEqualTo(G01);
    assertThat(a.kind()).isEqualTo("enterprise"); // written as the label 企业网格
    assertThat(a.town()).isEqualTo("中和镇");
    assertThat(b.gridId()).isEqualTo("G02");
    assertThat(b.name()).isEqualTo(G02);
    assertThat(b.kind()).isEqualTo("community");
    assertThat(b.community()).isEqualTo("迎宾社区");
    EqualArea p = EqualArea.centredOn(104.61, 30.105);
    assertThat(p.project(a.geometry()).getArea())
        .isCloseTo(EqualArea.quadrangleArea(104.60, 30.10, 104.61, 30.11), within(20.0));
    assertThat(a.geometry().getSRID()).isEqualTo(4326);
  }

  @Test
  void geoPackage() {
    assertTwoGrids(LayoutFiles.read(fixture("grids.gpkg")));
  }

  @Test
  void zippedShapefileWithGbkText() throws IOException {
    // the fixture really is GBK (not UTF-8), and its DBF header names no code page: only the .cpg
    // (CP936) says how to decode it
    byte[] dbf = entry(fixture("grids-gbk.zip"), "grids.dbf");
    assertThat(indexOf(dbf, G01.getBytes(Charset.forName("GBK")))).isPositive();
    assertThat(indexOf(dbf, G01.getBytes(StandardCharsets.UTF_8))).isNegative();
    assertThat(dbf[29]).isZero();
    assertThat(new String(entry(fixture("grids-gbk.zip"), "grids.cpg"), StandardCharsets.US_ASCII))
        .isEqualTo("CP936");
    assertTwoGrids(LayoutFiles.read(fixture("grids-gbk.zip")));
  }

  @Test
  void theCpgDecidesAndWithoutItGbkIsDetected(@TempDir Path dir) throws IOException {
    // a .cpg naming another charset is obeyed (the names come out as Latin-1 mojibake) ...
    Path latin =
        rezip(
            fixture("grids-gbk.zip"),
            dir.resolve("latin1.zip"),
            (n, b) -> n.endsWith(".cpg") ? "ISO-8859-1".getBytes(StandardCharsets.US_ASCII) : b);
    assertThat(LayoutFiles.read(latin).get(0).name())
        .isEqualTo(new String(G01.getBytes(Charset.forName("GBK")), StandardCharsets.ISO_8859_1));
    // ... and without a .cpg (nor a code page in the DBF header) non-UTF-8 text is read as GBK
    Path noCpg =
        rezip(
            fixture("grids-gbk.zip"),
            dir.resolve("no-cpg.zip"),
            (n, b) -> n.endsWith(".cpg") ? null : b);
    assertTwoGrids(LayoutFiles.read(noCpg));
  }

  @Test
  void cgcs2000PrjIsAccepted(@TempDir Path dir) throws IOException {
    String cgcs =
        "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\","
            + "6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],"
            + "AUTHORITY[\"EPSG\",\"4490\"]]";
    Path z =
        rezip(
            fixture("grids-gbk.zip"),
            dir.resolve("cgcs2000.zip"),
            (n, b) -> n.endsWith(".prj") ? cgcs.getBytes(StandardCharsets.US_ASCII) : b);
    assertTwoGrids(LayoutFiles.read(z));
  }

  @Test
  void projectedShapefileIsRefused() {
    assertThatThrownBy(() -> LayoutFiles.read(fixture("grids-utm48n.zip")))
        .isInstanceOf(LayoutFileException.class)
        .hasMessageContaining("projected")
        .hasMessageContaining("WGS_1984_UTM_Zone_48N");
  }

  @Test
  void otherDatumIsRefused() {
    assertThatThrownBy(
            () ->
                PrjText.requireGeographicWgs84(
                    "GEOGCS[\"GCS_Beijing_1954\",DATUM[\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\","
                        + "6378245.0,298.3]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
                    "x.prj"))
        .isInstanceOf(LayoutFileException.class)
        .hasMessageContaining("GCS_Beijing_1954");
  }

  @Test
  void geoJsonCrsNameIsConverted(@TempDir Path dir) throws IOException {
    // the same cell in GCJ-02 comes back several hundred metres away, in WGS84
    Path f = dir.resolve("gcj.geojson");
    Files.writeString(
        f,
        "{\"type\":\"FeatureCollection\",\"crs_name\":\"gcj02\",\"features\":[{\"type\":\"Feature\","
            + "\"properties\":{\"网格编号\":\"G01\",\"kind\":\"enterprise\",\"town\":\"中和镇\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[104.60,30.10],[104.61,30.10],"
            + "[104.61,30.11],[104.60,30.11],[104.60,30.10]]]}}]}");
    LayoutGrid g = LayoutFiles.read(f).get(0);
    assertThat(g.gridId()).isEqualTo("G01");
    double[] expected = io.gridwatch.core.crs.Crs.GCJ02.toWgs84(104.60, 30.10);
    assertThat(g.geometry().getCoordinates()[0].x).isCloseTo(expected[0], within(1e-9));
    assertThat(g.geometry().getCoordinates()[0].x).isNotCloseTo(104.60, within(1e-4));
  }

  @Test
  void unusableFilesAreOneClearLine(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> LayoutFiles.read(dir.resolve("nope.geojson")))
        .isInstanceOf(LayoutFileException.class)
        .hasMessageContaining("no such file");
    Path kml = Files.writeString(dir.resolve("x.kml"), "<kml/>");
    assertThatThrownBy(() -> LayoutFiles.read(kml)).hasMessageContaining("unsupported");
    Path utm = dir.resolve("utm.geojson");
    Files.writeString(
        utm,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[500000,3330000],[501000,3330000],"
            + "[501000,3331000],[500000,3330000]]]}}]}");
    assertThatThrownBy(() -> LayoutFiles.read(utm))
        .isInstanceOf(LayoutFileException.class)
        .hasMessageContaining("not longitude/latitude");
    Path notJson = Files.writeString(dir.resolve("bad.json"), "{not json");
    assertThatThrownBy(() -> LayoutFiles.read(notJson)).hasMessageContaining("not valid JSON");
  }

  @Test
  void codePages() {
    assertThat(CodePages.charsetName("936")).isEqualTo("GBK");
    assertThat(CodePages.charsetName("CP936")).isEqualTo("GBK");
    assertThat(CodePages.charsetName(" ANSI 936\n")).isEqualTo("GBK");
    assertThat(CodePages.charsetName("gbk")).isEqualTo("GBK");
    assertThat(CodePages.charsetName("GB18030")).isEqualTo("GB18030");
    assertThat(CodePages.charsetName("65001")).isEqualTo("UTF-8");
    assertThat(CodePages.charsetName("UTF-8")).isEqualTo("UTF-8");
    assertThat(CodePages.charsetName("1252")).isEqualTo("windows-1252");
    assertThatThrownBy(() -> CodePages.charsetName("klingon"))
        .isInstanceOf(LayoutFileException.class);
  }

  private static byte[] entry(Path zip, String name) throws IOException {
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().endsWith(name)) {
          return z.readAllBytes();
        }
      }
    }
    throw new IllegalStateException(name + " not in " + zip);
  }

  /** Copies a zip, mapping each entry's bytes (null drops the entry). */
  private static Path rezip(Path from, Path to, BiFunction<String, byte[], byte[]> map)
      throws IOException {
    try (InputStream in = Files.newInputStream(from);
        ZipInputStream z = new ZipInputStream(in);
        OutputStream out = Files.newOutputStream(to);
        ZipOutputStream zo = new ZipOutputStream(out)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        byte[] b = map.apply(e.getName(), z.readAllBytes());
        if (b != null) {
          zo.putNextEntry(new ZipEntry(e.getName()));
          zo.write(b);
          zo.closeEntry();
        }
      }
    }
    return to;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
