package io.gridwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {
  @Test
  void loadsOverridesAndKeepsDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rules.properties");
    Files.writeString(f, "# comment\nrules.visit.max_distance_m = 300\n");
    Rules r = Rules.load(f);
    assertThat(r.visitMaxDistanceM()).isEqualTo(300);
    assertThat(r.discoveryDays()).isEqualTo(30);
  }

  @Test
  void rejectsNegativeThreshold(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rules.properties");
    Files.writeString(f, "rules.visit.max_distance_m=-1\n");
    assertThatThrownBy(() -> Rules.load(f)).hasMessageContaining("rules.visit.max_distance_m");
  }
}
