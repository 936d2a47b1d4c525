package io.gridwatch.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway database with PostGIS on the same server as a given JDBC URL, dropped on close. Tests
 * use it so that they never see each other's published rows. When the server refuses {@code CREATE
 * DATABASE} (an external database without that privilege), the given database itself is used and
 * nothing is dropped.
 */
public final class ScratchDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchDatabase.class);
  private static final Pattern URL =
      Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?", Pattern.DOTALL);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String serverUrl;
  private final String name;
  private final String url;

  private ScratchDatabase(String serverUrl, String name, String url) {
    this.serverUrl = serverUrl;
    this.name = name;
    this.url = url;
  }

  /**
   * Starts the local cluster if needed (or uses GRIDWATCH_DB_URL) and creates a scratch database.
   */
  public static ScratchDatabase createLocal(String prefix) {
    return create(LocalCluster.ensureStarted(), prefix);
  }

  /** Creates a scratch database named {@code <prefix>_<random>} next to the one at serverUrl. */
  public static ScratchDatabase create(String serverUrl, String prefix) {
    Matcher m = URL.matcher(serverUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host/db URL: " + serverUrl);
    }
    if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
      throw new IllegalArgumentException("bad database prefix: " + prefix);
    }
    String name = prefix + "_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      LOG.warn("cannot create a scratch database ({}); using {} itself", e.getMessage(), serverUrl);
      return new ScratchDatabase(serverUrl, null, serverUrl);
    }
    String url = m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
    } catch (SQLException e) {
      ScratchDatabase db = new ScratchDatabase(serverUrl, name, url);
      db.close();
      throw new StoreException("cannot create extension postgis in " + name, e);
    }
    return new ScratchDatabase(serverUrl, name, url);
  }

  /** The JDBC URL of the scratch database. */
  public String url() {
    return url;
  }

  /** Drops the scratch database, disconnecting whoever is still connected. */
  @Override
  public void close() {
    if (name == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new StoreException("cannot drop scratch database " + name, e);
    }
  }
}
