package io.gridwatch.mapservice.auth;

import io.gridwatch.mapservice.api.ApiException;
import io.gridwatch.mapservice.api.Json;
import io.gridwatch.mapservice.api.Schema;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/login} (JSON or form: login, password → session cookie), {@code POST
 * /api/logout} and {@code GET /api/me} (who am I, what may I see).
 */
public final class LoginApi {
  private final Users users;
  private final Schema schema;
  private final AccessControl access;

  /**
   * Log-in over {@code users}; {@code schema} migrates before the first lookup; log-out clears the
   * session from {@code access}' cache.
   */
  public LoginApi(Users users, Schema schema, AccessControl access) {
    this.users = users;
    this.schema = schema;
    this.access = access;
  }

  /** Checks the credentials; on success sets the session cookie and answers the user. */
  public void login(Context ctx) {
    schema.ensure();
    String login;
    String password;
    String type = ctx.contentType();
    if (type != null && type.startsWith("application/json")) {
      Map<?, ?> body;
      try {
        body = Json.parseObject(ctx.body());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("body must be JSON {\"login\": ..., \"password\": ...}");
      }
      login = body.get("login") instanceof String s ? s : null;
      password = body.get("password") instanceof String s ? s : null;
    } else {
      login = ctx.formParam("login");
      password = ctx.formParam("password");
    }
    if (login == null || login.isBlank() || password == null || password.isEmpty()) {
      throw ApiException.badRequest("login and password are required");
    }
    User user =
        users
            .authenticate(login.trim(), password)
            .orElseThrow(() -> new ApiException(401, "用户名或密码错误 wrong login or password"));
    Cookie cookie = new Cookie(AccessControl.COOKIE, users.openSession(user.login()));
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setSameSite(SameSite.LAX);
    cookie.setMaxAge((int) Users.SESSION_TTL.toSeconds());
    ctx.cookie(cookie);
    Json.write(ctx, 200, describe(user));
  }

  /** Ends the session of the cookie (if any) and clears it. */
  public void logout(Context ctx) {
    schema.ensure();
    String cookie = ctx.cookie(AccessControl.COOKIE);
    if (cookie != null) {
      users.closeSession(cookie);
      access.forgetSession(cookie);
    }
    ctx.removeCookie(AccessControl.COOKIE, "/");
    Json.write(ctx, 200, Map.of("status", "logged out"));
  }

  /** The signed-in user: login, role, town, community, whether phones are visible. */
  public void me(Context ctx) {
    Json.write(ctx, 200, describe(AccessControl.user(ctx)));
  }

  private static Map<String, Object> describe(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("login", u.login());
    m.put("role", u.role().id());
    m.put("town", u.town());
    m.put("community", u.community());
    m.put("sees_phones", u.seesPhones());
    return m;
  }
}
