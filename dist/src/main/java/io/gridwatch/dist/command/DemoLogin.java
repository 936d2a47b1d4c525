package io.gridwatch.dist.command;

import io.gridwatch.store.Db;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's first user: when the database has no user, creates the bureau user {@code admin} with
 * a random password and keeps login, password, API token and database URL in {@code
 * .gridwatch/demo-login.txt} (owner-readable only) so that later demo runs on the same database
 * print them again.
 */
final class DemoLogin {
  static final Path FILE = Path.of(".gridwatch", "demo-login.txt");

  private DemoLogin() {}

  /** Ensures the demo user exists (database at {@code url}) and prints how to log in. */
  static void print(String url) throws IOException {
    Db.migrate(url);
    List<String> saved = Files.exists(FILE) ? Files.readAllLines(FILE) : List.of();
    try (var ds = Db.dataSource(url, 2)) {
      Users users = new Users(ds);
      if (users.isEmpty()) {
        String password = Users.newSecret().substring(0, 12);
        String token = users.add(new User("admin", Role.BUREAU, null, null), password);
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, List.of("admin", password, token, url), StandardCharsets.UTF_8);
        FILE.toFile().setReadable(false, false);
        FILE.toFile().setReadable(true, true);
        saved = List.of("admin", password, token, url);
      }
    }
    if (saved.size() >= 4 && saved.get(3).equals(url)) {
      System.out.printf(
          "登录 log in: %s / %s   API 令牌 token: %s   (%s)%n",
          saved.get(0), saved.get(1), saved.get(2), FILE);
    } else {
      System.out.println(
          "已有用户 users exist; create one with: ./gridwatch user add LOGIN --role bureau");
    }
  }
}
