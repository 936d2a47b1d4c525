package io.gridwatch.analytics.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.store.ScratchDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishes the analysed fixture lake into a scratch PostGIS database (real server). */
class PublishJobTest {
  private static ScratchDatabase db;

  @BeforeAll
  static void database() {
    db = ScratchDatabase.createLocal("gw_analytics");
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.url());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void publishesGridsAndGridMonth() throws SQLException {
    var rows = PublishJob.run(TestSpark.get(), FixtureLake.analyzed(), db.url());
    assertThat(rows).containsEntry("grids", 3L).containsEntry("grid_month", 6L);
    assertThat(
            query(
                "SELECT grid_id, layout_version, kind, ST_GeometryType(geometry), ST_SRID(geometry)"
                    + " FROM gridwatch.grids ORDER BY grid_id"))
        .containsExactly(
            "C01|1|community|ST_MultiPolygon|4326",
            "G01|1|enterprise|ST_MultiPolygon|4326",
            "G02|1|enterprise|ST_MultiPolygon|4326");
    assertThat(
            query(
                "SELECT grid_id, month, worker_id, enterprises, visited, coverage, full_coverage,"
                    + " suspicious_visits, awareness_rate FROM gridwatch.grid_month"
                    + " WHERE month = '2025-03' ORDER BY grid_id"))
        .containsExactly(
            "C01|2025-03|null|1|1|1|t|0|null",
            "G01|2025-03|W01|4|4|1|t|0|0.6666666666666666",
            "G02|2025-03|W02|2|1|0.5|f|1|null");
  }

  @Test
  void failsWithoutMartAndLeavesNoStaging() throws Exception {
    String lake = FixtureLake.tempDir("empty-lake").toString();
    assertThatThrownBy(() -> PublishJob.run(TestSpark.get(), lake, db.url()))
        .isInstanceOf(IllegalStateException.class);
  }
}
