package io.gridwatch.analytics.coverage;

import io.gridwatch.core.time.Periods;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The assessed months (earliest to latest month with patrol data, assessment-rules.md §0) and the
 * layout version in force in each: the active/retired layout with the latest {@code effective_from
 * <= first day of the month} (ties: higher version); for a month before every effective_from, the
 * earliest active/retired layout; without usable layout rows, the highest version that has grids. A
 * small dimension table built on the driver.
 */
public final class AssessedMonths {
  private AssessedMonths() {}

  /** Schema: month (YYYY-MM), first_day, day15, last_day (dates), layout_version (int). */
  public static final StructType SCHEMA =
      new StructType()
          .add("month", DataTypes.StringType, false)
          .add("first_day", DataTypes.DateType, false)
          .add("day15", DataTypes.DateType, false)
          .add("last_day", DataTypes.DateType, false)
          .add("layout_version", DataTypes.IntegerType, true);

  /** A layout row: version, status and first month in force. */
  public record Layout(int version, String status, LocalDate effectiveFrom) {}

  /** The month range of {@code patrols.visited_at} (Asia/Shanghai), empty when no patrols. */
  public static List<YearMonth> monthsOfPatrols(Dataset<Row> patrols) {
    Row r =
        patrols
            .agg(
                functions.min(functions.date_format(functions.col("visited_at"), "yyyy-MM")),
                functions.max(functions.date_format(functions.col("visited_at"), "yyyy-MM")))
            .first();
    List<YearMonth> out = new ArrayList<>();
    if (r.isNullAt(0)) {
      return out;
    }
    YearMonth last = Periods.parseMonth(r.getString(1));
    for (YearMonth m = Periods.parseMonth(r.getString(0)); !m.isAfter(last); m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }

  /** Reads the layouts table's rows (small) into records; nulls skipped. */
  public static List<Layout> layouts(Dataset<Row> layouts) {
    List<Layout> out = new ArrayList<>();
    for (Row r :
        layouts
            .select(
                functions.col("layout_version").cast("int"),
                functions.col("status"),
                functions.col("effective_from"))
            .collectAsList()) {
      if (r.isNullAt(0)) {
        continue;
      }
      out.add(
          new Layout(
              r.getInt(0),
              r.isNullAt(1) ? null : r.getString(1),
              r.isNullAt(2) ? null : r.getDate(2).toLocalDate()));
    }
    return out;
  }

  /**
   * The layout version in force in {@code month}; {@code withGrids} lists versions that have grids
   * (ascending). Null when there are no grids at all.
   */
  public static Integer layoutInForce(
      YearMonth month, List<Layout> layouts, List<Integer> withGrids) {
    LocalDate first = month.atDay(1);
    Layout best = null;
    for (Layout l : layouts) {
      boolean usable =
          ("active".equals(l.status()) || "retired".equals(l.status()))
              && l.effectiveFrom() != null
              && !l.effectiveFrom().isAfter(first)
              && withGrids.contains(l.version());
      if (usable
          && (best == null
              || l.effectiveFrom().isAfter(best.effectiveFrom())
              || (l.effectiveFrom().equals(best.effectiveFrom())
                  && l.version() > best.version()))) {
        best = l;
      }
    }
    if (best != null) {
      return best.version();
    }
    // before every layout's effective_from: the first layout ever in force
    Layout earliest = null;
    for (Layout l : layouts) {
      boolean usable =
          ("active".equals(l.status()) || "retired".equals(l.status()))
              && l.effectiveFrom() != null
              && withGrids.contains(l.version());
      if (usable
          && (earliest == null
              || l.effectiveFrom().isBefore(earliest.effectiveFrom())
              || (l.effectiveFrom().equals(earliest.effectiveFrom())
                  && l.version() > earliest.version()))) {
        earliest = l;
      }
    }
    if (earliest != null) {
      return earliest.version();
    }
    return withGrids.isEmpty() ? null : withGrids.get(withGrids.size() - 1);
  }

  /** The months dimension as a DataFrame of {@link #SCHEMA}. */
  public static Dataset<Row> toFrame(
      SparkSession spark, List<YearMonth> months, List<Layout> layouts, List<Integer> withGrids) {
    List<Row> rows = new ArrayList<>();
    for (YearMonth m : months) {
      rows.add(
          RowFactory.create(
              Periods.format(m),
              Date.valueOf(m.atDay(1)),
              Date.valueOf(Periods.day15(m)),
              Date.valueOf(Periods.lastDay(m)),
              layoutInForce(m, layouts, withGrids)));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
