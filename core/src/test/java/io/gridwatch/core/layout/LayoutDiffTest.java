package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.core.geo.EqualArea;
import io.gridwatch.core.geo.Geodesy;
import io.gridwatch.core.layout.DiffReport.GridChange;
import io.gridwatch.core.layout.DiffReport.Move;
import io.gridwatch.core.layout.LayoutDiff.Enterprise;
import io.gridwatch.core.layout.LayoutDiff.GridMonth;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand-checked layout pair. Active v1: enterprise grids G1 = lon 104.60–104.61, G2 =
 * 104.61–104.62 (lat 30.10–30.11) and community grid C1 above them (lat 30.11–30.12). Draft: G1
 * shrinks to 104.60–104.609, G2 grows to 104.609–104.62, G3 = 104.62–104.63 is new, C1 is dropped.
 * Enterprises: E1 104.602, E2 104.604, E3 104.608, E4 104.612, E5 104.615 (lat 30.105), E6 on the
 * old shared edge (104.61, 30.102: G1 by the smallest-id rule), E7 104.625 (in no old grid).
 */
class LayoutDiffTest {
  private static final LocalDate DAY = LocalDate.of(2025, 4, 10);

  private static final List<Enterprise> ENTERPRISES =
      List.of(
          new Enterprise("E1", "一号", 104.602, 30.105),
          new Enterprise("E2", "二号", 104.604, 30.105),
          new Enterprise("E3", "三号", 104.608, 30.105),
          new Enterprise("E4", "四号", 104.612, 30.105),
          new Enterprise("E5", "五号", 104.615, 30.105),
          new Enterprise("E6", "六号", 104.61, 30.102),
          new Enterprise("E7", "七号", 104.625, 30.105));

  private static LayoutGrid g(String id, String kind, double x0, double y0, double x1, double y1) {
    LayoutGrid t = LayoutCheckTest.grid(id, x0, y0, x1, y1);
    return new LayoutGrid(id, id, kind, "中和镇", "c", t.geometry(), 0);
  }

  private static DiffReport diff() {
    List<LayoutGrid> active =
        List.of(
            g("G1", "enterprise", 104.60, 30.10, 104.61, 30.11),
            g("G2", "enterprise", 104.61, 30.10, 104.62, 30.11),
            g("C1", "community", 104.60, 30.11, 104.62, 30.12));
    List<LayoutGrid> draft =
        List.of(
            g("G1", "enterprise", 104.60, 30.10, 104.609, 30.11),
            g("G2", "enterprise", 104.609, 30.10, 104.62, 30.11),
            g("G3", "enterprise", 104.62, 30.10, 104.63, 30.11));
    Map<String, List<String>> holders =
        Map.of("G1", List.of("W1"), "G2", List.of("W2"), "C1", List.of("W3"));
    var q =
        LayoutDiff.lastQuarter(
            List.of(
                new GridMonth("G1", "2024-12", 100, 4, 4),
                new GridMonth("G1", "2025-01", 10, 3, 4),
                new GridMonth("G1", "2025-02", 8, 4, 4),
                new GridMonth("G1", "2025-03", 12, 2, 4)));
    return LayoutDiff.compute(
        active, 1, draft, ENTERPRISES, holders, q.getKey(), q.getValue(), DAY);
  }

  private static GridChange grid(DiffReport r, String id) {
    return r.grids().stream().filter(x -> x.gridId().equals(id)).findFirst().orElseThrow();
  }

  private static double d(Enterprise a, Enterprise b) {
    return Geodesy.distanceMeters(a.lon(), a.lat(), b.lon(), b.lat());
  }

  @Test
  void enterprisesThatChangeGrid() {
    assertThat(diff().moves())
        .containsExactly(new Move("E6", "六号", "G1", "G2"), new Move("E7", "七号", null, "G3"));
  }

  @Test
  void perGridFigures() {
    DiffReport r = diff();
    assertThat(r.grids()).extracting(GridChange::gridId).containsExactly("C1", "G1", "G2", "G3");
    assertThat(r.grids())
        .extracting(GridChange::status)
        .containsExactly("removed", "changed", "changed", "added");
    GridChange g1 = grid(r, "G1");
    assertThat(g1.before().enterprises()).isEqualTo(4); // E1 E2 E3 E6
    assertThat(g1.after().enterprises()).isEqualTo(3); // E1 E2 E3
    assertThat(g1.before().areaKm2())
        .isCloseTo(EqualArea.quadrangleArea(104.60, 30.10, 104.61, 30.11) / 1e6, within(1e-4));
    assertThat(g1.after().areaKm2())
        .isCloseTo(EqualArea.quadrangleArea(104.60, 30.10, 104.609, 30.11) / 1e6, within(1e-4));
    // Polsby–Popper of the old G1: a w × h rectangle on the ground, 4π·w·h / (2(w + h))²
    double w = Geodesy.distanceMeters(104.60, 30.105, 104.61, 30.105);
    double h = Geodesy.distanceMeters(104.605, 30.10, 104.605, 30.11);
    assertThat(g1.before().polsbyPopper())
        .isCloseTo(4 * Math.PI * w * h / Math.pow(2 * (w + h), 2), within(1e-4));
    // tours: old G1 = E1 → E2 → E3 → E6 → E1 (three on a line, E6 below); new G2 = a triangle
    Enterprise[] e = ENTERPRISES.toArray(new Enterprise[0]);
    assertThat(g1.before().tourKm() * 1000)
        .isCloseTo(d(e[0], e[1]) + d(e[1], e[2]) + d(e[2], e[5]) + d(e[5], e[0]), within(1e-6));
    assertThat(grid(r, "G2").after().tourKm() * 1000)
        .isCloseTo(d(e[3], e[4]) + d(e[4], e[5]) + d(e[5], e[3]), within(1e-6));
    assertThat(grid(r, "G3").after().tourKm()).isZero(); // one enterprise
    // last quarter 2025Q1 of G1: patrols 10+8+12, coverage (3+4+2)/(4+4+4)
    assertThat(r.quarter()).isEqualTo("2025Q1");
    assertThat(g1.lastQuarter().patrols()).isEqualTo(30);
    assertThat(g1.lastQuarter().coverage()).isEqualTo(0.75);
    assertThat(grid(r, "G2").lastQuarter()).isNull();
    assertThat(g1.holders()).containsExactly("W1");
  }

  @Test
  void balancePerKind() {
    DiffReport r = diff();
    var enterprise =
        r.balance().stream().filter(b -> b.kind().equals("enterprise")).findFirst().orElseThrow();
    // old G1 4, G2 2: mean 3, σ 1 → CV 1/3, max/min 2; new G1 3, G2 3, G3 1: mean 7/3
    assertThat(enterprise.before().cv()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(enterprise.before().maxMinRatio()).isEqualTo(2.0);
    double mean = 7.0 / 3;
    double sd = Math.sqrt((2 * Math.pow(3 - mean, 2) + Math.pow(1 - mean, 2)) / 3);
    assertThat(enterprise.after().cv()).isCloseTo(sd / mean, within(1e-12));
    assertThat(enterprise.after().maxMinRatio()).isEqualTo(3.0);
    var community =
        r.balance().stream().filter(b -> b.kind().equals("community")).findFirst().orElseThrow();
    assertThat(community.before().grids()).isEqualTo(1);
    assertThat(community.after()).isNull();
  }

  @Test
  void affectedWorkers() {
    assertThat(diff().affectedWorkers())
        .containsExactly(
            new DiffReport.AffectedWorker("W1", "G1", 0, 1, false),
            new DiffReport.AffectedWorker("W2", "G2", 1, 0, false),
            new DiffReport.AffectedWorker("W3", "C1", 0, 0, true));
  }

  @Test
  void reportsRender() throws Exception {
    DiffReport r = diff();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.toJson());
    assertThat(json.get("moves").get(0).get("enterprise_id").asText()).isEqualTo("E6");
    assertThat(json.get("grids").get(1).get("old").get("enterprises").asInt()).isEqualTo(4);
    assertThat(json.get("grids").get(0).get("new").isNull()).isTrue();
    assertThat(r.toText()).contains("换网格的企业").contains("E6").contains("affected workers: 3");
  }
}
