package io.gridwatch.analytics.workforce;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.assessment.Probation;
import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code budget_year} mart (assessment-rules.md §6, 第十条–第十三条): per calendar year, town and
 * category the number of workers, worker-months and the budgeted amount in CNY.
 *
 * <ul>
 *   <li>Years: every calendar year containing an assessed month; without assessed months (no patrol
 *       data) the years from the earliest {@code hired_on} to the latest year in which some worker
 *       is known to be employed (latest {@code hired_on} or day before {@code left_on}).
 *   <li>A month of the year is employed when the worker is employed on its 15th ({@code hired_on <=
 *       15th < left_on}); all twelve months of a year count (a budget is for the whole year, also
 *       beyond the last assessed month). Probation months: {@link Probation#isProbationMonth}.
 *   <li>exclusive: probation months × probation wage ({@code probation_pay}), other months ×
 *       annual/12 ({@code exclusive_pay}); full-time alike ({@code probation_pay}, {@code
 *       fulltime_pay}); part-time: months × allowance ({@code parttime_allowance}); role {@code
 *       subcenter_head} / {@code station_manager}: months × allowance ({@code subcenter_allowance}
 *       / {@code station_allowance}), any kind; {@code equipment}: one amount per worker employed
 *       on any day of the year.
 *   <li>Each worker's amount per year and category is rounded half-up to 0.01 exactly ({@link
 *       #share}); a row's amount is the sum of those rounded amounts and {@code workers} the
 *       distinct workers contributing (at least one month, or employed, for equipment).
 *   <li>Towns by {@link WorkerTowns} (exclusive workers under {@value WorkerTowns#EXCLUSIVE_TOWN});
 *       zone rows have town {@value WorkerTowns#ZONE} and are the sums of the town rows.
 * </ul>
 */
public final class BudgetYearJob {
  private BudgetYearJob() {}

  /** Columns of {@code budget_year}, in order (contract columns first). */
  public static final List<String> COLUMNS =
      List.of("year", "town", "category", "workers", "worker_months", "amount");

  /** Categories of §6, in report order. */
  public static final List<String> CATEGORIES =
      List.of(
          "exclusive_pay",
          "fulltime_pay",
          "probation_pay",
          "parttime_allowance",
          "subcenter_allowance",
          "station_allowance",
          "equipment");

  /** Type of {@code amount}: CNY with 2 decimals. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(18, 2);

  /**
   * {@code perPeriod × units ÷ divisor}, rounded half-up to 0.01 with exact decimal arithmetic
   * (e.g. 47000 × 10 ÷ 12 = 39166.67).
   */
  public static BigDecimal share(BigDecimal perPeriod, long units, int divisor) {
    return perPeriod
        .multiply(BigDecimal.valueOf(units))
        .divide(BigDecimal.valueOf(divisor), 2, RoundingMode.HALF_UP);
  }

  /**
   * The budget years: calendar years containing an assessed month, ascending; empty when there are
   * no assessed months (the caller then falls back to employment years).
   */
  public static List<Integer> yearsOf(List<YearMonth> assessedMonths) {
    TreeSet<Integer> years = new TreeSet<>();
    for (YearMonth m : assessedMonths) {
      years.add(m.getYear());
    }
    return List.copyOf(years);
  }

  /** The budget_year rows (lazy), ordered by year, towns (zone last), category order. */
  public static Dataset<Row> compute(LakeTables lake, Rules rules, List<YearMonth> assessedMonths) {
    var spark = lake.spark();
    Dataset<Row> workers = WorkerTowns.of(lake);
    List<Integer> years = yearsOf(assessedMonths);
    if (years.isEmpty()) {
      years = employmentYears(workers);
    }
    List<Row> yearRows = new ArrayList<>();
    for (int y : years) {
      yearRows.add(RowFactory.create(y));
    }
    Dataset<Row> yearDf =
        spark.createDataFrame(yearRows, new StructType().add("year", DataTypes.IntegerType, false));

    // worker-years employed on some day of the year
    Dataset<Row> workerYears =
        workers
            .crossJoin(broadcast(yearDf))
            .where(
                "hired_on < make_date(year + 1, 1, 1)"
                    + " AND (left_on IS NULL OR left_on > make_date(year, 1, 1))");

    // employed months (on the 15th) with the probation predicate
    int probationMonths = rules.probationMonths();
    Column probation =
        functions
            .udf(
                (UDF2<Date, Date, Boolean>)
                    (hired, day15) ->
                        Probation.isProbationMonth(
                            hired.toLocalDate(),
                            YearMonth.from(day15.toLocalDate()),
                            probationMonths),
                DataTypes.BooleanType)
            .apply(col("hired_on"), col("day15"));
    Dataset<Row> months =
        workerYears
            .select(
                col("worker_id"),
                col("year"),
                col("hired_on"),
                col("left_on"),
                expr("explode(sequence(make_date(year, 1, 15), make_date(year, 12, 15),"
                        + " interval 1 month))")
                    .as("day15"))
            .where("hired_on <= day15 AND (left_on IS NULL OR left_on > day15)")
            .withColumn("probation", probation)
            .groupBy("worker_id", "year")
            .agg(
                functions.count(lit(1)).cast("int").as("months"),
                expr("CAST(count_if(probation) AS INT)").as("probation_months"));

    Dataset<Row> wy =
        workerYears
            .join(months, new String[] {"worker_id", "year"}, "left")
            .select(
                col("worker_id"),
                col("kind"),
                col("role"),
                col("town"),
                col("year"),
                expr("coalesce(months, 0)").as("months"),
                expr("coalesce(probation_months, 0)").as("probation_months"));

    Rules.Budget b = rules.budget();
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(
        category(
            wy,
            "exclusive_pay",
            "kind = 'exclusive'",
            "months - probation_months",
            b.exclusiveAnnual(),
            12));
    parts.add(
        category(
            wy,
            "fulltime_pay",
            "kind = 'fulltime'",
            "months - probation_months",
            b.fulltimeAnnual(),
            12));
    parts.add(
        category(
            wy,
            "probation_pay",
            "kind IN ('exclusive', 'fulltime')",
            "probation_months",
            b.probationMonthly(),
            1));
    parts.add(
        category(wy, "parttime_allowance", "kind = 'parttime'", "months", b.parttimeMonthly(), 1));
    parts.add(
        category(
            wy,
            "subcenter_allowance",
            "role = 'subcenter_head'",
            "months",
            b.subcenterHeadMonthly(),
            1));
    parts.add(
        category(
            wy,
            "station_allowance",
            "role = 'station_manager'",
            "months",
            b.stationManagerMonthly(),
            1));
    parts.add(category(wy, "equipment", "true", "1", b.equipmentPerWorker(), 1));
    Dataset<Row> perWorker = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      perWorker = perWorker.unionByName(parts.get(i));
    }

    Dataset<Row> byTown =
        perWorker
            .groupBy("year", "town", "category")
            .agg(
                functions.countDistinct("worker_id").cast("int").as("workers"),
                functions.sum("units").cast("int").as("worker_months"),
                functions.sum("amount").cast(MONEY).as("amount"));
    Dataset<Row> zone =
        byTown
            .groupBy("year", "category")
            .agg(
                functions.sum("workers").cast("int").as("workers"),
                functions.sum("worker_months").cast("int").as("worker_months"),
                functions.sum("amount").cast(MONEY).as("amount"))
            .withColumn("town", lit(WorkerTowns.ZONE));
    String order = "array_position(array('" + String.join("', '", CATEGORIES) + "'), category)";
    return byTown
        .unionByName(zone)
        .orderBy(col("year"), col("town").equalTo(lit(WorkerTowns.ZONE)), col("town"), expr(order))
        .select(COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  /**
   * One category's per-worker rows: worker_id, town, year, category, units (months, or 1 for
   * equipment) and amount = {@link #share}(rate, units, divisor); only workers matching {@code who}
   * with units > 0.
   */
  private static Dataset<Row> category(
      Dataset<Row> wy, String name, String who, String units, BigDecimal rate, int divisor) {
    Column amount =
        functions
            .udf((UDF1<Integer, BigDecimal>) u -> share(rate, u, divisor), MONEY)
            .apply(col("units"));
    return wy.where(who)
        .select(
            col("worker_id"),
            col("town"),
            col("year"),
            lit(name).as("category"),
            expr("CAST(" + units + " AS INT)").as("units"))
        .where("units > 0")
        .withColumn("amount", amount);
  }

  /**
   * Fallback years (no assessed months): from the earliest hire year to the latest year in which a
   * worker is known to be employed.
   */
  private static List<Integer> employmentYears(Dataset<Row> workers) {
    Row r =
        workers
            .agg(
                expr("min(year(hired_on))"),
                expr(
                    "max(greatest(year(hired_on),"
                        + " coalesce(year(date_sub(left_on, 1)), year(hired_on))))"))
            .first();
    List<Integer> out = new ArrayList<>();
    if (r.isNullAt(0)) {
      return out;
    }
    for (int y = r.getInt(0); y <= r.getInt(1); y++) {
      out.add(y);
    }
    return out;
  }
}
