package io.gridwatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Connections to the gridwatch database and its schema migrations. */
public final class Db {
  /** The schema that holds every published table. */
  public static final String SCHEMA = "gridwatch";

  private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

  private Db() {}

  /**
   * The default JDBC URL: {@code GRIDWATCH_DB_URL}, else the project's local cluster, which is
   * provisioned and started when needed (idempotent, fast when already running).
   */
  public static String defaultUrl() {
    return LocalCluster.ensureStarted();
  }

  /**
   * A pooled DataSource for a JDBC URL. It is created even while the database is down (callers see
   * connection errors per request) and recovers by itself when it comes back.
   */
  public static HikariDataSource dataSource(String jdbcUrl) {
    return dataSource(jdbcUrl, 8);
  }

  /** A pooled DataSource for a JDBC URL with at most {@code maxPoolSize} connections. */
  public static HikariDataSource dataSource(String jdbcUrl, int maxPoolSize) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName("gridwatch");
    cfg.setMaximumPoolSize(maxPoolSize);
    cfg.setMinimumIdle(1);
    cfg.setConnectionTimeout(3_000);
    cfg.setValidationTimeout(2_000);
    cfg.setInitializationFailTimeout(-1);
    return new HikariDataSource(cfg);
  }

  /**
   * Applies the Flyway migrations (classpath:db/migration) to schema {@code gridwatch}. A Hikari
   * pool is migrated through its URL (Flyway needs two connections at once, more than a small pool
   * may have); any other DataSource must allow two connections.
   */
  public static void migrate(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
      migrate(hikari.getJdbcUrl());
      return;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .schemas(SCHEMA)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("database migration failed", e);
    }
  }

  /** Migrates the database at a JDBC URL, at most once per URL and JVM. */
  public static void migrate(String jdbcUrl) {
    if (MIGRATED.contains(jdbcUrl)) {
      return;
    }
    synchronized (MIGRATED) {
      if (MIGRATED.contains(jdbcUrl)) {
        return;
      }
      try {
        Flyway.configure()
            .dataSource(jdbcUrl, null, null)
            .schemas(SCHEMA)
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        throw new StoreException("database migration failed", e);
      }
      MIGRATED.add(jdbcUrl);
    }
  }
}
