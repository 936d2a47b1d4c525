package io.gridwatch.analytics.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.core.lake.LakePaths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * grid_month and enterprise_grid on the hand-computed fixture drop (see the CSVs under
 * src/test/resources/fixture-drop): 2 enterprise grids G01|G02 sharing the edge lon=104.61, a
 * community grid C01, months 2025-03 and 2025-04.
 */
class GridMonthJobTest {
  private static List<String> gridMonth;
  private static List<String> enterpriseGrid;

  @BeforeAll
  static void analyse() {
    String lake = FixtureLake.analyzed();
    gridMonth =
        render(
            LakePaths.mart(lake, "grid_month"), GridMonthJob.GRID_MONTH_COLUMNS, "grid_id, month");
    enterpriseGrid =
        render(
            LakePaths.mart(lake, "enterprise_grid"),
            GridMonthJob.ENTERPRISE_GRID_COLUMNS,
            "enterprise_id, layout_version");
  }

  private static List<String> render(String path, List<String> columns, String order) {
    var df = TestSpark.get().read().parquet(path);
    assertThat(df.columns()).containsExactlyElementsOf(columns);
    List<String> out = new ArrayList<>();
    for (Row r : df.orderBy(order.split(", ")[0], order.split(", ")[1]).collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        b.append(i == 0 ? "" : "|").append(r.isNullAt(i) ? "null" : String.valueOf(r.get(i)));
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void gridMonthMatchesHandComputedValues() {
    // grid|month|layout|kind|town|community|worker|enterprises|visited|coverage|full|patrols|
    // env|safety|social|sampled|known|rate|suspicious
    assertThat(gridMonth)
        .containsExactly(
            // C01 had no holder in March (W03 hired 04-01; part-time W05 does not hold a
            // community grid): W01's visit of E09 counts.
            "C01|2025-03|1|community|松涛镇|松涛社区|null|1|1|1.0|true|1|0|0|0|0|0|null|0",
            "C01|2025-04|1|community|松涛镇|松涛社区|W03|1|1|1.0|true|1|0|0|1|0|0|null|0",
            // E01,E02,E03 (on the shared edge → smaller id G01),E08 all visited; P07 (by W02,
            // no enterprise) lies in G01 and counts in its patrols; spot checks 2 of 3.
            "G01|2025-03|1|enterprise|高新区|null|W01|4|4|1.0|true|5|2|1|0|3|2|0.6666666666666666|0",
            // E08 closed 04-10 (<= 15th) no longer counts; E03 missed; P08 at 04-01 00:30
            // Shanghai time is an April visit. W06 (workers.grid_id G01, hired 04-01) would tie
            // W01 on days and win on the later start, but W06's assignment (G02 from 04-25)
            // overrides workers.grid_id.
            "G01|2025-04|1|enterprise|高新区|null|W01|3|2|0.6666666666666666|false|2|0|0|0|0|0|null|0",
            // E05 only visited 821 m away (Vincenty: 821.37) (too_far: suspicious, not counted);
            // E07 registered
            // 03-21 (deadline 04-20) does not count yet.
            "G02|2025-03|1|enterprise|高新区|null|W02|2|1|0.5|false|2|1|0|1|0|0|null|1",
            // W04 (21 days) beats W02 (19 days); W04's visit of E07 on 04-05 is before W04 held
            // the grid, W03 (full-time, other grid) visiting E05 does not count.
            "G02|2025-04|1|enterprise|高新区|null|W04|3|1|0.3333333333333333|false|3|0|1|0|0|0|null|0");
  }

  @Test
  void enterpriseGridPlacesEdgeAndOutsideEnterprises() {
    assertThat(enterpriseGrid)
        .containsExactly(
            "E01|1|G01",
            "E02|1|G01",
            "E03|1|G01",
            "E04|1|G02",
            "E05|1|G02",
            "E06|1|null",
            "E07|1|G02",
            "E08|1|G01",
            "E09|1|C01");
  }

  @Test
  void summaryCountsRowsAndMonths() {
    var s = FixtureLake.summary();
    assertThat(s.martRows()).containsEntry("grid_month", 6L).containsEntry("enterprise_grid", 9L);
    assertThat(s.months()).isEqualTo(2);
    assertThat(s.firstMonth()).isEqualTo("2025-03");
    assertThat(s.lastMonth()).isEqualTo("2025-04");
  }
}
