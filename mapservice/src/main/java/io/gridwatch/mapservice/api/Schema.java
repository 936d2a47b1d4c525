package io.gridwatch.mapservice.api;

import io.gridwatch.store.Db;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the published schema exists before a query: migrates once, retrying on later requests
 * while the database is down.
 */
public final class Schema {
  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
  private final DataSource dataSource;
  private final AtomicBoolean ready = new AtomicBoolean();

  /** A guard for one DataSource. */
  public Schema(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Migrates if not done yet; throws ApiException 503 while the database is unreachable. */
  public void ensure() {
    if (ready.get()) {
      return;
    }
    synchronized (this) {
      if (ready.get()) {
        return;
      }
      try {
        Db.migrate(dataSource);
        ready.set(true);
      } catch (RuntimeException e) {
        if (DbErrors.isUnavailable(e)) {
          throw new ApiException(503, "database unavailable", e);
        }
        LOG.warn("schema migration failed: {}", e.getMessage());
        throw e;
      }
    }
  }

  /** Tries to migrate now; logs instead of failing (used at start-up). */
  public void tryEnsure() {
    try {
      ensure();
    } catch (RuntimeException e) {
      LOG.warn(
          "database not ready at start-up ({}); will retry on the next request", e.getMessage());
    }
  }
}
