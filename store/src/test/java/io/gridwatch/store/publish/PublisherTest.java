package io.gridwatch.store.publish;

import static io.gridwatch.store.publish.PublishFixtures.GRID_COLUMNS;
import static io.gridwatch.store.publish.PublishFixtures.GRID_MONTH_COLUMNS;
import static io.gridwatch.store.publish.PublishFixtures.grid;
import static io.gridwatch.store.publish.PublishFixtures.gridMonth;
import static io.gridwatch.store.publish.PublishFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.core.geo.Geometries;
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
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

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

  @Test
  void aRetriedPartitionIsCopiedOnceAndAFailedAttemptLeavesNothing() throws SQLException {
    String id = Publisher.begin(url);
    try {
      List<Object[]> part0 =
          List.<Object[]>of(grid("R1", "r", 104, 30, 0.01), grid("R2", "r", 104.1, 30, 0.01));
      assertThat(Publisher.copy(url, id, "grids", GRID_COLUMNS, part0.iterator(), "0"))
          .isEqualTo(2);
      // the retry of partition 0 (e.g. a Spark task whose first attempt died after its COPY)
      assertThat(Publisher.copy(url, id, "grids", GRID_COLUMNS, part0.iterator(), "0"))
          .isEqualTo(2);
      // partition 1 fails half-way on its first attempt: rolled back, the retry copies it all
      Iterator<Object[]> failing =
          new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
              return true;
            }

            @Override
            public Object[] next() {
              if (n++ == 1) {
                throw new IllegalStateException("executor lost");
              }
              return grid("R3", "r", 104.2, 30, 0.01);
            }
          };
      assertThatThrownBy(() -> Publisher.copy(url, id, "grids", GRID_COLUMNS, failing, "1"))
          .hasMessageContaining("executor lost");
      assertThat(
              Publisher.copy(
                  url,
                  id,
                  "grids",
                  GRID_COLUMNS,
                  List.<Object[]>of(grid("R3", "r", 104.2, 30, 0.01)).iterator(),
                  "1"))
          .isEqualTo(1);
      Publisher.commit(url, id);
    } catch (RuntimeException e) {
      Publisher.abort(url, id);
      throw e;
    }
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      assertThat(gridIds(c)).containsExactly("R1", "R2", "R3");
      ResultSet rs = st.executeQuery("SELECT count(*) FROM gridwatch.publish_parts");
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void concurrentAttemptsOfOnePartitionWaitForEachOther() throws Exception {
    String id = Publisher.begin(url);
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Object[]> rows =
        List.<Object[]>of(grid("S1", "s", 104, 30, 0.01), grid("S2", "s", 104.1, 30, 0.01));
    Iterator<Object[]> slow =
        new Iterator<>() {
          final Iterator<Object[]> in = rows.iterator();

          @Override
          public boolean hasNext() {
            return in.hasNext();
          }

          @Override
          public Object[] next() {
            firstStarted.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return in.next();
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Long> first =
          pool.submit(() -> Publisher.copy(url, id, "grids", GRID_COLUMNS, slow, "7"));
      firstStarted.await();
      Future<Long> speculative =
          pool.submit(() -> Publisher.copy(url, id, "grids", GRID_COLUMNS, rows.iterator(), "7"));
      Thread.sleep(300);
      assertThat(speculative.isDone()).as("waits for the running attempt").isFalse();
      release.countDown();
      assertThat(first.get()).isEqualTo(2);
      assertThat(speculative.get()).isEqualTo(2);
      Publisher.commit(url, id);
    } finally {
      pool.shutdownNow();
      Publisher.abort(url, id);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(gridIds(c)).containsExactly("S1", "S2");
    }
  }

  @Test
  void enterprisesAndPatrolsArePointsInWgs84() throws SQLException {
    String id = Publisher.begin(url);
    byte[] point = Geometries.toWkb(Geometries.FACTORY.createPoint(new Coordinate(104.61, 30.11)));
    Publisher.copy(
        url,
        id,
        "enterprises",
        List.of("enterprise_id", "name", "registered_on", "layout_version", "grid_id", "geometry"),
        List.<Object[]>of(new Object[] {"E1", "企业", LocalDate.of(2020, 1, 2), 1, "G1", point})
            .iterator());
    Publisher.copy(
        url,
        id,
        "patrols",
        List.of("patrol_id", "worker_id", "enterprise_id", "visited_at", "month", "geometry"),
        List.<Object[]>of(
                new Object[] {
                  "P1", "W1", "E1", Instant.parse("2025-03-31T17:00:00Z"), "2025-04", point
                })
            .iterator(),
        "0");
    Publisher.copy(
        url,
        id,
        "worker_month",
        List.of("worker_id", "month", "total", "deductions"),
        List.<Object[]>of(new Object[] {"W1", "2025-04", 88.5, "[{\"rule\":\"coverage\"}]"})
            .iterator());
    Publisher.commit(url, id);
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      ResultSet rs =
          st.executeQuery(
              "SELECT e.grid_id, ST_AsText(e.geometry), ST_SRID(e.geometry), p.month,"
                  + " ST_GeometryType(p.geometry), p.visited_at AT TIME ZONE 'Asia/Shanghai'"
                  + " FROM gridwatch.enterprises e JOIN gridwatch.patrols p USING (enterprise_id)");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("G1");
      assertThat(rs.getString(2)).isEqualTo("POINT(104.61 30.11)");
      assertThat(rs.getInt(3)).isEqualTo(4326);
      assertThat(rs.getString(4)).isEqualTo("2025-04");
      assertThat(rs.getString(5)).isEqualTo("ST_Point");
      assertThat(rs.getString(6)).isEqualTo("2025-04-01 01:00:00");
      rs = st.executeQuery("SELECT deductions->0->>'rule', total FROM gridwatch.worker_month");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("coverage");
      assertThat(rs.getDouble(2)).isEqualTo(88.5);
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
