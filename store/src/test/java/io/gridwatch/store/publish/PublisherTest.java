package io.gridwatch.store.publish;

import static io.gridwatch.store.publish.PublishFixtures.GRID_COLUMNS;
import static io.gridwatch.store.publish.PublishFixtures.GRID_MONTH_COLUMNS;
import static io.gridwatch.store.publish.PublishFixtures.grid;
import static io.gridwatch.store.publish.PublishFixtures.gridMonth;
import static io.gridwatch.store.publish.PublishFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.store.ScratchDatabase;
import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublisherTest {
  private static ScratchDatabase db;
  private static String url;

  @BeforeAll
  static void database() {
    db = ScratchDatabase.createLocal("gw_store_test");
    url = db.url();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void roundTripKeepsEveryValueAndRecordsThePublish() throws SQLException {
    String tricky = "名称\twith tab\nnew line \\ backslash, 引号\"'";
    List<Object[]> grids =
        List.<Object[]>of(
            grid("G001", tricky, 104.60, 30.10, 0.01), grid("G002", null, 104.61, 30.10, 0.01));
    Object[] full = gridMonth("G001", "2025-03", 4, 4);
    Object[] empty = gridMonth("G002", "2025-03", 0, 0);
    empty[9] = null; // coverage null
    empty[17] = Double.NaN;
    String id = publish(url, grids, List.<Object[]>of(full, empty));

    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      ResultSet rs =
          st.executeQuery(
              "SELECT grid_id, name, ST_GeometryType(geometry), ST_SRID(geometry),"
                  + " round(ST_Area(geometry)::numeric, 6) FROM gridwatch.grids ORDER BY grid_id");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("G001");
      assertThat(rs.getString(2)).isEqualTo(tricky);
      assertThat(rs.getString(3)).isEqualTo("ST_MultiPolygon");
      assertThat(rs.getInt(4)).isEqualTo(4326);
      assertThat(rs.getDouble(5)).isEqualTo(0.0001);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isNull();
      assertThat(rs.next()).isFalse();

      rs =
          st.executeQuery(
              "SELECT grid_id, month, enterprises, visited, coverage, full_coverage, patrols,"
                  + " awareness_rate, town FROM gridwatch.grid_month ORDER BY grid_id");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("2025-03");
      assertThat(rs.getInt(3)).isEqualTo(4);
      assertThat(rs.getDouble(5)).isEqualTo(1.0);
      assertThat(rs.getBoolean(6)).isTrue();
      assertThat(rs.getInt(7)).isEqualTo(8);
      assertThat(rs.getString(9)).isEqualTo("高新区");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(5)).isNull();
      assertThat(rs.getBoolean(6)).isFalse();
      assertThat(rs.getDouble(8)).isNaN();

      rs =
          st.executeQuery(
              "SELECT staging_id, lake, row_counts->>'grids', row_counts->>'grid_month'"
                  + " FROM gridwatch.publishes ORDER BY id DESC LIMIT 1");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(id);
      assertThat(rs.getString(2)).isEqualTo("test-lake");
      assertThat(rs.getString(3)).isEqualTo("2");
      assertThat(rs.getString(4)).isEqualTo("2");
      assertThat(stagingTables(st)).isEmpty();
      rs = st.executeQuery("SELECT count(*) FROM gridwatch.publish_stagings");
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void copyAcceptsDatesInstantsAndBigNumbersAsText() {
    // values of every documented Java type go through COPY; here into text columns of grids
    String id = Publisher.begin(url);
    try {
      long n =
          Publisher.copy(
              url,
              id,
              "grids",
              List.of("grid_id", "layout_version", "name", "kind", "town", "geometry"),
              List.<Object[]>of(
                      new Object[] {
                        "D1",
                        2L,
                        LocalDate.of(2025, 3, 1),
                        Instant.parse("2025-03-01T00:00:00Z"),
                        java.sql.Date.valueOf("2025-03-02"),
                        grid("x", "x", 104, 30, 0.01)[6]
                      })
                  .iterator());
      assertThat(n).isEqualTo(1);
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT layout_version, name, kind, town FROM gridwatch."
                      + Publisher.stageTable(id, "grids"))) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getString(2)).isEqualTo("2025-03-01");
        assertThat(Instant.parse(rs.getString(3))).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(rs.getString(4)).isEqualTo("2025-03-02");
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    } finally {
      Publisher.abort(url, id);
    }
  }

  @Test
  void readersSeeTheOldStateUntilCommit() throws SQLException {
    publish(
        url,
        List.<Object[]>of(grid("A", "a", 104, 30, 0.01)),
        List.<Object[]>of(gridMonth("A", "2025-03", 1, 1)));
    String id = Publisher.begin(url);
    Publisher.copy(
        url,
        id,
        "grids",
        GRID_COLUMNS,
        List.<Object[]>of(grid("B", "b", 104, 30, 0.01), grid("C", "c", 104.1, 30, 0.01))
            .iterator());
    Publisher.copy(
        url,
        id,
        "grid_month",
        GRID_MONTH_COLUMNS,
        List.<Object[]>of(gridMonth("B", "2025-04", 3, 1)).iterator());
    try (Connection reader = DriverManager.getConnection(url)) {
      assertThat(gridIds(reader)).containsExactly("A");
      Publisher.commit(url, id);
      assertThat(gridIds(reader)).containsExactly("B", "C");
    }
  }

  @Test
  void concurrentReadersNeverSeeHalfAPublish() throws Exception {
    List<Object[]> gridsA = List.<Object[]>of(grid("A", "a", 104, 30, 0.01));
    List<Object[]> monthsA = List.<Object[]>of(gridMonth("A", "2025-03", 1, 1));
    List<Object[]> gridsB = new ArrayList<>();
    List<Object[]> monthsB = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      gridsB.add(grid("B" + i, "b", 104 + i * 0.01, 30, 0.01));
      monthsB.add(gridMonth("B" + i, "2025-03", 2, 1));
      monthsB.add(gridMonth("B" + i, "2025-04", 2, 2));
    }
    publish(url, gridsA, monthsA);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (Connection c = DriverManager.getConnection(url);
                  Statement st = c.createStatement()) {
                while (!done.get()) {
                  try (ResultSet rs =
                      st.executeQuery(
                          "SELECT (SELECT count(*) FROM gridwatch.grids),"
                              + " (SELECT count(*) FROM gridwatch.grid_month)")) {
                    rs.next();
                    seen.add(rs.getInt(1) + "/" + rs.getInt(2));
                  }
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    reader.start();
    for (int i = 0; i < 6; i++) {
      if (i % 2 == 0) {
        publish(url, gridsB, monthsB);
      } else {
        publish(url, gridsA, monthsA);
      }
    }
    done.set(true);
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(seen).isNotEmpty().isSubsetOf("1/1", "3/6");
  }

  @Test
  void abortLeavesLiveTablesUntouched() throws SQLException {
    publish(
        url,
        List.<Object[]>of(grid("A", "a", 104, 30, 0.01)),
        List.<Object[]>of(gridMonth("A", "2025-03", 1, 1)));
    String id = Publisher.begin(url);
    Publisher.copy(
        url,
        id,
        "grids",
        GRID_COLUMNS,
        List.<Object[]>of(grid("Z", "z", 104, 30, 0.01)).iterator());
    Publisher.abort(url, id);
    Publisher.abort(url, id); // idempotent
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      assertThat(gridIds(c)).containsExactly("A");
      assertThat(stagingTables(st)).isEmpty();
    }
    assertThatThrownBy(() -> Publisher.commit(url, id))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no open staging");
  }

  @Test
  void failedCommitRollsBackEveryTable() throws SQLException {
    publish(
        url,
        List.<Object[]>of(grid("A", "a", 104, 30, 0.01)),
        List.<Object[]>of(gridMonth("A", "2025-03", 1, 1)));
    String id = Publisher.begin(url);
    Publisher.copy(
        url,
        id,
        "grids",
        GRID_COLUMNS,
        List.<Object[]>of(grid("B", "b", 104, 30, 0.01)).iterator());
    // staging has no CHECK constraints; the live table refuses the month at commit
    Publisher.copy(
        url,
        id,
        "grid_month",
        GRID_MONTH_COLUMNS,
        List.<Object[]>of(gridMonth("B", "2025-13", 1, 1)).iterator());
    assertThatThrownBy(() -> Publisher.commit(url, id))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("grid_month_month_check");
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(gridIds(c)).containsExactly("A");
    }
    Publisher.abort(url, id);
  }

  @Test
  void copyRejectsBadInputWithAClearMessage() {
    String id = Publisher.begin(url);
    try {
      assertThatThrownBy(
              () ->
                  Publisher.copy(
                      url,
                      id,
                      "grids",
                      GRID_COLUMNS,
                      List.<Object[]>of(new Object[] {"A"}).iterator()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 1 values for 7 columns");
      assertThatThrownBy(
              () ->
                  Publisher.copy(
                      url,
                      id,
                      "grids",
                      List.of("grid_id", "name"),
                      List.<Object[]>of(new Object[] {"A", new Object()}).iterator()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("grids.name in row 1");
      assertThatThrownBy(
              () ->
                  Publisher.copy(
                      url,
                      id,
                      "grids",
                      List.of("grid_id", "layout_version"),
                      List.<Object[]>of(new Object[] {"A", "not a number"}).iterator()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("invalid input syntax");
      assertThatThrownBy(
              () -> Publisher.copy(url, id, "users", List.of("x"), Collections.emptyIterator()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  Publisher.copy(
                      url, id, "grids", List.of("grid_id; drop"), Collections.emptyIterator()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Publisher.commit(url, "x'; drop table"))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      Publisher.abort(url, id);
    }
  }

  private static List<String> gridIds(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT grid_id FROM gridwatch.grids ORDER BY grid_id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static List<String> stagingTables(Statement st) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        st.executeQuery(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'gridwatch'"
                + " AND tablename LIKE 'stage\\_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return Arrays.asList(names.toArray(new String[0]));
  }
}
