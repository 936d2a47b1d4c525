package io.gridwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules.layout.* keys: shipped defaults, overrides, validation. */
class LayoutRulesTest {
  @Test
  void defaultsAndOverrides() {
    assertThat(Rules.defaults().layout()).isEqualTo(new Rules.LayoutRules(100, 1));
    assertThat(Rules.of(Map.of("rules.layout.sliver_m2", "250")).layout().sliverM2())
        .isEqualTo(250);
  }

  @Test
  void negativeOrNonNumericIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> Rules.of(Map.of("rules.layout.sliver_m2", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rules.layout.sliver_m2");
    assertThatThrownBy(() -> Rules.of(Map.of("rules.layout.zone_tolerance_m", "一米")))
        .hasMessageContaining("rules.layout.zone_tolerance_m");
  }
}
