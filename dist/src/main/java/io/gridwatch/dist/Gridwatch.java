package io.gridwatch.dist;

import io.gridwatch.dist.command.AnalyzeCommand;
import io.gridwatch.dist.command.DemoCommand;
import io.gridwatch.dist.command.ExplainCommand;
import io.gridwatch.dist.command.GenerateCommand;
import io.gridwatch.dist.command.IngestCommand;
import io.gridwatch.dist.command.LayoutCommand;
import io.gridwatch.dist.command.PublishCommand;
import io.gridwatch.dist.command.ReportCommand;
import io.gridwatch.dist.command.ServeCommand;
import io.gridwatch.dist.command.SqlCommand;
import io.gridwatch.dist.command.TablesCommand;
import io.gridwatch.dist.command.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gridwatch} command. The launcher script starts it in one of two JVMs: the Spark side
 * (generate, ingest, analyze, sql, publish, demo) or the service side (serve), because Spark 4 and
 * Javalin 7 cannot share a classpath. Command classes therefore hold only plain option fields and
 * touch module classes inside {@code call()}.
 */
@Command(
    name = "gridwatch",
    mixinStandardHelpOptions = true,
    versionProvider = Gridwatch.Version.class,
    description = {
      "网格员管理数据平台：源数据 → 数据湖 → Spark 指标 → PostGIS → 网页地图。",
      "Grid-worker management: source drop → lake → Spark marts → PostGIS → web map."
    },
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      AnalyzeCommand.class,
      SqlCommand.class,
      TablesCommand.class,
      ExplainCommand.class,
      LayoutCommand.class,
      ReportCommand.class,
      PublishCommand.class,
      ServeCommand.class,
      UserCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gridwatch implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints usage when no subcommand is given. */
  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Entry point; exits 0 on success, 1 on failure, 2 on bad usage. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A configured command line (used by main and by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Gridwatch());
    cl.setExecutionExceptionHandler(new Failures());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Reports the build version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Gridwatch.class.getPackage().getImplementationVersion();
      return new String[] {"gridwatch " + (v == null ? "dev" : v)};
    }
  }

  /** Turns exceptions into one clear line (no stack trace unless GRIDWATCH_DEBUG is set). */
  static final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
      if (System.getenv("GRIDWATCH_DEBUG") != null) {
        ex.printStackTrace();
      }
      if (ex instanceof IllegalArgumentException) {
        cl.getErr().println("错误 / error: " + ex.getMessage());
        return 2;
      }
      Throwable root = ex;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      if (root != ex && root.getMessage() != null && !msg.contains(root.getMessage())) {
        msg += " (" + root.getMessage() + ")";
      }
      cl.getErr().println("失败 / failed: " + msg);
      cl.getErr().println("(set GRIDWATCH_DEBUG=1 for details)");
      return 1;
    }
  }
}
