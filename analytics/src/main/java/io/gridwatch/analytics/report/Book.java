package io.gridwatch.analytics.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A workbook to write, independent of POI and Spark: sheets of titled blocks, each block a caption,
 * a two-line header (Chinese, English), data lines and notes. Cell values are {@code null}, {@link
 * String}, {@link Number} or {@link java.time.LocalDate}; the column's {@link Fmt} decides the
 * number format.
 */
public record Book(List<Sheet> sheets) {

  /** How a column's cells are formatted. */
  public enum Fmt {
    /** Text, left aligned. */
    TEXT,
    /** Whole number {@code 0}. */
    INT,
    /** Score or multiplier {@code 0.00}. */
    SCORE,
    /** Money in CNY {@code #,##0.00}. */
    MONEY,
    /** Ratio {@code 0.0%}. */
    RATIO,
    /** Date {@code yyyy-mm-dd}. */
    DATE
  }

  /** How a data line stands out. */
  public enum Mark {
    NONE,
    /** Filled (late submissions, dismissals, towns with late or missing results). */
    HIGHLIGHT,
    /** Bold (totals). */
    TOTAL
  }

  /** One column: Chinese header, English header, format. */
  public record Col(String zh, String en, Fmt fmt) {}

  /** One data line; {@code quotaLine} draws the quota line (thick red border) below it. */
  public record Line(List<Object> cells, Mark mark, boolean quotaLine) {
    /** A plain line of cells (nulls allowed). */
    public static Line of(Object... cells) {
      return new Line(Arrays.asList(cells), Mark.NONE, false);
    }

    /** This line with another mark. */
    public Line mark(Mark m) {
      return new Line(cells, m, quotaLine);
    }

    /** This line with the quota line below it. */
    public Line withQuotaLine() {
      return new Line(cells, mark, true);
    }
  }

  /**
   * A table: optional caption above the header, the header, lines (an empty block gets a 无数据 no
   * data row) and notes below.
   */
  public record Block(String caption, List<Col> columns, List<Line> lines, List<String> notes) {
    /** Whether the block has no data line. */
    public boolean isEmpty() {
      return lines.isEmpty();
    }
  }

  /**
   * A sheet: its name, the title row above everything, its blocks (the first one's header is
   * frozen).
   */
  public record Sheet(String name, String title, List<Block> blocks) {
    /** Data lines of every block, totals not counted. */
    public long lineCount() {
      return blocks.stream()
          .flatMap(b -> b.lines().stream())
          .filter(l -> l.mark() != Mark.TOTAL)
          .count();
    }

    /** Whether no block has a data line. */
    public boolean isEmpty() {
      return lineCount() == 0;
    }
  }

  /** Collects the columns of a block in order. */
  public static final class Columns {
    private final List<Col> cols = new ArrayList<>();

    /** Adds a column. */
    public Columns add(String zh, String en, Fmt fmt) {
      cols.add(new Col(zh, en, fmt));
      return this;
    }

    /** Adds a text column. */
    public Columns text(String zh, String en) {
      return add(zh, en, Fmt.TEXT);
    }

    /** The columns added so far. */
    public List<Col> list() {
      return List.copyOf(cols);
    }
  }
}
