package io.gridwatch.core.layout.read;

import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads a GeoPackage layout with NGA's GeoPackage library (SQLite via sqlite-jdbc): the feature
 * table (the only one, or the one named {@code grids}), its SRS checked by {@link PrjText} (EPSG
 * 4326/4490 or an undefined geographic SRS accepted), geometries handed to JTS as WKB.
 */
final class GeoPackageLayout {
  private GeoPackageLayout() {}

  /** The grids of a GeoPackage file, in feature id order. */
  static List<LayoutGrid> read(Path file) {
    GeoPackage gp;
    try {
      gp = GeoPackageManager.open(file.toFile(), false);
    } catch (RuntimeException e) {
      throw new LayoutFileException(
          file.getFileName()
              + " 不是有效的 GeoPackage / is not a readable GeoPackage: "
              + e.getMessage(),
          e);
    }
    try {
      FeatureDao dao = gp.getFeatureDao(table(gp.getFeatureTables(), file));
      checkSrs(dao.getGeometryColumns().getSrs(), file);
      String geomColumn = dao.getGeometryColumnName();
      String pk = dao.getPkColumnName();
      WKBReader wkb = new WKBReader(Geometries.FACTORY);
      List<LayoutGrid> out = new ArrayList<>();
      FeatureResultSet rs = dao.queryForAll();
      try {
        int i = 0;
        while (rs.moveToNext()) {
          FeatureRow row = rs.getRow();
          Map<String, Object> props = new LinkedHashMap<>();
          for (String c : row.getColumnNames()) {
            if (!c.equals(geomColumn) && !c.equals(pk)) {
              props.put(c, row.getValue(c));
            }
          }
          Geometry g = null;
          GeoPackageGeometryData data = row.getGeometry();
          if (data != null && !data.isEmpty()) {
            try {
              byte[] bytes = data.getWkb();
              g = bytes == null ? null : wkb.read(bytes);
              if (g != null) {
                g.setSRID(4326);
              }
            } catch (ParseException | java.io.IOException e) {
              g = null; // reported by the check as a feature without a usable geometry
            }
          }
          out.add(GridAttributes.grid(props, g, i++));
        }
      } finally {
        rs.close();
      }
      return out;
    } finally {
      gp.close();
    }
  }

  private static String table(List<String> tables, Path file) {
    if (tables.isEmpty()) {
      throw new LayoutFileException(file.getFileName() + " 没有要素表 / has no feature table");
    }
    if (tables.size() == 1) {
      return tables.get(0);
    }
    for (String t : tables) {
      if (t.toLowerCase(Locale.ROOT).equals("grids")) {
        return t;
      }
    }
    throw new LayoutFileException(
        file.getFileName()
            + " 有多个要素表，请命名为 grids / has several feature tables "
            + tables
            + "; name the layout's table grids");
  }

  private static void checkSrs(SpatialReferenceSystem srs, Path file) {
    if (srs == null) {
      return;
    }
    long id = srs.getOrganizationCoordsysId();
    String org =
        srs.getOrganization() == null ? "" : srs.getOrganization().toUpperCase(Locale.ROOT);
    if (org.equals("EPSG") && (id == 4326 || id == 4490)) {
      return;
    }
    if (srs.getSrsId() == 0) {
      return; // "undefined geographic coordinate reference system" (GeoPackage §1.1.2.1.2)
    }
    PrjText.requireGeographicWgs84(
        srs.getDefinition() == null || srs.getDefinition().equalsIgnoreCase("undefined")
            ? org + ":" + id
            : srs.getDefinition(),
        file.getFileName().toString());
  }
}
