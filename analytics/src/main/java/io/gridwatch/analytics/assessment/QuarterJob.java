package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.core.assessment.Decimals;
import io.gridwatch.core.assessment.ExclusiveQuarter;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.core.time.Periods;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code worker_quarter} mart (data-contract.md §3, assessment-rules.md §2): one row per
 * exclusive worker with a {@code worker_month} row in the quarter. Rows are grouped by quarter (one
 * quarter's workers fit in memory; the table need not) and scored, ranked, cut by the quota and
 * paid by {@link ExclusiveQuarter}.
 */
public final class QuarterJob {
  private QuarterJob() {}

  /** Schema of {@code worker_quarter}: the contract columns first, then the explaining ones. */
  public static final StructType SCHEMA =
      new StructType()
          .add("worker_id", DataTypes.StringType, false)
          .add("quarter", DataTypes.StringType, false)
          .add("months", DataTypes.IntegerType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("grade", DataTypes.StringType, false)
          .add("quota_exceeded", DataTypes.BooleanType, false)
          .add("pay_multiplier", DataTypes.DoubleType, false)
          .add("performance_pay", DataTypes.DoubleType, false)
          .add("status", DataTypes.StringType, false)
          .add("base_grade", DataTypes.StringType, false)
          .add("patrol_mean", DataTypes.DoubleType, false)
          .add("awareness_mean", DataTypes.DoubleType, false)
          .add("forced_months", DataTypes.IntegerType, false)
          .add("probation_months", DataTypes.IntegerType, false)
          .add("paid_months", DataTypes.IntegerType, false)
          .add("ranked", DataTypes.IntegerType, false)
          .add("excellent_quota", DataTypes.IntegerType, false);

  /**
   * The worker_quarter rows (lazy) from {@code worker_month} and the {@code workers} table (for
   * hired_on), ordered by quarter and rank.
   */
  public static Dataset<Row> compute(Dataset<Row> workerMonth, Dataset<Row> workers, Rules rules) {
    Dataset<Row> hired =
        workers
            .where("worker_id IS NOT NULL")
            .select(col("worker_id").as("h_worker_id"), col("hired_on"));
    Dataset<Row> in =
        workerMonth
            .select(
                col("worker_id"),
                col("month"),
                expr(MartRows.quarterOfMonth("month")).as("quarter"),
                col("total"),
                col("forced_reason"),
                col("status"),
                col("patrol_score"),
                col("awareness_rate"))
            .join(hired, col("worker_id").equalTo(col("h_worker_id")), "left")
            .drop("h_worker_id");
    return in.groupByKey(new MartRows.KeyOf("quarter"), Encoders.STRING())
        .flatMapGroups(new PerQuarter(rules), Encoders.row(SCHEMA))
        .orderBy("quarter", "rank");
  }

  /** Assesses one quarter's rows (serialisable; holds only the rules). */
  static final class PerQuarter implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Rules rules;

    PerQuarter(Rules rules) {
      this.rules = rules;
    }

    @Override
    public Iterator<Row> call(String quarter, Iterator<Row> rows) {
      Map<String, List<ExclusiveQuarter.Month>> months = new TreeMap<>();
      Map<String, LocalDate> hiredOn = new TreeMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        String w = MartRows.str(r, "worker_id");
        months
            .computeIfAbsent(w, k -> new ArrayList<>())
            .add(
                new ExclusiveQuarter.Month(
                    Periods.parseMonth(MartRows.str(r, "month")),
                    Decimals.score(MartRows.decimal(r, "total")),
                    MartRows.str(r, "forced_reason") != null,
                    "incomplete".equals(MartRows.str(r, "status")),
                    MartRows.decimal(r, "patrol_score"),
                    MartRows.decimal(r, "awareness_rate")));
        hiredOn.put(w, MartRows.date(r, "hired_on"));
      }
      List<ExclusiveQuarter.Worker> workers = new ArrayList<>();
      months.forEach((w, ms) -> workers.add(new ExclusiveQuarter.Worker(w, hiredOn.get(w), ms)));
      List<Row> out = new ArrayList<>();
      for (ExclusiveQuarter.Result q : ExclusiveQuarter.assess(quarter, workers, rules)) {
        out.add(
            RowFactory.create(
                q.workerId(),
                q.quarter(),
                q.months(),
                MartRows.dbl(q.score()),
                q.rank(),
                q.grade(),
                q.quotaExceeded(),
                MartRows.dbl(q.payMultiplier()),
                MartRows.dbl(q.performancePay()),
                q.status(),
                q.baseGrade(),
                MartRows.dbl(q.patrolMean()),
                MartRows.dbl(q.awarenessMean()),
                q.forcedMonths(),
                q.probationMonths(),
                q.paidMonths(),
                q.ranked(),
                q.quota()));
      }
      return out.iterator();
    }
  }
}
