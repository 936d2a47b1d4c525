package io.gridwatch.ingest.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** grids.geojson, workers.csv (GBK), enterprises.csv and manifest.json. */
final class DropFiles {
  private DropFiles() {}

  static final Charset WORKERS_CHARSET = Charset.forName("GBK");
  private static final ObjectMapper OM = new ObjectMapper();

  /** Writes the grids as a FeatureCollection, one feature per line, 6-decimal coordinates. */
  static long grids(Path file, List<SynthGrid> grids) throws IOException {
    try (Writer w =
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      w.write("{\"type\":\"FeatureCollection\",\"name\":\"grids\",\"features\":[\n");
      for (int i = 0; i < grids.size(); i++) {
        SynthGrid g = grids.get(i);
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"type\":\"Feature\",\"properties\":{\"grid_id\":").append(str(g.id()));
        sb.append(",\"name\":").append(str(g.name()));
        sb.append(",\"kind\":").append(str(g.kind()));
        sb.append(",\"town\":").append(str(g.town()));
        sb.append(",\"community\":").append(g.community() == null ? "null" : str(g.community()));
        sb.append("},\"geometry\":");
        geometry(sb, g.geometry());
        sb.append(i + 1 < grids.size() ? "},\n" : "}\n");
        w.write(sb.toString());
      }
      w.write("]}\n");
    }
    return grids.size();
  }

  private static String str(String s) throws IOException {
    return OM.writeValueAsString(s);
  }

  private static void geometry(StringBuilder sb, Geometry g) {
    if (g instanceof Polygon p) {
      sb.append("{\"type\":\"Polygon\",\"coordinates\":");
      polygon(sb, p);
      sb.append('}');
      return;
    }
    sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    List<Polygon> parts = new java.util.ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      parts.add((Polygon) g.getGeometryN(i));
    }
    parts.sort(java.util.Comparator.comparing(p -> minCoordinate(p.getExteriorRing())));
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      polygon(sb, parts.get(i));
    }
    sb.append("]}");
  }

  /** RFC 7946 orientation: exterior counter-clockwise, holes clockwise. */
  private static void polygon(StringBuilder sb, Polygon p) {
    sb.append('[');
    ring(sb, p.getExteriorRing(), true);
    List<LineString> holes = new java.util.ArrayList<>();
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      holes.add(p.getInteriorRingN(i));
    }
    holes.sort(java.util.Comparator.comparing(DropFiles::minCoordinate));
    for (LineString h : holes) {
      sb.append(',');
      ring(sb, h, false);
    }
    sb.append(']');
  }

  private static Coordinate minCoordinate(LineString ring) {
    Coordinate min = ring.getCoordinateN(0);
    for (Coordinate c : ring.getCoordinates()) {
      if (c.compareTo(min) < 0) {
        min = c;
      }
    }
    return min;
  }

  /** Writes a ring oriented as asked and starting at its smallest vertex (canonical form). */
  private static void ring(StringBuilder sb, LineString ring, boolean ccw) {
    Coordinate[] cs = ring.getCoordinates();
    if (Orientation.isCCW(cs) != ccw) {
      cs = cs.clone();
      org.locationtech.jts.geom.CoordinateArrays.reverse(cs);
    }
    cs = cs.clone();
    org.locationtech.jts.geom.CoordinateArrays.scroll(
        cs, org.locationtech.jts.geom.CoordinateArrays.minCoordinate(cs));
    sb.append('[');
    for (int i = 0; i < cs.length; i++) {
      Coordinate c = cs[i];
      if (i > 0) {
        sb.append(',');
      }
      sb.append('[').append(Fmt.d6(c.x)).append(',').append(Fmt.d6(c.y)).append(']');
    }
    sb.append(']');
  }

  /** workers.csv in GBK (declared in manifest.json), sorted by worker_id. */
  static long workers(Path file, List<Wkr> workers) throws IOException {
    try (CsvOut out =
        new CsvOut(
            file,
            WORKERS_CHARSET,
            List.of(
                "worker_id",
                "name",
                "kind",
                "grid_id",
                "town",
                "community",
                "phone",
                "hired_on",
                "left_on",
                "certified_on",
                "role"))) {
      for (Wkr k : workers) {
        out.row(
            k.id,
            k.name,
            k.kind,
            k.grid(),
            k.town,
            k.community,
            k.phone,
            Fmt.date(k.hired),
            Fmt.date(k.left),
            Fmt.date(k.certified),
            k.role);
      }
      return out.rows();
    }
  }

  /** enterprises.csv (WGS84), sorted by enterprise_id. */
  static long enterprises(Path file, List<Ent> ents) throws IOException {
    List<Ent> sorted = ents.stream().sorted(java.util.Comparator.comparing(e -> e.id)).toList();
    try (CsvOut out =
        new CsvOut(
            file,
            StandardCharsets.UTF_8,
            List.of(
                "enterprise_id",
                "name",
                "lon",
                "lat",
                "registered_on",
                "closed_on",
                "industry",
                "address"))) {
      for (Ent e : sorted) {
        out.row(
            e.id,
            e.name,
            Fmt.d6(e.lon),
            Fmt.d6(e.lat),
            Fmt.date(e.registered),
            Fmt.date(e.closed),
            e.industry,
            e.address);
      }
      return out.rows();
    }
  }

  /** manifest.json: patrols in GCJ-02, workers in GBK. */
  static void manifest(Path file) throws IOException {
    Files.writeString(
        file,
        "{\n  \"crs\": {\"patrols\": \"gcj02\"},\n  \"encoding\": {\"workers\": \"GBK\"}\n}\n",
        StandardCharsets.UTF_8);
  }
}
