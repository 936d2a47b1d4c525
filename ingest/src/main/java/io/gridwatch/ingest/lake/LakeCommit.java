package io.gridwatch.ingest.lake;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * Atomic multi-file change of a lake. Everything of a run is first written below {@code
 * <lake>/_staging/<run_id>/}; {@link #commit()} then writes a journal {@code
 * _staging/<run_id>.commit} atomically (the commit point), applies its renames and deletes and
 * removes the journal. {@link #recover(String)} rolls a journaled run forward and throws away
 * un-journaled staging ({@code _staging} as in {@code LakePaths.staging}), so a run killed at any
 * moment leaves the lake as before or as after it. One writer per lake at a time.
 */
public final class LakeCommit {
  private static final String STAGING = "_staging";
  private static final String JOURNAL_SUFFIX = ".commit";
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Test-only hook: milliseconds to sleep before the journal is written and before each journal
   * step of {@link #commit()}, so that a kill test can hit the commit window; 0 (default) = off.
   */
  public static final String STEP_DELAY_PROPERTY = "gridwatch.ingest.commitStepDelayMs";

  private static volatile long stepDelayMs;

  private final LakeFs lake;
  private final String runId;
  private final List<String[]> renames = new ArrayList<>();
  private final List<String> deletes = new ArrayList<>();

  /** A new, empty change set for a run. */
  public LakeCommit(LakeFs lake, String runId) {
    this.lake = lake;
    this.runId = runId;
  }

  /** A fresh, sortable run id: UTC time plus random hex, e.g. {@code 20250301T080000Z-1a2b3c}. */
  public static String newRunId(Instant now) {
    byte[] r = new byte[3];
    new SecureRandom().nextBytes(r);
    return ID_TIME.format(now) + "-" + HexFormat.of().formatHex(r);
  }

  /** The run id of this change set. */
  public String runId() {
    return runId;
  }

  /**
   * Registers a file that will appear at lake-relative {@code target} on commit and returns the
   * lake-relative staging path the caller must write it to.
   */
  public String stage(String target) {
    String staged = stagingPath(target);
    renames.add(new String[] {staged, target});
    return staged;
  }

  /**
   * The lake-relative staging path of {@code target} without registering it (a worker thread may
   * write there; the file only reaches the lake once {@link #stage(String)} registers it).
   */
  public String stagingPath(String target) {
    return STAGING + "/" + runId + "/" + target;
  }

  /**
   * A lake-relative scratch path inside this run's staging folder that is never moved into the lake
   * (removed with the staging folder at commit or abort).
   */
  public String scratch(String name) {
    return STAGING + "/" + runId + "/_scratch/" + name;
  }

  /** Withdraws a file registered with {@link #stage(String)} and deletes its staged copy. */
  public void unstage(String target) throws IOException {
    for (int i = renames.size() - 1; i >= 0; i--) {
      if (renames.get(i)[1].equals(target)) {
        lake.delete(renames.remove(i)[0]);
      }
    }
  }

  /** Registers a lake-relative file to delete on commit (after all renames). */
  public void deleteOnCommit(String target) {
    deletes.add(target);
  }

  /** True when nothing was staged or scheduled for deletion. */
  public boolean isEmpty() {
    return renames.isEmpty() && deletes.isEmpty();
  }

  /** Makes the change set visible: journal (commit point), renames, deletes, clean-up. */
  public void commit() throws IOException {
    if (isEmpty()) {
      abort();
      return;
    }
    StringBuilder j = new StringBuilder();
    for (String[] r : renames) {
      j.append("R\t").append(r[0]).append('\t').append(r[1]).append('\n');
    }
    for (String d : deletes) {
      j.append("D\t").append(d).append('\n');
    }
    String journal = STAGING + "/" + runId + JOURNAL_SUFFIX;
    long delay = Long.getLong(STEP_DELAY_PROPERTY, 0L);
    sleep(delay);
    lake.writeAtomically(journal, j.toString());
    stepDelayMs = delay;
    try {
      rollForward(lake, journal);
    } finally {
      stepDelayMs = 0;
    }
    removeStagingIfEmpty(lake);
  }

  /** Throws away everything staged by this run; the lake is left as before. */
  public void abort() throws IOException {
    lake.delete(STAGING + "/" + runId);
    removeStagingIfEmpty(lake);
  }

  /**
   * Aborts after {@code failure}, the error the user must see: a failing clean-up rides along as a
   * suppressed exception instead of replacing it.
   */
  public void abortAfter(Throwable failure) {
    try {
      abort();
    } catch (IOException | RuntimeException s) {
      failure.addSuppressed(s);
    }
  }

  /**
   * Brings a lake to a consistent state after a crash: applies journaled runs, deletes un-journaled
   * staging. Safe to call at any time when no other writer is active.
   */
  public static void recover(String lakeRoot) throws IOException {
    recover(LakeFs.open(lakeRoot));
  }

  /** Same as {@link #recover(String)} on an opened lake. */
  public static void recover(LakeFs lake) throws IOException {
    for (FileStatus st : lake.list(STAGING)) {
      String name = st.getPath().getName();
      if (st.isFile() && name.endsWith(JOURNAL_SUFFIX)) {
        rollForward(lake, STAGING + "/" + name);
      }
    }
    for (FileStatus st : lake.list(STAGING)) {
      lake.delete(STAGING + "/" + st.getPath().getName());
    }
    removeStagingIfEmpty(lake);
  }

  private static void rollForward(LakeFs lake, String journal) throws IOException {
    String text = lake.readText(journal);
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      sleep(stepDelayMs);
      String[] p = line.split("\t");
      if (p[0].equals("R")) {
        if (lake.exists(p[1])) {
          lake.delete(p[2]);
          lake.rename(p[1], p[2]);
        }
      } else if (p[0].equals("D")) {
        lake.delete(p[1]);
      } else {
        throw new IOException("corrupt journal " + journal + ": " + line);
      }
    }
    String run = journal.substring(0, journal.length() - JOURNAL_SUFFIX.length());
    lake.delete(run);
    lake.delete(journal);
  }

  private static void sleep(long ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void removeStagingIfEmpty(LakeFs lake) throws IOException {
    if (lake.exists(STAGING) && lake.list(STAGING).isEmpty()) {
      lake.delete(STAGING);
    }
  }
}
