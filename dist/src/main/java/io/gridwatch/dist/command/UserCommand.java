package io.gridwatch.dist.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridwatch user add}: creates a user of the web service (store only, no Spark). */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {"管理网页服务的用户。", "Manages the users of the web service."},
    subcommands = {UserCommand.Add.class})
public final class UserCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Prints usage (a subcommand is required). */
  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code gridwatch user add LOGIN --role ROLE [--town T] [--community C] [--db URL]}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "新建用户：密码从标准输入读取（否则随机生成并打印），最后一行输出 API 令牌。",
        "Creates a user: password from stdin (else generated and printed); the last line printed is"
            + " an API token."
      })
  public static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOGIN", description = "login name (A-Z a-z 0-9 _ . @ -)")
    String login;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "bureau | town | community | planner | analyst")
    String role;

    @Option(names = "--town", paramLabel = "TOWN", description = "town of a town/community user")
    String town;

    @Option(
        names = "--community",
        paramLabel = "COMMUNITY",
        description = "community of a community user")
    String community;

    @Option(
        names = "--db",
        paramLabel = "JDBC_URL",
        description =
            "PostGIS JDBC URL (default: $GRIDWATCH_DB_URL, else the project's local cluster)")
    String db;

    /** Runs in either JVM (only the store module is used); see {@link StoreSide}. */
    @Override
    public Integer call() throws Exception {
      return StoreSide.addUser(this);
    }
  }
}
