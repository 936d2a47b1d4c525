package io.gridwatch.mapservice.api;

import io.gridwatch.store.query.PublishLog;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** {@code GET /api/health}: 200 {"status":"ok","db":"up",...} or 503 while the DB is down. */
public final class HealthApi {
  private final DataSource dataSource;
  private final Schema schema;

  /** Health of the given database. */
  public HealthApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** Answers the health check; never throws. */
  public void handle(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(2)) {
        throw new SQLException("connection not valid", "08006");
      }
    } catch (SQLException | RuntimeException e) {
      body.put("status", "unavailable");
      body.put("db", "down");
      body.put("error", "database unreachable");
      Json.write(ctx, 503, body);
      return;
    }
    body.put("status", "ok");
    body.put("db", "up");
    try {
      schema.ensure();
      PublishLog.latest(dataSource)
          .ifPresent(
              p -> {
                body.put("last_publish", p.publishedAt().toString());
                body.put("publish_id", p.id());
              });
    } catch (RuntimeException e) {
      body.put("schema", "not ready");
    }
    Json.write(ctx, 200, body);
  }
}
