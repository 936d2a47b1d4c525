package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.core.assessment.Fulltime;
import io.gridwatch.core.rules.Rules;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code fulltime_quarter} and {@code fulltime_year} marts (data-contract.md §3,
 * assessment-rules.md §4): the {@code town_scores} rows of full-time workers (workers.kind =
 * fulltime; part-time rows are only shown) graded, ranked within the quota scope and paid by {@link
 * Fulltime}. {@code fulltime_year} also has a row for a worker with quarter results but no year
 * submission (score null; graded only when the two-unqualified-quarters rule forces it), so the
 * rule and dismissal are never lost to a missing submission.
 */
public final class FulltimeJob {
  private FulltimeJob() {}

  private static StructType common() {
    return new StructType()
        .add("worker_id", DataTypes.StringType, false)
        .add("town", DataTypes.StringType, true)
        .add("period", DataTypes.StringType, false)
        .add("score", DataTypes.DoubleType, true)
        .add("grade", DataTypes.StringType, true)
        .add("quota_exceeded", DataTypes.BooleanType, false)
        .add("forced_reason", DataTypes.StringType, true)
        .add("pay_multiplier", DataTypes.DoubleType, true)
        .add("performance_pay", DataTypes.DoubleType, true)
        .add("dismissal_required", DataTypes.BooleanType, false)
        .add("submitted_on", DataTypes.DateType, true)
        .add("late", DataTypes.BooleanType, true)
        .add("rank", DataTypes.IntegerType, true)
        .add("base_grade", DataTypes.StringType, true)
        .add("due_on", DataTypes.DateType, true)
        .add("submitted_grade", DataTypes.StringType, true)
        .add("grade_contradicted", DataTypes.BooleanType, false)
        .add("ranked", DataTypes.IntegerType, false)
        .add("excellent_quota", DataTypes.IntegerType, false);
  }

  /** Schema of {@code fulltime_quarter}: contract columns, then the explaining ones. */
  public static final StructType QUARTER_SCHEMA =
      common()
          .add("employed_months", DataTypes.IntegerType, false)
          .add("probation_months", DataTypes.IntegerType, false)
          .add("paid_months", DataTypes.IntegerType, false);

  /** Schema of {@code fulltime_year}: contract columns, then the explaining ones. */
  public static final StructType YEAR_SCHEMA =
      common().add("unqualified_quarters", DataTypes.IntegerType, false);

  /** town_scores rows of full-time workers with hired_on and left_on. */
  private static Dataset<Row> fulltimeScores(Dataset<Row> townScores, Dataset<Row> workers) {
    Dataset<Row> ft =
        workers
            .where("worker_id IS NOT NULL AND kind = 'fulltime'")
            .select(col("worker_id").as("f_worker_id"), col("hired_on"), col("left_on"));
    return townScores
        .where("worker_id IS NOT NULL AND period IS NOT NULL AND score IS NOT NULL")
        .select("worker_id", "period", "score", "grade", "town", "submitted_on")
        .join(ft, col("worker_id").equalTo(col("f_worker_id")))
        .drop("f_worker_id");
  }

  /** The fulltime_quarter rows (lazy): town_scores periods {@code YYYYQn}. */
  public static Dataset<Row> quarters(Dataset<Row> townScores, Dataset<Row> workers, Rules rules) {
    return fulltimeScores(townScores, workers)
        .where("period RLIKE '^[0-9]{4}Q[1-4]$'")
        .groupByKey(new MartRows.KeyOf("period"), Encoders.STRING())
        .flatMapGroups(new PerQuarter(rules), Encoders.row(QUARTER_SCHEMA))
        .orderBy("period", "town", "rank", "worker_id");
  }

  /**
   * The fulltime_year rows (lazy): town_scores periods {@code YYYY} joined with the worker's graded
   * quarters of that year from {@code fulltimeQuarter}.
   */
  public static Dataset<Row> years(
      Dataset<Row> townScores, Dataset<Row> workers, Dataset<Row> fulltimeQuarter, Rules rules) {
    Dataset<Row> subs =
        fulltimeScores(townScores, workers)
            .where("period RLIKE '^[0-9]{4}$'")
            .select("worker_id", "period", "score", "grade", "town", "submitted_on");
    Dataset<Row> qs =
        fulltimeQuarter
            .groupBy(
                col("worker_id").as("q_worker_id"), expr("substring(period, 1, 4)").as("q_year"))
            .agg(
                expr("count(1)").cast("int").as("quarters"),
                expr("count_if(grade = 'unqualified')").cast("int").as("unqualified_quarters"),
                expr("max_by(town, period)").as("q_town"));
    Dataset<Row> in =
        subs.join(
                qs,
                col("worker_id")
                    .equalTo(col("q_worker_id"))
                    .and(col("period").equalTo(col("q_year"))),
                "full_outer")
            .select(
                expr("coalesce(worker_id, q_worker_id)").as("worker_id"),
                expr("coalesce(period, q_year)").as("period"),
                col("score"),
                col("grade"),
                expr("coalesce(town, q_town)").as("town"),
                col("submitted_on"),
                expr("coalesce(quarters, 0)").as("quarters"),
                expr("coalesce(unqualified_quarters, 0)").as("unqualified_quarters"));
    return in.groupByKey(new MartRows.KeyOf("period"), Encoders.STRING())
        .flatMapGroups(new PerYear(rules), Encoders.row(YEAR_SCHEMA))
        .orderBy("period", "town", "rank", "worker_id");
  }

  private static Object[] commonValues(Fulltime.Result f) {
    return new Object[] {
      f.workerId(),
      f.town(),
      f.period(),
      MartRows.dbl(f.score()),
      f.grade(),
      f.quotaExceeded(),
      f.forcedReason(),
      MartRows.dbl(f.payMultiplier()),
      MartRows.dbl(f.performancePay()),
      f.dismissalRequired(),
      MartRows.sqlDate(f.submittedOn()),
      f.late(),
      f.rank(),
      f.baseGrade(),
      MartRows.sqlDate(f.dueOn()),
      f.submittedGrade(),
      f.gradeContradicted(),
      f.ranked(),
      f.quota()
    };
  }

  private static Row row(Object[] head, Object... tail) {
    Object[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return RowFactory.create(all);
  }

  /** Assesses one quarter's submissions (serialisable; holds only the rules). */
  static final class PerQuarter implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Rules rules;

    PerQuarter(Rules rules) {
      this.rules = rules;
    }

    @Override
    public Iterator<Row> call(String quarter, Iterator<Row> rows) {
      List<Fulltime.QuarterSubmission> subs = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        subs.add(
            new Fulltime.QuarterSubmission(
                MartRows.str(r, "worker_id"),
                MartRows.str(r, "town"),
                MartRows.decimal(r, "score"),
                MartRows.str(r, "grade"),
                MartRows.date(r, "submitted_on"),
                MartRows.date(r, "hired_on"),
                MartRows.date(r, "left_on")));
      }
      List<Row> out = new ArrayList<>();
      for (Fulltime.Result f : Fulltime.assessQuarter(quarter, subs, rules)) {
        out.add(row(commonValues(f), f.employedMonths(), f.probationMonths(), f.paidMonths()));
      }
      return out.iterator();
    }
  }

  /** Assesses one year's rows (serialisable; holds only the rules). */
  static final class PerYear implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Rules rules;

    PerYear(Rules rules) {
      this.rules = rules;
    }

    @Override
    public Iterator<Row> call(String year, Iterator<Row> rows) {
      List<Fulltime.YearInput> in = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        in.add(
            new Fulltime.YearInput(
                MartRows.str(r, "worker_id"),
                MartRows.str(r, "town"),
                MartRows.decimal(r, "score"),
                MartRows.str(r, "grade"),
                MartRows.date(r, "submitted_on"),
                r.<Integer>getAs("quarters"),
                r.<Integer>getAs("unqualified_quarters")));
      }
      List<Row> out = new ArrayList<>();
      for (Fulltime.Result f : Fulltime.assessYear(year, in, rules)) {
        out.add(row(commonValues(f), f.unqualifiedQuarters()));
      }
      return out.iterator();
    }
  }
}
