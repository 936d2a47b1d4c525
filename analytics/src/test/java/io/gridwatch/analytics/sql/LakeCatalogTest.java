package io.gridwatch.analytics.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakeSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakeCatalogTest {
  @Test
  void describesEveryTableWithCountsAndDocumentedColumns() {
    List<LakeCatalog.TableInfo> tables =
        LakeCatalog.describe(TestSpark.get(), FixtureLake.analyzed());
    LakeCatalog.TableInfo gridMonth =
        tables.stream().filter(t -> t.name().equals("grid_month")).findFirst().orElseThrow();
    assertThat(gridMonth.rows()).isPositive();
    assertThat(gridMonth.meaning()).contains("网格月度巡查");
    assertThat(gridMonth.columns())
        .allSatisfy(c -> assertThat(c.meaning()).as(c.name()).isNotEmpty());
    // every source table present in the lake has a documented meaning
    assertThat(tables)
        .filteredOn(t -> LakeSchema.table(t.name()).isPresent())
        .allSatisfy(t -> assertThat(t.meaning()).as(t.name()).isNotEmpty());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LakeCatalog.print(tables, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("## `grid_month`")
        .contains("| `coverage` | double |");
  }
}
