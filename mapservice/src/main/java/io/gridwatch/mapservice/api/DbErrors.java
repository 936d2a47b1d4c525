package io.gridwatch.mapservice.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells database outages (answer 503) from other failures (answer 500). */
public final class DbErrors {
  private DbErrors() {}

  /** True when the throwable, or a cause, says the database cannot be reached. */
  public static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransientConnectionException || c instanceof java.net.ConnectException) {
        return true;
      }
      if (c instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("08")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
