package io.gridwatch.analytics.assessment;

import io.gridwatch.analytics.TestSpark;
import io.gridwatch.analytics.lake.SparkTypes;
import io.gridwatch.core.lake.LakeSchema;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small in-memory inputs of the period marts: {@code worker_month} rows (the columns the quarter
 * and year read, types as WorkerMonthJob writes them), {@code workers} and {@code town_scores} rows
 * in the lake schema.
 */
final class PeriodRows {
  static final StructType WORKER_MONTH =
      new StructType()
          .add("worker_id", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("patrol_score", DataTypes.DoubleType)
          .add("awareness_rate", DataTypes.DoubleType)
          .add("total", DataTypes.DoubleType)
          .add("grade", DataTypes.StringType)
          .add("forced_reason", DataTypes.StringType)
          .add("status", DataTypes.StringType);

  final List<Row> months = new ArrayList<>();
  final List<Row> workers = new ArrayList<>();
  final List<Row> townScores = new ArrayList<>();

  /** A final, not forced, not sampled month with patrol score 30. */
  PeriodRows month(String worker, String month, double total) {
    return month(worker, month, total, 30.0, null, null, "final");
  }

  /** Any month row. */
  PeriodRows month(
      String worker,
      String month,
      double total,
      double patrol,
      Double awareness,
      String forcedReason,
      String status) {
    months.add(
        RowFactory.create(worker, month, patrol, awareness, total, null, forcedReason, status));
    return this;
  }

  /** A worker row (grid and town only matter for full-time workers). */
  PeriodRows worker(String id, String kind, String town, String hiredOn, String leftOn) {
    workers.add(
        RowFactory.create(
            id,
            "name " + id,
            kind,
            "GRID",
            town,
            null,
            null,
            Date.valueOf(hiredOn),
            leftOn == null ? null : Date.valueOf(leftOn),
            null,
            "none"));
    return this;
  }

  /** A town_scores row. */
  PeriodRows score(
      String worker, String period, double score, String grade, String town, String submittedOn) {
    townScores.add(
        RowFactory.create(worker, period, score, grade, town, Date.valueOf(submittedOn)));
    return this;
  }

  Dataset<Row> workerMonth() {
    return TestSpark.get().createDataFrame(months, WORKER_MONTH);
  }

  Dataset<Row> workersDf() {
    return TestSpark.get().createDataFrame(workers, SparkTypes.schemaOf(LakeSchema.WORKERS));
  }

  Dataset<Row> townScoresDf() {
    return TestSpark.get().createDataFrame(townScores, SparkTypes.schemaOf(LakeSchema.TOWN_SCORES));
  }
}
