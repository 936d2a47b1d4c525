package io.gridwatch.mapservice;

import io.gridwatch.store.Db;

/**
 * Configuration of the web service.
 *
 * @param dbUrl JDBC URL of the PostGIS database with the published tables
 * @param port TCP port to listen on (0 picks a free one)
 * @param host address to bind ({@code 0.0.0.0} for every interface, {@code 127.0.0.1} for local)
 * @param dbPool most database connections the service holds at once (1..500)
 */
public record ServeConfig(String dbUrl, int port, String host, int dbPool) {
  /** The default size of the database connection pool. */
  public static final int DEFAULT_DB_POOL = 8;

  /** The default port of {@code gridwatch serve}. */
  public static final int DEFAULT_PORT = 7070;

  /** The default bind address: every interface. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  /** Validates every field; throws IllegalArgumentException naming the bad one. */
  public ServeConfig {
    if (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("db url must be a jdbc:postgresql: URL, got " + dbUrl);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (dbPool < 1 || dbPool > 500) {
      throw new IllegalArgumentException("db pool must be 1..500, got " + dbPool);
    }
  }

  /** A configuration with the default pool size ({@link #DEFAULT_DB_POOL}). */
  public ServeConfig(String dbUrl, int port, String host) {
    this(dbUrl, port, host, DEFAULT_DB_POOL);
  }

  /** The defaults: the project's database ({@link Db#defaultUrl()}), port 7070, every interface. */
  public static ServeConfig defaults() {
    return new ServeConfig(Db.defaultUrl(), DEFAULT_PORT, DEFAULT_HOST);
  }

  /** This configuration with another port. */
  public ServeConfig withPort(int newPort) {
    return new ServeConfig(dbUrl, newPort, host, dbPool);
  }

  /** This configuration with another bind address. */
  public ServeConfig withHost(String newHost) {
    return new ServeConfig(dbUrl, port, newHost, dbPool);
  }
}
