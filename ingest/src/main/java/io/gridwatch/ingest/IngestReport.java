package io.gridwatch.ingest;

import io.gridwatch.core.text.DisplayWidth;
import java.util.List;

/**
 * What an ingest run did, per table; {@link #toTable()} renders the summary the CLI prints.
 *
 * @param runId the run id (also in ingest_runs, rejects and history)
 * @param tables one entry per table found in the drop, in dependency order
 * @param rejectSamples the first rejects of the run (at most {@link #MAX_SAMPLES})
 * @param strict whether the run was strict
 * @param committed whether the run's output was committed to the lake
 */
public record IngestReport(
    String runId,
    List<TableResult> tables,
    List<Reject> rejectSamples,
    boolean strict,
    boolean committed) {

  /** The maximum number of rejects kept in {@link #rejectSamples()}. */
  public static final int MAX_SAMPLES = 1000;

  /** Defensive copies. */
  public IngestReport {
    tables = List.copyOf(tables);
    rejectSamples = List.copyOf(rejectSamples);
  }

  /**
   * Counts of one table.
   *
   * @param table table name
   * @param source source files relative to the drop, {@code ;}-separated
   * @param read data rows read
   * @param inserted rows with a new key
   * @param updated rows that replaced a stored row
   * @param unchanged rows equal to the stored row
   * @param rejected rows rejected (written to rejects)
   */
  public record TableResult(
      String table,
      String source,
      long read,
      long inserted,
      long updated,
      long unchanged,
      long rejected) {}

  /** Total rejected rows over all tables (saturates at {@code Integer.MAX_VALUE}). */
  public int rejectedTotal() {
    long n = tables.stream().mapToLong(TableResult::rejected).sum();
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** True when a strict run met rejects: nothing was written and the CLI must exit 1. */
  public boolean failed() {
    return strict && rejectedTotal() > 0;
  }

  /** The process exit status the CLI should use: 1 when {@link #failed()}, else 0. */
  public int exitCode() {
    return failed() ? 1 : 0;
  }

  /** The counts of one table, or null when the drop had no file for it. */
  public TableResult table(String name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
  }

  private static final String[] HEADERS = {
    "表 table", "读取 read", "新增 inserted", "更新 updated", "未变 unchanged", "拒绝 rejected"
  };

  /** A fixed-width summary (Chinese + English headers; CJK characters count two columns). */
  public String toTable() {
    String[][] body = new String[tables.size() + 1][];
    long[] total = new long[5];
    for (int i = 0; i < tables.size(); i++) {
      TableResult t = tables.get(i);
      long[] v = {t.read(), t.inserted(), t.updated(), t.unchanged(), t.rejected()};
      body[i] = new String[6];
      body[i][0] = t.table();
      for (int j = 0; j < 5; j++) {
        body[i][j + 1] = Long.toString(v[j]);
        total[j] += v[j];
      }
    }
    String[] sum = new String[6];
    sum[0] = "合计 total";
    for (int j = 0; j < 5; j++) {
      sum[j + 1] = Long.toString(total[j]);
    }
    body[tables.size()] = sum;
    int[] width = new int[6];
    for (int j = 0; j < 6; j++) {
      width[j] = DisplayWidth.of(HEADERS[j]);
      for (String[] r : body) {
        width[j] = Math.max(width[j], DisplayWidth.of(r[j]));
      }
    }
    StringBuilder sb = new StringBuilder();
    appendRow(sb, HEADERS, width);
    String[] rule = new String[6];
    for (int j = 0; j < 6; j++) {
      rule[j] = "-".repeat(width[j]);
    }
    appendRow(sb, rule, width);
    for (int i = 0; i < body.length; i++) {
      if (i == body.length - 1) {
        appendRow(sb, rule, width);
      }
      appendRow(sb, body[i], width);
    }
    sb.append("运行 run: ").append(runId).append('\n');
    if (failed()) {
      sb.append("严格模式：存在拒绝行，未写入数据湖 / strict mode: rows were rejected, nothing was written\n");
    } else if (rejectedTotal() > 0) {
      sb.append("拒绝行见 / rejected rows are in <lake>/rejects/<table>/\n");
    }
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
    for (int j = 0; j < cells.length; j++) {
      String c = cells[j];
      int pad = width[j] - DisplayWidth.of(c);
      if (j > 0) {
        sb.append("  ").append(" ".repeat(pad)).append(c);
      } else {
        sb.append(c).append(" ".repeat(pad));
      }
    }
    sb.append('\n');
  }
}
