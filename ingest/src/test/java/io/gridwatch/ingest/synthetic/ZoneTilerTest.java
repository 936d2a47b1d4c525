package io.gridwatch.ingest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

class ZoneTilerTest {
  static final long SEED = 20250101L;
  static Layout layout;

  @BeforeAll
  static void tileSmall() throws Exception {
    System.out.println("ZoneTilerTest seed=" + SEED);
    Map<String, Geometry> d = ZoneTiler.readDistricts(SyntheticDropTest.boundary());
    Geometry zone = ZoneTiler.zoneOf(d, Scale.SMALL);
    long t0 = System.nanoTime();
    layout = ZoneTiler.tile(zone, Scale.SMALL, SEED);
    System.out.printf(
        "tiled %d grids in %d ms%n", layout.grids().size(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void gridsTileTheZoneWithoutGapOrOverlap() {
    Geometry zone = layout.zone();
    List<Geometry> gs = new ArrayList<>();
    double sum = 0;
    STRtree tree = new STRtree();
    for (SynthGrid g : layout.grids()) {
      assertThat(g.geometry().isValid()).as(g.id() + " valid").isTrue();
      assertThat(g.geometry())
          .isInstanceOfAny(Polygon.class, org.locationtech.jts.geom.MultiPolygon.class);
      gs.add(g.geometry());
      sum += g.geometry().getArea();
      tree.insert(g.geometry().getEnvelopeInternal(), g);
    }
    Geometry union = OverlayNGRobust.union(zone.getFactory().buildGeometry(gs));
    assertThat(Math.abs(union.getArea() - zone.getArea()) / zone.getArea()).isLessThan(1e-6);
    assertThat(Math.abs(sum - zone.getArea()) / zone.getArea()).isLessThan(1e-6);
    double overlap = 0;
    for (SynthGrid g : layout.grids()) {
      for (Object o : tree.query(g.geometry().getEnvelopeInternal())) {
        SynthGrid h = (SynthGrid) o;
        if (h.id().compareTo(g.id()) > 0) {
          overlap += OverlayNGRobust.overlay(g.geometry(), h.geometry(), 1).getArea();
        }
      }
    }
    assertThat(overlap / zone.getArea()).isLessThan(1e-9);
  }

  @Test
  void smallHasThePlannedStructure() {
    long ent = layout.grids().stream().filter(g -> g.kind().equals("enterprise")).count();
    assertThat(ent).isBetween(28L, 30L);
    assertThat(layout.towns()).containsExactly("松涛镇", "狮子山街道");
    long comms =
        layout.grids().stream()
            .filter(g -> g.community() != null)
            .map(SynthGrid::community)
            .distinct()
            .count();
    assertThat(comms).isEqualTo(10);
    for (SynthGrid g : layout.grids()) {
      System.out.println(
          g.id()
              + " "
              + g.name()
              + " "
              + g.kind()
              + " "
              + g.town()
              + " "
              + g.community()
              + " parts="
              + g.geometry().getNumGeometries()
              + " area_km2="
              + String.format("%.3f", g.geometry().getArea() * 96.4 * 111.0));
    }
  }
}
