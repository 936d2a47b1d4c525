package io.gridwatch.mapservice.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gridwatch.store.query.PublishLog;
import io.gridwatch.store.query.Scope;
import io.gridwatch.store.tiles.TileLayer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Bounded in-memory cache of gzipped tiles keyed by (publish id, layer, month, z/x/y). The latest
 * publish id is read from {@code gridwatch.publishes} at most once per {@code checkMillis}; when it
 * changes every cached tile is dropped, so a new publish is served within that interval.
 */
public final class TileCache {
  /** A cache key; month is null for layers asked without one. */
  public record Key(
      long publishId, Scope scope, TileLayer layer, String month, int z, int x, int y) {}

  /** A cached tile: the gzipped MVT (empty array for an empty tile) and whether it was a hit. */
  public record Entry(byte[] gzipped, boolean hit) {}

  private final DataSource dataSource;
  private final long checkNanos;
  private final Cache<Key, byte[]> cache;
  private volatile long publishId = -1;
  private volatile long checkedAt;

  /** A cache of at most {@code maxBytes} of tiles checking for publishes every checkMillis. */
  public TileCache(DataSource dataSource, long maxBytes, long checkMillis) {
    this.dataSource = dataSource;
    this.checkNanos = checkMillis * 1_000_000L;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key k, byte[] v) -> v.length + 64)
            .build();
  }

  /** The id of the publish tiles are currently built from (re-read when the interval passed). */
  public long currentPublish() {
    long now = System.nanoTime();
    if (publishId < 0 || now - checkedAt > checkNanos) {
      synchronized (this) {
        if (publishId < 0 || now - checkedAt > checkNanos) {
          long latest = PublishLog.latestId(dataSource);
          if (latest != publishId) {
            cache.invalidateAll();
            publishId = latest;
          }
          checkedAt = System.nanoTime();
        }
      }
    }
    return publishId;
  }

  /** The cached tile for key, or the one {@code build} makes (gzipped bytes), then cached. */
  public Entry get(Key key, Supplier<byte[]> build) {
    byte[] cached = cache.getIfPresent(key);
    if (cached != null) {
      return new Entry(cached, true);
    }
    byte[] built = cache.get(key, k -> build.get());
    return new Entry(built, false);
  }

  /** Number of tiles held (approximate). */
  public long size() {
    return cache.estimatedSize();
  }
}
