package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.layout.LayoutProblem.Type;
import io.gridwatch.core.layout.read.LayoutFiles;
import io.gridwatch.core.rules.Rules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link LayoutCheck} on the topology fixtures of {@code src/test/resources/layout}: one known
 * problem each, with exact types and grid ids; expected areas are the exact ellipsoidal areas of
 * the lat/lon quadrangles involved ({@link EqualArea#quadrangleArea}), to 1e-4 relative.
 */
class LayoutCheckTest {
  private static final Rules.LayoutRules RULES = Rules.defaults().layout();

  static Path fixture(String name) {
    try {
      return Path.of(LayoutCheckTest.class.getResource("/layout/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks a fixture against the union of itself (no lake, no --zone) and no worker data. */
  private static CheckReport check(String name) {
    List<LayoutGrid> grids = LayoutFiles.read(fixture(name));
    return LayoutCheck.run(grids, Zone.unionOf(grids, true, "file"), null, RULES);
  }

  private static void assertArea(LayoutProblem p, double expected) {
    assertThat(p.areaM2()).as(p.detail()).isCloseTo(expected, within(expected * 1e-4));
  }

  private static void assertInside(LayoutProblem p, double x0, double y0, double x1, double y1) {
    assertThat(p.location()[0]).isBetween(x0, x1);
    assertThat(p.location()[1]).isBetween(y0, y1);
  }

  @Test
  void cleanLayoutIsValid() {
    CheckReport r = check("clean.geojson");
    assertThat(r.problems()).isEmpty();
    assertThat(r.valid()).isTrue();
    assertThat(r.grids()).isEqualTo(4);
    assertThat(r.zoneAreaM2())
        .isCloseTo(EqualArea.quadrangleArea(104.60, 30.10, 104.62, 30.12), within(5.0));
    assertThat(r.toText()).contains("布局有效").contains("the layout is valid");
  }

  @Test
  void bowTieIsInvalidAtItsSelfIntersection() {
    CheckReport r = check("bowtie.geojson");
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.INVALID);
    assertThat(p.gridIds()).containsExactly("G01");
    // the two edges (104.60,30.10)-(104.61,30.11) and (104.61,30.10)-(104.60,30.11) cross here
    assertThat(p.location()[0]).isCloseTo(104.605, within(1e-7));
    assertThat(p.location()[1]).isCloseTo(30.105, within(1e-7));
    assertThat(p.detail()).contains("自相交").contains("Self-intersection");
    assertThat(p.areaM2()).isZero();
  }

  @Test
  void overlapOfKnownArea() {
    CheckReport r = check("overlap.geojson");
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.OVERLAP);
    assertThat(p.gridIds()).containsExactly("G01", "G02");
    assertArea(p, EqualArea.quadrangleArea(104.605, 30.10, 104.61, 30.11)); // ≈ 534,000 m²
    assertInside(p, 104.605, 30.10, 104.61, 30.11);
  }

  @Test
  void gapOfKnownAreaInsideTheFilesOwnOutline() {
    CheckReport r = check("gap.geojson");
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.GAP);
    assertThat(p.gridIds()).containsExactly("G01", "G02", "G03", "G04"); // the grids around it
    assertArea(p, EqualArea.quadrangleArea(104.61, 30.11, 104.62, 30.12));
    assertInside(p, 104.61, 30.11, 104.62, 30.12);
  }

  @Test
  void detachedSmallPartIsASliver() {
    CheckReport r = check("sliver.geojson");
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.SLIVER);
    assertThat(p.gridIds()).containsExactly("G02");
    double expected = EqualArea.quadrangleArea(104.625, 30.10, 104.62505, 30.10005); // ≈ 26.7 m²
    assertThat(expected).isBetween(25.0, 28.0);
    assertArea(p, expected);
    assertInside(p, 104.625, 30.10, 104.62505, 30.10005);
    // below the threshold it is not a sliver any more
    List<LayoutGrid> grids = LayoutFiles.read(fixture("sliver.geojson"));
    assertThat(
            LayoutCheck.run(
                    grids, Zone.unionOf(grids, true, "file"), null, new Rules.LayoutRules(20, 1))
                .valid())
        .isTrue();
  }

  @Test
  void smallOverlapIsASliverToo() {
    LayoutGrid a = grid("G01", 104.60, 30.10, 104.61, 30.11);
    // overlap 0.00005° × 0.0001° ≈ 4.8 m × 11.1 m ≈ 53 m²
    LayoutGrid b = grid("G02", 104.60995, 30.10, 104.62, 30.1001);
    CheckReport r =
        LayoutCheck.run(List.of(a, b), Zone.unionOf(List.of(a, b), true, "t"), null, RULES);
    assertThat(r.problems()).extracting(LayoutProblem::type).containsExactly(Type.SLIVER);
    assertThat(r.problems().get(0).gridIds()).containsExactly("G01", "G02");
    assertArea(r.problems().get(0), EqualArea.quadrangleArea(104.60995, 30.10, 104.61, 30.1001));
  }

  @Test
  void duplicateIds() {
    CheckReport r = check("duplicate.geojson");
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.DUPLICATE_ID);
    assertThat(p.gridIds()).containsExactly("G01");
    assertArea(p, EqualArea.quadrangleArea(104.60, 30.10, 104.62, 30.11));
    assertThat(p.detail()).contains("#1").contains("#2");
  }

  @Test
  void partOutsideTheGivenZone() {
    List<LayoutGrid> grids = LayoutFiles.read(fixture("outside.geojson"));
    Zone zone = Zone.unionOf(LayoutFiles.read(fixture("zone.geojson")), false, "--zone");
    CheckReport r = LayoutCheck.run(grids, zone, null, RULES);
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.OUTSIDE_ZONE);
    assertThat(p.gridIds()).containsExactly("G02");
    assertArea(p, EqualArea.quadrangleArea(104.62, 30.10, 104.625, 30.11));
    assertInside(p, 104.62, 30.10, 104.625, 30.11);
  }

  @Test
  void outsideWithinTheToleranceIsNotReported() {
    List<LayoutGrid> grids = LayoutFiles.read(fixture("outside-within-tolerance.geojson"));
    Zone zone = Zone.unionOf(LayoutFiles.read(fixture("zone.geojson")), false, "--zone");
    // 0.000005° of longitude ≈ 0.48 m beyond the zone: inside the default 1 m tolerance
    assertThat(LayoutCheck.run(grids, zone, null, RULES).valid()).isTrue();
    CheckReport strict = LayoutCheck.run(grids, zone, null, new Rules.LayoutRules(100, 0));
    assertThat(strict.problems())
        .extracting(LayoutProblem::type)
        .containsExactly(Type.OUTSIDE_ZONE);
  }

  @Test
  void gridsNoWorkerHolds() {
    List<LayoutGrid> grids = LayoutFiles.read(fixture("clean.geojson"));
    CheckReport r =
        LayoutCheck.run(
            grids, Zone.unionOf(grids, true, "file"), Set.of("G01", "G02", "G03"), RULES);
    assertThat(r.problems()).hasSize(1);
    LayoutProblem p = r.problems().get(0);
    assertThat(p.type()).isEqualTo(Type.NO_WORKER);
    assertThat(p.gridIds()).containsExactly("G04");
    assertArea(p, EqualArea.quadrangleArea(104.61, 30.11, 104.62, 30.12));
  }

  @Test
  void missingAttributesAreInvalid() {
    CheckReport r = check("attributes.geojson");
    assertThat(r.problems())
        .extracting(LayoutProblem::type)
        .containsExactly(Type.INVALID, Type.INVALID);
    // sorted by grid ids: the feature without id ([]) first
    assertThat(r.problems().get(0).gridIds()).isEmpty();
    assertThat(r.problems().get(0).detail()).contains("#1").contains("missing grid_id");
    assertThat(r.problems().get(1).gridIds()).containsExactly("G02");
    assertThat(r.problems().get(1).detail()).contains("need community");
  }

  @Test
  void gapAgainstTheActiveLayoutZone() {
    // the zone is the active layout (clean 2×2 block); the draft drops G04 → gap of G04's area
    List<LayoutGrid> active = LayoutFiles.read(fixture("clean.geojson"));
    List<LayoutGrid> draft = active.subList(0, 3);
    CheckReport r =
        LayoutCheck.run(draft, Zone.unionOf(active, false, "active layout v1"), null, RULES);
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).type()).isEqualTo(Type.GAP);
    assertThat(r.problems().get(0).gridIds()).containsExactly("G02", "G03");
    assertArea(r.problems().get(0), EqualArea.quadrangleArea(104.61, 30.11, 104.62, 30.12));
  }

  @Test
  void jsonHasTheContractShape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(check("overlap.geojson").toJson());
    assertThat(root.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("valid", "problems");
    assertThat(root.get("valid").asBoolean()).isFalse();
    JsonNode p = root.get("problems").get(0);
    assertThat(p.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("type", "grid_ids", "area_m2", "location", "detail");
    assertThat(p.get("type").asText()).isEqualTo("overlap");
    assertThat(p.get("grid_ids").get(1).asText()).isEqualTo("G02");
    assertThat(p.get("area_m2").isNumber()).isTrue();
    assertThat(p.get("location").size()).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(check("clean.geojson").toJson()).toString())
        .isEqualTo("{\"valid\":true,\"problems\":[]}");
  }

  /**
   * rules.layout.zone_tolerance_m also absorbs uncovered strips along the zone's boundary: grids
   * stopping 5 mm short of a 1 km zone edge (≈ 5 m²) pass; 5 m short (≈ 5,000 m²) is a gap; with
   * the tolerance set to 0 the 5 mm strip is reported as a sliver gap.
   */
  @Test
  void stripsAlongTheZoneBoundaryWithinTheToleranceAreNotGaps() {
    Zone zone = Zone.unionOf(List.of(grid("Z", 104.60, 30.10, 104.61, 30.11)), false, "zone");
    List<LayoutGrid> mm =
        List.of(grid("G01", 104.60, 30.10, 104.61, 30.11 - 4.5e-8)); // 5 mm short of the top
    assertThat(LayoutCheck.run(mm, zone, null, RULES).problems()).isEmpty();
    List<LayoutGrid> metres = List.of(grid("G01", 104.60, 30.10, 104.61, 30.11 - 4.5e-5));
    List<LayoutProblem> gap = LayoutCheck.run(metres, zone, null, RULES).problems();
    assertThat(gap).hasSize(1);
    assertThat(gap.get(0).type()).isEqualTo(Type.GAP);
    assertThat(gap.get(0).areaM2()).isCloseTo(4805, within(50.0));
    List<LayoutProblem> strict =
        LayoutCheck.run(mm, zone, null, new Rules.LayoutRules(100, 0)).problems();
    assertThat(strict).hasSize(1);
    assertThat(strict.get(0).type()).isEqualTo(Type.SLIVER);
  }

  static LayoutGrid grid(String id, double x0, double y0, double x1, double y1) {
    return new LayoutGrid(
        id,
        id,
        "enterprise",
        "中和镇",
        null,
        io.gridwatch.core.geo.Geometries.FACTORY.toGeometry(
            new org.locationtech.jts.geom.Envelope(x0, x1, y0, y1)),
        0);
  }
}
