package io.gridwatch.analytics.workforce;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakeSchema;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code training_gaps} mart (assessment-rules.md §7, 第八条): one row per worker and period in
 * which the worker attended no qualifying training.
 *
 * <ul>
 *   <li>{@code zone}: every exclusive and full-time worker needs ≥ 1 session with {@code organizer
 *       = zone} per half-year ({@code YYYYH1} = Jan–Jun, {@code YYYYH2} = Jul–Dec).
 *   <li>{@code town}: every full-time and part-time worker needs ≥ 1 session with {@code organizer
 *       = town} per calendar year ({@code YYYY}) whose {@code training.town} is the worker's town
 *       ({@link WorkerTowns}); a town session of another town, or without a town, does not count
 *       (it is reported in {@code other_town_sessions}).
 *   <li>Attendance: the worker id is one of the {@code ;}-separated {@code attendee_ids} and {@code
 *       held_on} lies in the period.
 *   <li>Periods evaluated: those overlapping the assessed months (none without patrol data). The
 *       midpoint of a period is the first day of its second half (H1: 04-01, H2: 10-01, year:
 *       07-01); a worker hired on or after it is exempt. A worker not employed on any day of the
 *       period is not listed. A period that ends after the last assessed month is still open
 *       ({@code in_progress}): its gap may yet be closed.
 * </ul>
 */
public final class TrainingGapsJob {
  private TrainingGapsJob() {}

  /** Columns of {@code training_gaps}, in order (contract columns first). */
  public static final List<String> COLUMNS =
      List.of(
          "worker_id",
          "kind",
          "period",
          "required_level",
          "town",
          "in_progress",
          "other_town_sessions");

  /** One period to check: label, required level, first and last day, midpoint, still open. */
  public record Period(
      String period,
      String requiredLevel,
      LocalDate start,
      LocalDate end,
      LocalDate midpoint,
      boolean inProgress) {}

  /**
   * The periods overlapping {@code assessedMonths} (ascending): each half-year at zone level, each
   * year at town level.
   */
  public static List<Period> periodsOf(List<YearMonth> assessedMonths) {
    Map<String, Period> out = new LinkedHashMap<>();
    if (assessedMonths.isEmpty()) {
      return List.of();
    }
    LocalDate lastAssessed = assessedMonths.get(assessedMonths.size() - 1).atEndOfMonth();
    for (YearMonth m : assessedMonths) {
      int y = m.getYear();
      boolean h1 = m.getMonthValue() <= 6;
      LocalDate hs = LocalDate.of(y, h1 ? 1 : 7, 1);
      LocalDate he = hs.plusMonths(6).minusDays(1);
      out.putIfAbsent(
          y + (h1 ? "H1" : "H2") + "/zone",
          new Period(
              y + (h1 ? "H1" : "H2"), "zone", hs, he, hs.plusMonths(3), he.isAfter(lastAssessed)));
      LocalDate ys = LocalDate.of(y, 1, 1);
      LocalDate ye = LocalDate.of(y, 12, 31);
      out.putIfAbsent(
          y + "/town",
          new Period(
              String.valueOf(y), "town", ys, ye, ys.plusMonths(6), ye.isAfter(lastAssessed)));
    }
    return List.copyOf(out.values());
  }

  /** The training_gaps rows (lazy), ordered by worker_id, period, required_level. */
  public static Dataset<Row> compute(LakeTables lake, List<YearMonth> assessedMonths) {
    var spark = lake.spark();
    List<Row> rows = new ArrayList<>();
    for (Period p : periodsOf(assessedMonths)) {
      rows.add(
          RowFactory.create(
              p.period(),
              p.requiredLevel(),
              Date.valueOf(p.start()),
              Date.valueOf(p.end()),
              Date.valueOf(p.midpoint()),
              p.inProgress()));
    }
    Dataset<Row> periods =
        spark.createDataFrame(
            rows,
            new StructType()
                .add("period", DataTypes.StringType, false)
                .add("required_level", DataTypes.StringType, false)
                .add("p_start", DataTypes.DateType, false)
                .add("p_end", DataTypes.DateType, false)
                .add("p_mid", DataTypes.DateType, false)
                .add("in_progress", DataTypes.BooleanType, false));

    Dataset<Row> due =
        WorkerTowns.of(lake)
            .crossJoin(broadcast(periods))
            .where(
                "((required_level = 'zone' AND kind IN ('exclusive', 'fulltime'))"
                    + " OR (required_level = 'town' AND kind IN ('fulltime', 'parttime')))"
                    + " AND hired_on <= p_end AND (left_on IS NULL OR left_on > p_start)"
                    + " AND hired_on < p_mid");

    Dataset<Row> attended =
        lake.tableOrEmpty(LakeSchema.TRAINING)
            .where(
                "session_id IS NOT NULL AND held_on IS NOT NULL AND organizer IS NOT NULL"
                    + " AND attendee_ids IS NOT NULL")
            .select(
                col("session_id"),
                col("held_on"),
                col("organizer"),
                expr("nullif(trim(town), '')").as("s_town"),
                expr("explode(split(attendee_ids, ';'))").as("attendee"))
            .withColumn("attendee", expr("trim(attendee)"))
            .where("attendee <> ''")
            .distinct();

    Column match =
        col("attendee")
            .equalTo(col("worker_id"))
            .and(col("organizer").equalTo(col("required_level")))
            .and(col("held_on").between(col("p_start"), col("p_end")));
    return due.join(attended, match, "left")
        .groupBy("worker_id", "kind", "period", "required_level", "town", "in_progress")
        .agg(
            expr("count_if(session_id IS NOT NULL AND (required_level = 'zone'"
                    + " OR s_town = town))")
                .as("qualifying"),
            expr("CAST(count_if(session_id IS NOT NULL AND required_level = 'town'"
                    + " AND (s_town IS NULL OR s_town <> town)) AS INT)")
                .as("other_town_sessions"))
        .where("qualifying = 0")
        .orderBy("worker_id", "period", "required_level")
        .select(COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }
}
