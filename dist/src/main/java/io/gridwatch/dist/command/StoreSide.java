package io.gridwatch.dist.command;

import io.gridwatch.store.Db;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.auth.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ParameterException;

/** Bodies of the commands that need only the store module (loaded in either JVM). */
final class StoreSide {
  private StoreSide() {}

  static Integer addUser(UserCommand.Add c) throws IOException {
    Role role =
        Role.parse(c.role)
            .orElseThrow(
                () ->
                    new ParameterException(
                        new picocli.CommandLine(c),
                        "未知角色 unknown role "
                            + c.role
                            + " (bureau, town, community, planner, analyst)"));
    User user;
    try {
      user =
          new User(
              c.login,
              role,
              role == Role.TOWN || role == Role.COMMUNITY ? c.town : null,
              role == Role.COMMUNITY ? c.community : null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(new picocli.CommandLine(c), e.getMessage());
    }
    String password = null;
    if (System.console() == null) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      password = line == null || line.isEmpty() ? null : line;
    } else {
      char[] typed = System.console().readPassword("密码 password (回车随机生成 empty = generate): ");
      password = typed == null || typed.length == 0 ? null : new String(typed);
    }
    boolean generated = password == null;
    if (generated) {
      password = Users.newSecret().substring(0, 16);
    }
    String url = c.db != null ? c.db : Db.defaultUrl();
    String token = Users.addTo(url, user, password);
    System.out.printf(
        "已创建用户 created user %s (%s%s)%n",
        user.login(),
        role.id(),
        user.town() == null
            ? ""
            : " " + user.town() + (user.community() == null ? "" : "/" + user.community()));
    if (generated) {
      System.out.println("密码 password: " + password);
    }
    System.out.println(token);
    return 0;
  }
}
