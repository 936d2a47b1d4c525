package io.gridwatch.store.query;

import static io.gridwatch.store.publish.PublishFixtures.grid;
import static io.gridwatch.store.publish.PublishFixtures.gridMonth;
import static io.gridwatch.store.publish.PublishFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.gridwatch.store.Db;
import io.gridwatch.store.ScratchDatabase;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GridQueriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ScratchDatabase db;
  private static HikariDataSource ds;

  @BeforeAll
  static void database() {
    db = ScratchDatabase.createLocal("gw_store_test");
    ds = Db.dataSource(db.url(), 2);
  }

  @AfterAll
  static void drop() {
    ds.close();
    db.close();
  }

  @Test
  void emptyDatabaseGivesAnEmptyCollection() throws Exception {
    try (ScratchDatabase empty = ScratchDatabase.createLocal("gw_store_test");
        HikariDataSource emptyDs = Db.dataSource(empty.url(), 1)) {
      Db.migrate(emptyDs);
      JsonNode fc = JSON.readTree(GridQueries.gridsGeoJson(emptyDs, YearMonth.of(2025, 3)));
      assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
      assertThat(fc.get("features")).isEmpty();
      assertThat(GridQueries.months(emptyDs)).isEmpty();
      assertThat(PublishLog.latest(emptyDs)).isEmpty();
    }
  }

  @Test
  void gridsCarryTheMonthsColumnsAndNullsWhenMissing() throws Exception {
    publish(
        db.url(),
        List.<Object[]>of(
            grid("G1", "一号网格", 104.60, 30.10, 0.01), grid("G2", "二号网格", 104.61, 30.10, 0.01)),
        List.of(
            gridMonth("G1", "2025-03", 10, 9),
            gridMonth("G1", "2025-04", 10, 10),
            gridMonth("G2", "2025-04", 5, 2)));

    assertThat(GridQueries.months(ds))
        .containsExactly(YearMonth.of(2025, 3), YearMonth.of(2025, 4));

    JsonNode fc = JSON.readTree(GridQueries.gridsGeoJson(ds, YearMonth.of(2025, 3)));
    assertThat(fc.get("month").asText()).isEqualTo("2025-03");
    JsonNode features = fc.get("features");
    assertThat(features).hasSize(2);
    JsonNode g1 = features.get(0);
    assertThat(g1.get("id").asText()).isEqualTo("G1");
    assertThat(g1.at("/geometry/type").asText()).isEqualTo("MultiPolygon");
    assertThat(g1.at("/geometry/coordinates/0/0/0/0").asDouble()).isEqualTo(104.60);
    JsonNode p1 = g1.get("properties");
    assertThat(p1.get("name").asText()).isEqualTo("一号网格");
    assertThat(p1.get("month").asText()).isEqualTo("2025-03");
    assertThat(p1.get("enterprises").asInt()).isEqualTo(10);
    assertThat(p1.get("visited").asInt()).isEqualTo(9);
    assertThat(p1.get("coverage").asDouble()).isEqualTo(0.9);
    assertThat(p1.get("full_coverage").asBoolean()).isFalse();
    assertThat(p1.get("worker_id").asText()).isEqualTo("WG1");
    assertThat(p1.get("kind").asText()).isEqualTo("enterprise");
    assertThat(p1.has("geometry")).isFalse();

    JsonNode p2 = features.get(1).get("properties");
    assertThat(p2.get("grid_id").asText()).isEqualTo("G2");
    assertThat(p2.get("town").asText()).isEqualTo("高新区");
    for (String metric : List.of("coverage", "enterprises", "visited", "patrols", "worker_id")) {
      assertThat(p2.has(metric)).as(metric).isTrue();
      assertThat(p2.get(metric).isNull()).as(metric).isTrue();
    }

    JsonNode april = JSON.readTree(GridQueries.gridsGeoJson(ds, YearMonth.of(2025, 4)));
    assertThat(april.at("/features/0/properties/coverage").asDouble()).isEqualTo(1.0);
    assertThat(april.at("/features/1/properties/coverage").asDouble()).isEqualTo(0.4);

    assertThat(PublishLog.latest(ds)).isPresent();
    assertThat(PublishLog.latest(ds).get().rowCountsJson()).contains("\"grid_month\": 3");
  }
}
