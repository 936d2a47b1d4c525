package io.gridwatch.mapservice.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gridwatch.mapservice.api.ApiException;
import io.gridwatch.mapservice.api.Schema;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import io.gridwatch.store.query.Scope;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Who is calling, checked before every handler: {@code Authorization: Bearer TOKEN} (scripts, GDAL,
 * QGIS) or the session cookie (the page). Data paths ({@code /api/*} but health and log-in, {@code
 * /tiles/*}, {@code /ogc*}) need a user, else 401 JSON; the page and its static assets are public
 * (they hold no data). Handlers read the caller's {@link Scope} with {@link #scope}.
 */
public final class AccessControl {
  /** Name of the session cookie. */
  public static final String COOKIE = "gw_session";

  private static final String USER = "gridwatch.user";

  /**
   * Credentials seen in the last 30 s (digest lookups hit the database otherwise on every tile); a
   * deleted token or closed session stops working within that time.
   */
  private final Cache<String, Optional<User>> recent =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  private final Users users;
  private final Schema schema;

  /** Access control backed by {@code users}; {@code schema} migrates before the first lookup. */
  public AccessControl(Users users, Schema schema) {
    this.users = users;
    this.schema = schema;
  }

  /** The before-handler: resolves the user of a data request or answers 401. */
  public void before(Context ctx) {
    if (!needsUser(ctx.path())) {
      return;
    }
    schema.ensure();
    User user =
        identify(ctx)
            .orElseThrow(
                () ->
                    new ApiException(401, "需要登录 login required (session cookie or Bearer token)"));
    ctx.attribute(USER, user);
  }

  /** True for paths that serve data (everything but health, log-in and the page's assets). */
  static boolean needsUser(String path) {
    if (path.equals("/api/health") || path.equals("/api/login") || path.equals("/api/logout")) {
      return false;
    }
    return path.startsWith("/api/")
        || path.startsWith("/tiles/")
        || path.equals("/ogc")
        || path.startsWith("/ogc/");
  }

  /** The user of the request's bearer token or session cookie, if valid. */
  public Optional<User> identify(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = auth.substring(7).trim();
      return recent.get("t:" + token, k -> users.byToken(token));
    }
    String cookie = ctx.cookie(COOKIE);
    return cookie == null
        ? Optional.empty()
        : recent.get("s:" + cookie, k -> users.bySession(cookie));
  }

  /** Forgets a cached session (log-out takes effect at once). */
  public void forgetSession(String cookie) {
    recent.invalidate("s:" + cookie);
  }

  /** The signed-in user of a data request (set by {@link #before}). */
  public static User user(Context ctx) {
    User u = ctx.attribute(USER);
    if (u == null) {
      throw new ApiException(401, "需要登录 login required");
    }
    return u;
  }

  /** The scope of the signed-in user of a data request. */
  public static Scope scope(Context ctx) {
    return user(ctx).scope();
  }
}
