package io.gridwatch.ingest.kill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.lake.LakeCommit;
import io.gridwatch.ingest.synthetic.Scale;
import io.gridwatch.ingest.synthetic.SyntheticDrop;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 §5: a real ingest in a separate JVM is killed with SIGKILL at random moments (seed
 * printed), including inside the commit window (journal written, renames half done); after recovery
 * the lake must equal exactly the state before the run or the state after it.
 */
class KillIngestTest {
  @TempDir Path tmp;

  /** Milliseconds the child sleeps before the journal and before each journal step. */
  private static final long STEP_DELAY_MS = 40;

  @Test
  void aKilledIngestLeavesTheLakeAsBeforeOrAsAfter() throws Exception {
    long seed = Long.getLong("gridwatch.test.seed", System.nanoTime());
    System.out.println("KillIngestTest seed " + seed + " (rerun with -Dgridwatch.test.seed=N)");
    Random rnd = new Random(seed);

    Path full = tmp.resolve("drop-full");
    SyntheticDrop.generate(full, 2020, Scale.SMALL, null);
    Path half = copy(full, tmp.resolve("drop-half"));
    try (Stream<Path> s = Files.list(half.resolve("patrols"))) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().compareTo("2025-07") > 0) {
          Files.delete(p);
        }
      }
    }
    // an older name for one enterprise, so that the full run updates it (history path)
    Path ents = half.resolve("enterprises.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(ents, StandardCharsets.UTF_8));
    String[] f = lines.get(1).split(",", -1);
    f[1] = f[1] + "旧";
    lines.set(1, String.join(",", f));
    Files.write(ents, lines, StandardCharsets.UTF_8);

    Path before = tmp.resolve("lake-before");
    IngestJob.run(new IngestConfig(half, before.toString(), Map.of(), Map.of(), false));
    TreeMap<String, List<String>> beforeDump = LakeDump.of(before);

    // the reference "after": the same child JVM, not killed
    Path ref = copy(before, tmp.resolve("lake-ref"));
    long t0 = System.nanoTime();
    Process p = child(full, ref, 0);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output(p)).isZero();
    long runMs = (System.nanoTime() - t0) / 1_000_000;
    TreeMap<String, List<String>> afterDump = LakeDump.of(ref);
    assertThat(afterDump).isNotEqualTo(beforeDump);
    assertThat(afterDump.get("history/enterprises")).hasSize(1);
    System.out.printf(
        "uninterrupted child run %d ms; before %d rows, after %d rows%n",
        runMs, LakeDump.rows(beforeDump), LakeDump.rows(afterDump));

    int asBefore = 0;
    int asAfter = 0;
    int inCommit = 0;
    for (int trial = 0; trial < 6; trial++) {
      Path lake = copy(before, tmp.resolve("lake-" + trial));
      boolean commitWindow = trial % 2 == 1;
      Process c = child(full, lake, commitWindow ? STEP_DELAY_MS : 0);
      String when;
      if (commitWindow) {
        // wait for the journal (the commit point), then kill somewhere inside the renames
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!journalExists(lake) && c.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        // at most 3 step delays: the commit has many more steps (tables, month partitions), so
        // the child is still inside the renames (a longer wait let a fast commit finish first)
        long extra = rnd.nextInt((int) (STEP_DELAY_MS * 3));
        Thread.sleep(extra);
        when = "journal+" + extra + "ms";
        inCommit++;
      } else {
        long at = 300 + (long) (rnd.nextDouble() * runMs);
        Thread.sleep(at);
        when = at + "ms";
      }
      boolean wasAlive = c.isAlive();
      c.destroyForcibly();
      assertThat(c.waitFor(30, TimeUnit.SECONDS)).isTrue();
      boolean staging = Files.exists(lake.resolve("_staging"));

      LakeCommit.recover(lake.toString());
      TreeMap<String, List<String>> dump = LakeDump.of(lake);
      boolean isBefore = dump.equals(beforeDump);
      boolean isAfter = dump.equals(afterDump);
      System.out.printf(
          "trial %d: killed at %s (alive %s, staging left %s) -> %s%n",
          trial, when, wasAlive, staging, isBefore ? "before" : isAfter ? "after" : "NEITHER");
      assertThat(isBefore || isAfter)
          .as("trial %d (seed %d): lake is neither the before nor the after state", trial, seed)
          .isTrue();
      assertThat(lake.resolve("_staging")).doesNotExist();
      if (commitWindow) {
        assertThat(wasAlive).as("trial %d was killed inside the commit window", trial).isTrue();
        assertThat(isAfter).as("killed after the journal: rolled forward").isTrue();
      }
      if (isBefore) {
        asBefore++;
        // the next ingest completes the work
        IngestJob.run(new IngestConfig(full, lake.toString(), Map.of(), Map.of(), false));
        assertThat(LakeDump.of(lake)).isEqualTo(afterDump);
      } else {
        asAfter++;
      }
    }
    System.out.printf(
        "as before %d, as after %d, commit-window kills %d%n", asBefore, asAfter, inCommit);
    assertThat(inCommit).isEqualTo(3);
  }

  private static boolean journalExists(Path lake) throws IOException {
    Path staging = lake.resolve("_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> s = Files.list(staging)) {
      return s.anyMatch(x -> x.getFileName().toString().endsWith(".commit"));
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private Process child(Path drop, Path lake, long stepDelayMs) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Duser.timezone=Asia/Shanghai");
    cmd.add("-D" + LakeCommit.STEP_DELAY_PROPERTY + "=" + stepDelayMs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(IngestChild.class.getName());
    cmd.add(drop.toString());
    cmd.add(lake.toString());
    Path log = Files.createTempFile(tmp, "child", ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private String output(Process p) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      StringBuilder sb = new StringBuilder();
      for (Path l : s.filter(x -> x.getFileName().toString().startsWith("child")).toList()) {
        sb.append(Files.readString(l));
      }
      return sb.toString();
    }
  }

  private static Path copy(Path src, Path target) throws IOException {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = target.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }
}
