package io.gridwatch.mapservice.layout;

import io.gridwatch.store.layout.LayoutProposals;
import io.gridwatch.store.layout.LayoutProposals.Proposal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates confirmed layout proposals from the service JVM. The lake is written only by the
 * Spark-side JVM (Spark and Javalin cannot share a classpath), so each activation runs the launcher
 * twice as child processes — {@code gridwatch layout activate DRAFT --lake LAKE --effective DATE
 * --name NAME}, then {@code gridwatch publish --lake LAKE} (database in {@code GRIDWATCH_DB_URL},
 * which {@code --db} defaults to, so no password shows in the process list) — one proposal at a
 * time on a single thread. The status goes confirmed → activating → activated | failed; a failure's
 * message is the child's last meaningful stderr line (never a stack trace).
 */
public final class ProposalActivation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProposalActivation.class);

  /** Longest a child may run before it is killed. */
  static final Duration CHILD_TIMEOUT = Duration.ofHours(2);

  /** Most characters of child output kept with a proposal. */
  static final int MAX_OUTPUT = 64 * 1024;

  private static final Pattern VERSION = Pattern.compile("activated layout v(\\d+)");
  private static final Pattern NOISE =
      Pattern.compile(
          "^(\\s+at |\\s*\\.\\.\\. \\d+ more|Caused by|\\(set GRIDWATCH_DEBUG|\\S+(Exception|Error)(:|$)"
              + "|\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d |SLF4J|WARNING:|\\[).*");
  private static final Pattern REASON =
      Pattern.compile("^(失败|错误|未启用|failed|error|not activated).*", Pattern.CASE_INSENSITIVE);

  private final ActivationConfig config;
  private final String dbUrl;
  private final LayoutProposals proposals;
  private final ExecutorService executor;

  /** Activation with {@code config} publishing to {@code dbUrl}, recording in {@code proposals}. */
  public ProposalActivation(ActivationConfig config, String dbUrl, LayoutProposals proposals) {
    this.config = config;
    this.dbUrl = dbUrl;
    this.proposals = proposals;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "gridwatch-activation");
              t.setDaemon(true);
              return t;
            });
  }

  /** True when the launcher and the lake are known. */
  public boolean configured() {
    return config.configured();
  }

  /** Queues the activation of confirmed proposal {@code id} (returns at once). */
  public void submit(long id) {
    executor.execute(() -> activate(id));
  }

  /**
   * After a restart: proposals left activating become failed, confirmed ones are queued again. Does
   * nothing when activation is not configured (another service may own them).
   */
  public void recover() {
    if (!configured()) {
      return;
    }
    for (long id :
        proposals.recover(
            "服务重启，启用中断；请用 gridwatch sql 查看 layouts 后重新提交 / the service restarted during the"
                + " activation: check layouts with gridwatch sql, then propose again")) {
      submit(id);
    }
  }

  /** Stops taking work; a running child is killed (the lake commit is crash-safe). */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void activate(long id) {
    if (!proposals.start(id, "正在启用… / activating…")) {
      return;
    }
    Path dir = null;
    StringBuilder output = new StringBuilder();
    try {
      Proposal p = proposals.get(id).orElseThrow();
      dir = Files.createTempDirectory("gridwatch-activate-");
      Path draft = dir.resolve("proposal-" + id + ".geojson");
      Files.writeString(draft, proposals.draft(id).orElseThrow(), StandardCharsets.UTF_8);
      Child activate =
          run(
              dir,
              "activate",
              List.of(
                  "layout",
                  "activate",
                  draft.toString(),
                  "--lake",
                  config.lake(),
                  "--effective",
                  p.effectiveOn().toString(),
                  "--name",
                  p.name()));
      output.append("$ gridwatch layout activate\n").append(activate.stdout());
      if (activate.exit() != 0) {
        proposals.finish(id, false, activate.reason(), clip(output), null);
        return;
      }
      Matcher m = VERSION.matcher(activate.stdout());
      Integer version = m.find() ? Integer.valueOf(m.group(1)) : null;
      String activated = firstLines(activate.stdout(), 2);
      Child publish = run(dir, "publish", List.of("publish", "--lake", config.lake()));
      output.append("$ gridwatch publish\n").append(publish.stdout());
      if (publish.exit() != 0) {
        proposals.finish(
            id,
            false,
            "已在数据湖中启用"
                + (version == null ? "" : " v" + version)
                + "，但发布到 PostGIS 失败（可重新运行 gridwatch publish）/ activated in the lake but the"
                + " publish failed (run gridwatch publish again): "
                + publish.reason(),
            clip(output),
            version);
        return;
      }
      proposals.finish(id, true, activated + "\n已发布 / published to PostGIS", clip(output), version);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      proposals.finish(
          id, false, "服务停止，启用中断 / the service stopped during the activation", clip(output), null);
    } catch (IOException | RuntimeException e) {
      LOG.warn("activation of proposal {} failed", id, e);
      proposals.finish(
          id,
          false,
          "启用失败 / activation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()),
          clip(output),
          null);
    } finally {
      deleteTree(dir);
    }
  }

  /** What a child process did. */
  private record Child(int exit, String stdout, String stderr) {
    /** The child's last meaningful stderr line (else stdout's, else its exit code). */
    String reason() {
      String r = reasonIn(stderr);
      if (r == null) {
        r = reasonIn(stdout);
      }
      return r != null ? r : "退出码 / exit code " + exit;
    }
  }

  private Child run(Path dir, String step, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.launcher().toString());
    cmd.addAll(args);
    Path out = dir.resolve(step + ".out");
    Path err = dir.resolve(step + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put("GRIDWATCH_SKIP_BUILD", "1"); // never run Maven from the service
    env.put("GRIDWATCH_DB_URL", dbUrl);
    env.remove("GRIDWATCH_DEBUG");
    LOG.info("running {} {}", config.launcher(), String.join(" ", args));
    Process p = pb.start();
    try {
      if (!p.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        return new Child(
            -1,
            read(out),
            "失败 / failed: 超时 / timed out after " + CHILD_TIMEOUT.toMinutes() + " min");
      }
    } catch (InterruptedException e) {
      kill(p);
      throw e;
    }
    return new Child(p.exitValue(), read(out), read(err));
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** The last line of {@code text} that reads as a reason (stack traces and log lines skipped). */
  static String reasonIn(String text) {
    String[] lines = text.split("\\R");
    String fallback = null;
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (line.isEmpty() || NOISE.matcher(lines[i]).matches()) {
        continue;
      }
      if (REASON.matcher(line).matches()) {
        return clipLine(line);
      }
      if (fallback == null) {
        fallback = clipLine(line);
      }
    }
    return fallback;
  }

  private static String clipLine(String line) {
    return line.length() <= 500 ? line : line.substring(0, 500) + "…";
  }

  private static String firstLines(String text, int n) {
    return String.join("\n", text.strip().lines().limit(n).toList());
  }

  private static String clip(StringBuilder sb) {
    return sb.length() <= MAX_OUTPUT ? sb.toString() : sb.substring(sb.length() - MAX_OUTPUT);
  }

  private static String read(Path file) throws IOException {
    // lenient: a malformed byte becomes U+FFFD instead of failing the activation
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
