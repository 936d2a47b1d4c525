package io.gridwatch.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Lakes with missing tables. */
class AnalyzeJobTest {
  private static void delete(String lake, String table) throws IOException {
    try (Stream<Path> s = Files.walk(Path.of(LakePaths.table(lake, table)))) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void gridsOnlyLakeGivesEmptyMarts() throws IOException {
    String lake = FixtureLake.build(TestSpark.get());
    for (String t : new String[] {"patrols", "workers", "enterprises", "spot_checks", "layouts"}) {
      delete(lake, t);
    }
    AnalyzeSummary s = AnalyzeJob.run(TestSpark.get(), new AnalyzeConfig(lake, Rules.defaults()));
    assertThat(s.martRows()).containsEntry("grid_month", 0L).containsEntry("enterprise_grid", 0L);
    assertThat(s.months()).isZero();
    assertThat(s.firstMonth()).isNull();
  }

  @Test
  void lakeWithoutGridsFailsWithAClearMessage() throws IOException {
    String lake = FixtureLake.tempDir("no-grids").toString();
    assertThatThrownBy(
            () -> AnalyzeJob.run(TestSpark.get(), new AnalyzeConfig(lake, Rules.defaults())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("grids");
  }
}
