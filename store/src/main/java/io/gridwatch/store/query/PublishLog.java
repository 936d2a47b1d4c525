package io.gridwatch.store.query;

import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the publish log ({@code gridwatch.publishes}). */
public final class PublishLog {
  /** One committed publish: its id, time, source lake (may be null) and row counts as JSON. */
  public record Publish(long id, Instant publishedAt, String lake, String rowCountsJson) {}

  private PublishLog() {}

  /** The most recent committed publish, if any. */
  public static Optional<Publish> latest(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, published_at, lake, row_counts::text FROM gridwatch.publishes"
                    + " ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Publish(
              rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)));
    } catch (SQLException e) {
      throw new StoreException("publish log could not be read", e);
    }
  }

  /** The id of the most recent committed publish, or 0 when nothing was published yet. */
  public static long latestId(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COALESCE(max(id), 0) FROM gridwatch.publishes");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("publish log could not be read", e);
    }
  }
}
