package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.gridwatch.core.assessment.Decimals;
import io.gridwatch.core.assessment.ExclusiveYear;
import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
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
 * The {@code worker_year} mart (data-contract.md §3, assessment-rules.md §3): one row per exclusive
 * worker and year with a {@code worker_quarter} row. The tie-breaks of the ranking are the mean
 * patrol score and mean awareness rate (not sampled = 1.0) of the worker's months of the year.
 * Grouped by year and assessed by {@link ExclusiveYear}.
 */
public final class YearJob {
  private YearJob() {}

  /** Schema of {@code worker_year}: the contract columns first, then the explaining ones. */
  public static final StructType SCHEMA =
      new StructType()
          .add("worker_id", DataTypes.StringType, false)
          .add("year", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("unqualified_quarters", DataTypes.IntegerType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("grade", DataTypes.StringType, false)
          .add("quota_exceeded", DataTypes.BooleanType, false)
          .add("forced_reason", DataTypes.StringType, true)
          .add("pay_multiplier", DataTypes.DoubleType, false)
          .add("performance_pay", DataTypes.DoubleType, false)
          .add("dismissal_required", DataTypes.BooleanType, false)
          .add("status", DataTypes.StringType, false)
          .add("quarters", DataTypes.IntegerType, false)
          .add("base_grade", DataTypes.StringType, false)
          .add("ranked", DataTypes.IntegerType, false)
          .add("excellent_quota", DataTypes.IntegerType, false)
          .add("pool_total_pay", DataTypes.DoubleType, false)
          .add("pool_budget", DataTypes.DoubleType, false)
          .add("pool_overrun", DataTypes.BooleanType, false);

  /** The worker_year rows (lazy) from worker_quarter and worker_month, by year and rank. */
  public static Dataset<Row> compute(
      Dataset<Row> workerQuarter, Dataset<Row> workerMonth, Rules rules) {
    Dataset<Row> quarters =
        workerQuarter
            .withColumn("year", expr("substring(quarter, 1, 4)"))
            .groupBy("worker_id", "year")
            .agg(
                expr("collect_list(named_struct('quarter', quarter, 'score', score,"
                        + " 'grade', grade, 'status', status))")
                    .as("qs"));
    Dataset<Row> months =
        workerMonth
            .withColumn("year", expr("substring(month, 1, 4)"))
            .groupBy(col("worker_id").as("m_worker_id"), col("year").as("m_year"))
            .agg(
                expr("collect_list(patrol_score)").as("patrols"),
                // collect_list drops nulls: keep "not sampled" as a null inside a struct
                expr("collect_list(named_struct('rate', awareness_rate))").as("rates"));
    Dataset<Row> in =
        quarters
            .join(
                months,
                col("worker_id")
                    .equalTo(col("m_worker_id"))
                    .and(col("year").equalTo(col("m_year"))),
                "left")
            .drop("m_worker_id", "m_year");
    return in.groupByKey(new MartRows.KeyOf("year"), Encoders.STRING())
        .flatMapGroups(new PerYear(rules), Encoders.row(SCHEMA))
        .orderBy("year", "rank");
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
      List<ExclusiveYear.Worker> workers = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        List<ExclusiveYear.Quarter> qs = new ArrayList<>();
        for (Row q : r.<Row>getList(r.fieldIndex("qs"))) {
          qs.add(
              new ExclusiveYear.Quarter(
                  MartRows.str(q, "quarter"),
                  Decimals.score(MartRows.decimal(q, "score")),
                  MartRows.str(q, "grade"),
                  "incomplete".equals(MartRows.str(q, "status"))));
        }
        List<BigDecimal> patrols = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        if (!r.isNullAt(r.fieldIndex("patrols"))) {
          for (Object p : r.getList(r.fieldIndex("patrols"))) {
            patrols.add(Decimals.of(((Number) p).doubleValue()));
          }
          for (Row a : r.<Row>getList(r.fieldIndex("rates"))) {
            rates.add(MartRows.decimal(a, "rate"));
          }
        }
        workers.add(new ExclusiveYear.Worker(MartRows.str(r, "worker_id"), qs, patrols, rates));
      }
      List<Row> out = new ArrayList<>();
      for (ExclusiveYear.Result y : ExclusiveYear.assess(year, workers, rules)) {
        out.add(
            RowFactory.create(
                y.workerId(),
                y.year(),
                MartRows.dbl(y.score()),
                y.unqualifiedQuarters(),
                y.rank(),
                y.grade(),
                y.quotaExceeded(),
                y.forcedReason(),
                MartRows.dbl(y.payMultiplier()),
                MartRows.dbl(y.performancePay()),
                y.dismissalRequired(),
                y.status(),
                y.quarters(),
                y.baseGrade(),
                y.ranked(),
                y.quota(),
                MartRows.dbl(y.poolTotalPay()),
                MartRows.dbl(y.poolBudget()),
                y.poolOverrun()));
      }
      return out.iterator();
    }
  }
}
