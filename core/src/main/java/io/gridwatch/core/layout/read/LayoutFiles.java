package io.gridwatch.core.layout.read;

import io.gridwatch.core.layout.LayoutGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads a layout file by its extension — GeoJSON ({@code .geojson}, {@code .json}), GeoPackage
 * ({@code .gpkg}), zipped Shapefile ({@code .zip}) or a {@code .shp} with its siblings — into grids
 * in WGS84. Anything unusable is a {@link LayoutFileException} with one bilingual line.
 */
public final class LayoutFiles {
  private LayoutFiles() {}

  /** The formats this reader accepts, for help texts. */
  public static final String FORMATS = ".geojson/.json, .gpkg, .zip (Shapefile), .shp";

  /** Reads the grids of {@code file} in feature order. */
  public static List<LayoutGrid> read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      throw new LayoutFileException("文件不存在 / no such file: " + file);
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<LayoutGrid> grids;
    if (n.endsWith(".geojson") || n.endsWith(".json")) {
      grids = GeoJsonLayout.read(file);
    } else if (n.endsWith(".gpkg")) {
      grids = GeoPackageLayout.read(file);
    } else if (n.endsWith(".zip")) {
      grids = ShapefileLayout.readZip(file);
    } else if (n.endsWith(".shp")) {
      grids = ShapefileLayout.readShp(file, file.getFileName().toString());
    } else {
      throw new LayoutFileException(
          "不支持的布局文件格式 / unsupported layout file "
              + file.getFileName()
              + " (expected "
              + FORMATS
              + ")");
    }
    if (grids.isEmpty()) {
      throw new LayoutFileException(file.getFileName() + " 没有任何网格 / holds no grid");
    }
    for (LayoutGrid g : grids) {
      requireDegrees(g.geometry(), file);
    }
    return grids;
  }

  private static void requireDegrees(Geometry g, Path file) {
    if (g == null) {
      return;
    }
    for (Coordinate c : g.getCoordinates()) {
      if (!(Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90)) {
        throw new LayoutFileException(
            file.getFileName()
                + " 的坐标不是经纬度 / coordinates are not longitude/latitude degrees (e.g. "
                + c.x
                + ", "
                + c.y
                + "): a projected file without .prj? export it in EPSG:4326 or EPSG:4490");
      }
    }
  }
}
