package io.gridwatch.mapservice.auth;

import io.gridwatch.store.auth.Users;
import io.javalin.http.Context;

/** Writes every download (CSV, XLSX, GeoJSON export) to the export audit: who, what, when. */
public final class Exports {
  private final Users users;

  /** Audit into {@code users}' database. */
  public Exports(Users users) {
    this.users = users;
  }

  /** Records that the caller of {@code ctx} downloaded {@code what} ({@code bytes} long). */
  public void record(Context ctx, String what, long bytes) {
    users.audit(AccessControl.user(ctx), what, bytes, ctx.ip());
  }

  /**
   * A phone number as the caller may see it: whole for the bureau, else the first 3 and last 4
   * digits with the middle masked ({@code 138****5678}); null stays null.
   */
  public static String phone(Context ctx, String phone) {
    if (phone == null || AccessControl.user(ctx).seesPhones()) {
      return phone;
    }
    if (phone.length() <= 7) {
      return "*".repeat(phone.length());
    }
    return phone.substring(0, 3)
        + "*".repeat(phone.length() - 7)
        + phone.substring(phone.length() - 4);
  }
}
