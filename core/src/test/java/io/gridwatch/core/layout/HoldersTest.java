package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holders on a day (assignments override workers.grid_id; employment clips) and the layout in
 * force.
 */
class HoldersTest {
  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void holdersOnADay() {
    List<Holders.Worker> workers =
        List.of(
            new Holders.Worker("W1", "G1", d("2024-01-01"), null),
            new Holders.Worker("W2", "G2", d("2024-01-01"), d("2025-03-01")), // left
            new Holders.Worker("W3", "G3", d("2025-04-01"), null), // not yet hired
            new Holders.Worker("W4", "G1", d("2024-01-01"), null), // assignments override
            new Holders.Worker("W5", "G5", d("2024-01-01"), null)); // assignment ended
    List<Holders.Assignment> assignments =
        List.of(
            new Holders.Assignment("W4", "G1", d("2024-01-01"), d("2025-02-01")),
            new Holders.Assignment("W4", "G4", d("2025-02-01"), null),
            new Holders.Assignment("W5", "G5", d("2024-01-01"), d("2025-03-01")));
    Map<String, List<String>> h = Holders.on(d("2025-03-15"), workers, assignments);
    assertThat(h).containsOnlyKeys("G1", "G4");
    assertThat(h.get("G1")).containsExactly("W1");
    assertThat(h.get("G4")).containsExactly("W4");
  }

  @Test
  void layoutInForce() {
    List<LayoutVersions.Version> v =
        List.of(
            new LayoutVersions.Version(1, "retired", d("2020-10-01")),
            new LayoutVersions.Version(2, "active", d("2025-07-01")),
            new LayoutVersions.Version(3, "draft", d("2025-01-01")));
    List<Integer> withGrids = List.of(1, 2, 3);
    assertThat(LayoutVersions.inForce(d("2025-03-15"), v, withGrids)).isEqualTo(1);
    assertThat(LayoutVersions.inForce(d("2025-07-01"), v, withGrids)).isEqualTo(2);
    assertThat(LayoutVersions.inForce(d("2019-01-01"), v, withGrids)).isEqualTo(1);
    assertThat(LayoutVersions.inForce(d("2025-03-15"), List.of(), List.of(1, 2))).isEqualTo(2);
    assertThat(LayoutVersions.inForce(d("2025-03-15"), List.of(), List.of())).isNull();
  }
}
