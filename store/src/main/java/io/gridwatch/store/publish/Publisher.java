package io.gridwatch.store.publish;

import static io.gridwatch.store.publish.PublishedTables.quote;

import io.gridwatch.store.Db;
import io.gridwatch.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atomic publish of marts into PostGIS (the publish contract of gw-team.md): {@link #begin} creates
 * empty UNLOGGED staging copies of every published table, {@link #copy} streams rows into one with
 * COPY (from any JVM, e.g. a Spark executor), {@link #commit} replaces all live tables in one
 * transaction, {@link #abort} drops the staging. Readers see the old state until commit.
 */
public final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
  private static final Pattern STAGING_ID = Pattern.compile("[a-z0-9]{1,24}");
  private static final long LOCK_KEY = 0x67726964L; // "grid": serializes commits
  private static final int FLUSH_CHARS = 1 << 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String STALE_AFTER = "2 days";
  private static final String INDEX_BUILD_MEMORY = "256MB";

  private Publisher() {}

  /** Migrates if needed, creates empty staging copies of every published table; returns the id. */
  public static String begin(String jdbcUrl) {
    return begin(jdbcUrl, null);
  }

  /** Like {@link #begin(String)}, recording the lake the rows come from in the publish log. */
  public static String begin(String jdbcUrl, String lake) {
    Db.migrate(jdbcUrl);
    dropStale(jdbcUrl);
    String id = newId();
    try (Connection c = connect(jdbcUrl)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO gridwatch.publish_stagings (staging_id, lake, tables) VALUES (?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, lake);
        ps.setArray(3, c.createArrayOf("text", PublishedTables.ALL.toArray()));
        ps.executeUpdate();
      }
      try (Statement st = c.createStatement()) {
        for (String table : PublishedTables.ALL) {
          String stage = stageTable(id, table);
          st.execute(
              "CREATE UNLOGGED TABLE gridwatch."
                  + stage
                  + " (LIKE gridwatch."
                  + quote(table)
                  + " INCLUDING DEFAULTS) WITH (autovacuum_enabled = false)");
          for (LiveColumn col : liveColumns(c, table)) {
            if (col.geometryType != null) {
              // staging takes any WKB (SRID 0); commit converts to the live column's type
              st.execute(
                  "ALTER TABLE gridwatch."
                      + stage
                      + " ALTER COLUMN "
                      + quote(col.name)
                      + " TYPE public.geometry");
            }
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("publish begin failed", e);
    }
    LOG.info("publish {} begun (tables {})", id, PublishedTables.ALL);
    return id;
  }

  /**
   * Streams rows into the staging copy of {@code table} with COPY on a connection of its own; each
   * row holds the values of {@code columns} in order. Returns the number of rows copied. Not
   * idempotent: a caller that may retry (a Spark task) uses the overload with a partition id.
   */
  public static long copy(
      String jdbcUrl,
      String stagingId,
      String table,
      List<String> columns,
      Iterator<Object[]> rows) {
    String sql = copySql(stagingId, table, columns);
    try (Connection c = connect(jdbcUrl)) {
      return copyRows(c, sql, table, columns, rows);
    } catch (SQLException e) {
      throw new StoreException("publish copy into " + table + " (" + stagingId + ") failed", e);
    }
  }

  /**
   * Like {@link #copy(String, String, String, List, Iterator)}, but at most once per {@code part}
   * (e.g. a Spark partition id) of this staging and table: the copy and a ledger row commit in one
   * transaction, so a retried or speculative attempt of a partition already copied copies nothing
   * and returns the row count recorded by the first attempt. Concurrent attempts wait for each
   * other.
   */
  public static long copy(
      String jdbcUrl,
      String stagingId,
      String table,
      List<String> columns,
      Iterator<Object[]> rows,
      String part) {
    if (part == null || part.isEmpty()) {
      throw new IllegalArgumentException("partition id must not be empty");
    }
    String sql = copySql(stagingId, table, columns);
    try (Connection c = connect(jdbcUrl)) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement claim =
            c.prepareStatement(
                "INSERT INTO gridwatch.publish_parts (staging_id, table_name, part)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
          claim.setString(1, stagingId);
          claim.setString(2, table);
          claim.setString(3, part);
          if (claim.executeUpdate() == 0) {
            long done = copiedRows(c, stagingId, table, part);
            c.rollback();
            LOG.info(
                "publish {}: partition {} of {} already copied ({} rows); skipped",
                stagingId,
                part,
                table,
                done);
            return done;
          }
        }
        long n = copyRows(c, sql, table, columns, rows);
        try (PreparedStatement done =
            c.prepareStatement(
                "UPDATE gridwatch.publish_parts SET row_count = ?"
                    + " WHERE staging_id = ? AND table_name = ? AND part = ?")) {
          done.setLong(1, n);
          done.setString(2, stagingId);
          done.setString(3, table);
          done.setString(4, part);
          done.executeUpdate();
        }
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "publish copy into " + table + " part " + part + " (" + stagingId + ") failed", e);
    }
  }

  /**
   * The column names and PostgreSQL data types ({@code information_schema} spelling, e.g. {@code
   * integer}, {@code double precision}, {@code jsonb}; geometry is {@code USER-DEFINED}) of a
   * published table, in order; migrates first.
   */
  public static Map<String, String> columnTypes(String jdbcUrl, String table) {
    PublishedTables.require(table);
    Db.migrate(jdbcUrl);
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection c = connect(jdbcUrl);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema = 'gridwatch' AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("columns of " + table + " could not be read", e);
    }
    return types;
  }

  private static String copySql(String stagingId, String table, List<String> columns) {
    requireId(stagingId);
    PublishedTables.require(table);
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to copy into " + table);
    }
    return "COPY gridwatch."
        + stageTable(stagingId, table)
        + " ("
        + columns.stream().map(PublishedTables::quote).collect(Collectors.joining(", "))
        + ") FROM STDIN";
  }

  private static long copiedRows(Connection c, String stagingId, String table, String part)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT row_count FROM gridwatch.publish_parts"
                + " WHERE staging_id = ? AND table_name = ? AND part = ?")) {
      ps.setString(1, stagingId);
      ps.setString(2, table);
      ps.setString(3, part);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }

  private static long copyRows(
      Connection c, String sql, String table, List<String> columns, Iterator<Object[]> rows)
      throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      StringBuilder buf = new StringBuilder(FLUSH_CHARS + 1024);
      long n = 0;
      while (rows.hasNext()) {
        Object[] row = rows.next();
        if (row == null || row.length != columns.size()) {
          throw new IllegalArgumentException(
              "row "
                  + (n + 1)
                  + " of "
                  + table
                  + " has "
                  + (row == null ? 0 : row.length)
                  + " values for "
                  + columns.size()
                  + " columns");
        }
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            buf.append('\t');
          }
          try {
            CopyText.append(buf, row[i]);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                table + "." + columns.get(i) + " in row " + (n + 1) + ": " + e.getMessage(), e);
          }
        }
        buf.append('\n');
        n++;
        if (buf.length() >= FLUSH_CHARS) {
          write(in, buf);
        }
      }
      write(in, buf);
      return in.endCopy();
    } catch (SQLException | RuntimeException e) {
      cancelQuietly(in, e);
      throw e;
    }
  }

  /**
   * In one transaction replaces every live published table by its staged rows, drops the staging
   * and records the publish in {@code gridwatch.publishes}. Readers never see half a publish. Each
   * table is rebuilt beside the live one and swapped in ({@link NextTable}: bulk index builds), or
   * replaced in place when a view or foreign key depends on it.
   */
  public static void commit(String jdbcUrl, String stagingId) {
    requireId(stagingId);
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect(jdbcUrl)) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, LOCK_KEY);
          lock.execute();
        }
        Staging staging = staging(c, stagingId);
        if (staging == null) {
          throw new IllegalStateException(
              "no open staging " + stagingId + " (committed or aborted?)");
        }
        List<NextTable> built = new ArrayList<>();
        try (Statement st = c.createStatement()) {
          // bulk index builds (NextTable) sort in memory up to this much, per index
          st.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
          for (String table : staging.tables) {
            String stage = stageTable(stagingId, table);
            if (!exists(c, stage)) {
              throw new IllegalStateException("staging table gridwatch." + stage + " is missing");
            }
            List<LiveColumn> cols = liveColumns(c, table);
            String names =
                cols.stream().map(col -> quote(col.name)).collect(Collectors.joining(", "));
            String exprs =
                cols.stream().map(LiveColumn::insertExpression).collect(Collectors.joining(", "));
            long n;
            if (NextTable.hasDependents(c, table)) {
              // a view or foreign key refers to the live table: replace its rows in place
              st.executeUpdate("DELETE FROM gridwatch." + quote(table));
              n =
                  st.executeLargeUpdate(
                      "INSERT INTO gridwatch."
                          + quote(table)
                          + " ("
                          + names
                          + ") SELECT "
                          + exprs
                          + " FROM gridwatch."
                          + stage);
            } else {
              NextTable next = NextTable.build(c, stagingId, table, stage, names, exprs);
              built.add(next);
              n = next.rows();
            }
            st.execute("DROP TABLE gridwatch." + stage);
            counts.put(table, n);
          }
        }
        // last, so that the live tables are locked only for the swap itself
        for (NextTable next : built) {
          next.swap(c);
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO gridwatch.publishes (staging_id, lake, row_counts) VALUES (?, ?, ?::jsonb)")) {
          ps.setString(1, stagingId);
          ps.setString(2, staging.lake);
          ps.setString(3, countsJson(counts));
          ps.executeUpdate();
        }
        forget(c, stagingId);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("publish commit of " + stagingId + " failed", e);
    }
    LOG.info("publish {} committed {}", stagingId, counts);
  }

  /** Removes a staging's bookkeeping (its stagings row and part ledger) in the caller's tx. */
  private static void forget(Connection c, String stagingId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM gridwatch.publish_stagings WHERE staging_id = ?")) {
      ps.setString(1, stagingId);
      ps.executeUpdate();
    }
    deleteParts(c, stagingId);
  }

  /** Drops the staging tables of a publish; the live tables stay untouched. Idempotent. */
  public static void abort(String jdbcUrl, String stagingId) {
    requireId(stagingId);
    try (Connection c = connect(jdbcUrl)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        for (String table : PublishedTables.ALL) {
          st.execute("DROP TABLE IF EXISTS gridwatch." + stageTable(stagingId, table));
        }
        forget(c, stagingId);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("publish abort of " + stagingId + " failed", e);
    }
    LOG.info("publish {} aborted", stagingId);
  }

  /** The staging table's name (unquoted, in schema gridwatch) for a staging id and table. */
  public static String stageTable(String stagingId, String table) {
    return "stage_" + requireId(stagingId) + "_" + PublishedTables.require(table);
  }

  private static void dropStale(String jdbcUrl) {
    List<String> stale = new ArrayList<>();
    try (Connection c = connect(jdbcUrl);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT staging_id FROM gridwatch.publish_stagings WHERE created_at < now() - interval '"
                    + STALE_AFTER
                    + "'")) {
      while (rs.next()) {
        stale.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new StoreException("publish begin failed", e);
    }
    for (String id : stale) {
      LOG.warn("dropping stale publish staging {} (older than {})", id, STALE_AFTER);
      abort(jdbcUrl, id);
    }
  }

  private static void deleteParts(Connection c, String stagingId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM gridwatch.publish_parts WHERE staging_id = ?")) {
      ps.setString(1, stagingId);
      ps.executeUpdate();
    }
  }

  private static Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  private static void write(CopyIn in, StringBuilder buf) throws SQLException {
    if (buf.length() > 0) {
      byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      buf.setLength(0);
    }
  }

  private static void cancelQuietly(CopyIn in, Exception cause) {
    try {
      if (in.isActive()) {
        in.cancelCopy();
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static String requireId(String stagingId) {
    if (stagingId == null || !STAGING_ID.matcher(stagingId).matches()) {
      throw new IllegalArgumentException("not a staging id: " + stagingId);
    }
    return stagingId;
  }

  private static String newId() {
    return "p"
        + Long.toString(System.currentTimeMillis(), 36)
        + String.format("%06x", RANDOM.nextInt(1 << 24));
  }

  private static String countsJson(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static boolean exists(Connection c, String stage) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, "gridwatch." + stage);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static Staging staging(Connection c, String stagingId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT lake, tables FROM gridwatch.publish_stagings WHERE staging_id = ? FOR UPDATE")) {
      ps.setString(1, stagingId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Array arr = rs.getArray(2);
        List<String> tables = new ArrayList<>();
        for (Object o : (Object[]) arr.getArray()) {
          tables.add(PublishedTables.require((String) o));
        }
        return new Staging(rs.getString(1), tables);
      }
    }
  }

  private static List<LiveColumn> liveColumns(Connection c, String table) throws SQLException {
    List<LiveColumn> cols = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.column_name, g.type, g.srid FROM information_schema.columns c"
                + " LEFT JOIN public.geometry_columns g ON g.f_table_schema = c.table_schema"
                + "  AND g.f_table_name = c.table_name AND g.f_geometry_column = c.column_name"
                + " WHERE c.table_schema = 'gridwatch' AND c.table_name = ?"
                + "  AND c.is_generated = 'NEVER' AND c.is_identity = 'NO'"
                + " ORDER BY c.ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cols.add(new LiveColumn(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
    }
    if (cols.isEmpty()) {
      throw new IllegalStateException("published table gridwatch." + table + " does not exist");
    }
    return cols;
  }

  private record Staging(String lake, List<String> tables) {}

  private record LiveColumn(String name, String geometryType, int srid) {
    String insertExpression() {
      String col = quote(name);
      if (geometryType == null) {
        return col;
      }
      String expr = srid > 0 ? "public.ST_SetSRID(" + col + ", " + srid + ")" : col;
      return geometryType.startsWith("MULTI") ? "public.ST_Multi(" + expr + ")" : expr;
    }
  }
}
