package io.gridwatch.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long ingest on stderr (rows, rows/s, ETA), at most every two seconds, only when
 * attached to a terminal. The ETA comes from the source bytes of finished files: bytes still to
 * read ÷ bytes per second so far.
 */
public final class ProgressReporter {
  private static final long INTERVAL_NS = 2_000_000_000L;

  private final PrintStream out;
  private final LongSupplier clock;
  private final boolean enabled;
  private String label = "";
  private long totalBytes;
  private long doneBytes;
  private long rows;
  private long rowsAtFileStart;
  private long started;
  private long lastPrint;
  private boolean printed;

  /** A reporter writing to {@code out} when {@code enabled}, using {@code clock} (nanoseconds). */
  public ProgressReporter(PrintStream out, boolean enabled, LongSupplier clock) {
    this.out = out;
    this.enabled = enabled;
    this.clock = clock;
  }

  /** The reporter of the CLI: stderr, enabled only when {@code System.console() != null}. */
  public static ProgressReporter forConsole() {
    return new ProgressReporter(System.err, System.console() != null, System::nanoTime);
  }

  /** Starts a table whose source files total {@code totalBytes}. */
  public synchronized void start(String table, long totalBytes) {
    this.label = table;
    this.totalBytes = totalBytes;
    this.doneBytes = 0;
    this.rows = 0;
    this.rowsAtFileStart = 0;
    this.started = clock.getAsLong();
    this.lastPrint = started;
    this.printed = false;
  }

  /** Counts one row; prints when the interval has passed. */
  public synchronized void row() {
    rows++;
    if (enabled && (rows & 1023) == 0) {
      long now = clock.getAsLong();
      if (now - lastPrint >= INTERVAL_NS) {
        lastPrint = now;
        out.print("\r" + line(now));
        out.flush();
        printed = true;
      }
    }
  }

  /** Counts {@code n} rows at once (worker threads report in batches); prints when due. */
  public synchronized void rows(long n) {
    for (long i = 0; i < n; i++) {
      row();
    }
  }

  /** Marks a source file of {@code bytes} as fully read. */
  public synchronized void fileDone(long bytes) {
    doneBytes += bytes;
    rowsAtFileStart = rows;
  }

  /** Ends the table: terminates the progress line if one was printed. */
  public synchronized void finish() {
    if (enabled && printed) {
      out.print("\r" + line(clock.getAsLong()) + "\n");
      out.flush();
    }
  }

  /** The progress text at time {@code now} (nanoseconds of the same clock). */
  public synchronized String line(long now) {
    double secs = Math.max(1e-9, (now - started) / 1e9);
    double rate = rows / secs;
    String eta = "?";
    if (doneBytes > 0 && rowsAtFileStart > 0) {
      double bytesPerRow = (double) doneBytes / rowsAtFileStart;
      double readBytes = Math.min(totalBytes, doneBytes + (rows - rowsAtFileStart) * bytesPerRow);
      double bytesPerSec = readBytes / secs;
      long left = Math.round(Math.max(0, totalBytes - readBytes) / Math.max(1, bytesPerSec));
      eta = String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60);
    }
    return String.format(
        Locale.ROOT, "%s: %,d 行 rows, %,.0f 行/秒 rows/s, 剩余 ETA %s   ", label, rows, rate, eta);
  }
}
