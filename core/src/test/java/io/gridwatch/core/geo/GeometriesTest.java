package io.gridwatch.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.core.crs.ChinaCrs;
import io.gridwatch.core.crs.Crs;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class GeometriesTest {
  @Test
  void geoJsonAndWkbRoundTrip() {
    Geometry g =
        Geometries.readGeoJsonGeometry(
            "{\"type\":\"Polygon\",\"coordinates\":[[[104.6,30.1],[104.61,30.1],[104.61,30.11],[104.6,30.1]]]}");
    assertThat(g.getGeometryType()).isEqualTo("Polygon");
    assertThat(Geometries.fromWkb(Geometries.toWkb(g)).equalsExact(g)).isTrue();
    assertThat(Geometries.toGeoJson(g)).contains("104.61");
  }

  @Test
  void badGeoJsonIsAClearError() {
    assertThatThrownBy(() -> Geometries.readGeoJsonGeometry("{\"type\":\"Polygon\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GeoJSON");
  }

  @Test
  void convertsEveryVertexToWgs84() {
    double[] gcj = ChinaCrs.wgs84ToGcj02(104.63, 30.12);
    Geometry p =
        Geometries.readGeoJsonGeometry(
            "{\"type\":\"Point\",\"coordinates\":[" + gcj[0] + "," + gcj[1] + "]}");
    Geometry w = Geometries.toWgs84(p, Crs.GCJ02);
    assertThat(Geodesy.distanceMeters(w.getCoordinate().x, w.getCoordinate().y, 104.63, 30.12))
        .isLessThan(0.05);
    assertThat(p.getCoordinate().x).isEqualTo(gcj[0]); // input untouched
  }
}
