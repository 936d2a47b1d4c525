package io.gridwatch.analytics.assessment;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.gridwatch.analytics.coverage.WorkerHoldings;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The {@code worker_month} mart (data-contract.md §3): the monthly score of every exclusive worker
 * employed on the 15th of an assessed month, exactly per assessment-rules.md §1, with flags and
 * itemised deductions ({@code array<struct<rule, points, evidence_ids>>}, sorted).
 */
public final class WorkerMonthJob {
  private WorkerMonthJob() {}

  /** Columns of {@code worker_month}, in contract order. */
  public static final List<String> COLUMNS =
      List.of(
          "worker_id",
          "month",
          "grid_id",
          "enterprises",
          "visited",
          "coverage",
          "full_coverage",
          "new_enterprise_misses",
          "incident_failures",
          "patrol_score",
          "info_score",
          "assist_score",
          "awareness_rate",
          "awareness_score",
          "upload_compliance",
          "total",
          "grade",
          "forced_reason",
          "status",
          "flags",
          "deductions");

  /** SQL type of one deduction. */
  public static final String DEDUCTION_TYPE =
      "struct<rule:string,points:double,evidence_ids:array<string>>";

  /** The worker_month rows (lazy), ordered by worker_id, month. */
  public static Dataset<Row> compute(AssessmentBasis b) {
    Rules rules = b.rules();
    var lake = b.lake();
    Dataset<Row> months = b.monthsDf();
    Dataset<Row> h = b.holdings();

    // ---- exclusive workers employed on the 15th
    Dataset<Row> assessed =
        lake.tableOrEmpty(LakeSchema.WORKERS)
            .where("worker_id IS NOT NULL AND hired_on IS NOT NULL AND kind = 'exclusive'")
            .select("worker_id", "hired_on", "left_on")
            .crossJoin(broadcast(months))
            .where("hired_on <= day15 AND (left_on IS NULL OR left_on > day15)")
            .select("worker_id", "month", "first_day", "last_day", "mondays");

    // ---- grid of the month: most days held, ties the later one
    Dataset<Row> held =
        assessed
            .join(h, col("h_worker").equalTo(col("worker_id")))
            .withColumn("from_day", expr("greatest(h_start, first_day)"))
            .withColumn(
                "days",
                expr(
                    "datediff(least(coalesce(h_end, date_add(last_day, 1)),"
                        + " date_add(last_day, 1)), from_day)"))
            .where("days > 0")
            .groupBy(col("worker_id"), col("month"), col("h_grid").as("grid_id"))
            .agg(functions.sum("days").as("held_days"), functions.max("from_day").as("from_day"))
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy("worker_id", "month")
                            .orderBy(
                                col("held_days").desc(),
                                col("from_day").desc(),
                                col("grid_id").asc())))
            .where("rn = 1")
            .select("worker_id", "month", "grid_id", "held_days");

    // ---- counted enterprises of each grid and month, and which had a valid visit
    Dataset<Row> counted =
        b.enterprises()
            .where("grid_id IS NOT NULL")
            .join(broadcast(months), "layout_version")
            .where(
                expr("date_add(registered_on, " + rules.discoveryDays() + ") <= last_day")
                    .and(expr("closed_on IS NULL OR closed_on > day15")))
            .select("grid_id", "month", "enterprise_id");
    Dataset<Row> validVisitMonths =
        b.visits()
            .where("valid")
            .select("enterprise_id", "month")
            .distinct()
            .withColumn("was_visited", lit(true));
    Dataset<Row> coverage =
        counted
            .join(validVisitMonths, new String[] {"enterprise_id", "month"}, "left")
            .groupBy("grid_id", "month")
            .agg(
                functions.count(lit(1)).as("n_enterprises"),
                functions.count(col("was_visited")).as("n_visited"),
                expr("array_sort(collect_list(IF(was_visited IS NULL, enterprise_id, NULL)))")
                    .as("missed"));

    Dataset<Row> newMisses = NewEnterprises.misses(b);
    Dataset<Row> incidents = Incidents.failures(b);

    Dataset<Row> info =
        lake.tableOrEmpty(LakeSchema.INFO_SCORES)
            .where("worker_id IS NOT NULL AND month IS NOT NULL")
            .select(col("worker_id"), col("month"), col("score").as("info_raw"));
    Dataset<Row> assist =
        lake.tableOrEmpty(LakeSchema.ASSIST_SCORES)
            .where("worker_id IS NOT NULL AND month IS NOT NULL")
            .select(col("worker_id"), col("month"), col("score").as("assist_raw"));
    Dataset<Row> awareness =
        lake.tableOrEmpty(LakeSchema.SPOT_CHECKS)
            .where("grid_id IS NOT NULL AND month IS NOT NULL AND knows_worker IS NOT NULL")
            .groupBy("grid_id", "month")
            .agg(
                functions.count(lit(1)).as("aw_n"),
                expr("count_if(knows_worker)").as("aw_k"),
                expr("array_sort(collect_set(IF(knows_worker, NULL, enterprise_id)))")
                    .as("aw_unknown"));
    Dataset<Row> uploads =
        lake.tableOrEmpty(LakeSchema.INFO_UPLOADS)
            .where("worker_id IS NOT NULL AND uploaded_at IS NOT NULL")
            .withColumn("monday", expr("to_date(date_trunc('WEEK', uploaded_at))"))
            .groupBy(col("worker_id"), functions.date_format(col("monday"), "yyyy-MM").as("month"))
            .agg(functions.countDistinct("monday").as("upload_weeks"));

    String[] wm = {"worker_id", "month"};
    String[] gm = {"grid_id", "month"};
    Dataset<Row> joined =
        assessed
            .join(held, wm, "left")
            .join(coverage, gm, "left")
            .join(newMisses, wm, "left")
            .join(incidents, wm, "left")
            .join(info, wm, "left")
            .join(assist, wm, "left")
            .join(awareness, gm, "left")
            .join(uploads, wm, "left");
    return project(joined, rules).orderBy("worker_id", "month");
  }

  private static Dataset<Row> project(Dataset<Row> j, Rules rules) {
    String emptyDeductions = "CAST(array() AS array<" + DEDUCTION_TYPE + ">)";
    Dataset<Row> s =
        j.withColumn("enterprises", expr("CAST(coalesce(n_enterprises, 0) AS INT)"))
            .withColumn("visited", expr("CAST(coalesce(n_visited, 0) AS INT)"))
            .withColumn(
                "partial", expr("grid_id IS NOT NULL AND held_days < " + rules.assignmentMinDays()))
            .withColumn(
                "coverage_miss", expr("enterprises > 0 AND visited < enterprises AND NOT partial"))
            .withColumn("new_enterprise_misses", expr("CAST(coalesce(ne_count, 0) AS INT)"))
            .withColumn("incident_failures", expr("CAST(coalesce(inc_count, 0) AS INT)"))
            .withColumn(
                "patrol_dec",
                expr(
                    "CASE WHEN incident_failures > 0 THEN CAST(0 AS DECIMAL(6,2)) ELSE"
                        + " CAST(greatest(0, 30 - IF(coverage_miss, 10, 0)"
                        + " - 2 * new_enterprise_misses) AS DECIMAL(6,2)) END"))
            .withColumn("info_dec", expr("CAST(round(coalesce(info_raw, 0), 2) AS DECIMAL(6,2))"))
            .withColumn(
                "assist_dec", expr("CAST(round(coalesce(assist_raw, 0), 2) AS DECIMAL(6,2))"))
            .withColumn("aw_n", expr("coalesce(aw_n, 0)"))
            .withColumn(
                "awareness_score",
                expr(
                    "CAST(IF(aw_n = 0, 20, greatest(0, 20 - 2 * (((aw_n - aw_k) * 10) div aw_n)))"
                        + " AS INT)"))
            .withColumn("awareness_rate", expr("IF(aw_n = 0, NULL, aw_k / aw_n)"))
            .withColumn(
                "forced",
                expr("coalesce(awareness_rate < " + rules.awarenessUnqualifiedBelow() + ", false)"))
            .withColumn(
                "total_dec",
                expr(
                    "CAST(patrol_dec + info_dec + assist_dec + CAST(awareness_score AS DECIMAL(6,2))"
                        + " AS DECIMAL(6,2))"));
    Column grade =
        functions
            .when(col("forced"), lit("unqualified"))
            .when(
                col("total_dec").geq(lit(BigDecimal.valueOf(rules.gradeExcellent()))), "excellent")
            .when(
                col("total_dec").geq(lit(BigDecimal.valueOf(rules.gradeQualified()))), "qualified")
            .when(col("total_dec").geq(lit(BigDecimal.valueOf(rules.gradeBasic()))), "basic")
            .otherwise("unqualified");
    String sampleCheck = "least(" + rules.awarenessSampleSize() + ", enterprises)";
    String flags =
        "array_sort(filter(array("
            + "IF(partial, 'partial_month', NULL),"
            + " IF(grid_id IS NULL, 'no_grid', NULL),"
            + " IF(aw_n = 0, 'awareness_not_sampled', NULL),"
            + " IF(aw_n > 0 AND aw_n <> "
            + sampleCheck
            + ", 'awareness_sample_size', NULL),"
            + " IF(info_raw IS NULL, 'info_score_missing', NULL),"
            + " IF(assist_raw IS NULL, 'assist_score_missing', NULL)), x -> x IS NOT NULL))";
    String deductions =
        "array_sort(concat(filter(array("
            + "IF(coverage_miss, named_struct('rule', 'full_coverage', 'points', CAST(-10 AS DOUBLE),"
            + " 'evidence_ids', coalesce(missed, CAST(array() AS array<string>))), NULL),"
            + " IF(incident_failures > 0, named_struct('rule', 'major_incident', 'points',"
            + " CAST(-30 AS DOUBLE), 'evidence_ids', inc_ids), NULL),"
            + " IF(awareness_score < 20, named_struct('rule', 'awareness', 'points',"
            + " CAST(awareness_score - 20 AS DOUBLE), 'evidence_ids',"
            + " coalesce(aw_unknown, CAST(array() AS array<string>))), NULL)"
            + "), x -> x IS NOT NULL), coalesce(ne_list, "
            + emptyDeductions
            + ")))";
    return s.select(
        col("worker_id"),
        col("month"),
        col("grid_id"),
        col("enterprises"),
        col("visited"),
        expr("IF(enterprises = 0, NULL, visited / enterprises)").as("coverage"),
        expr("IF(enterprises = 0, NULL, visited = enterprises)").as("full_coverage"),
        col("new_enterprise_misses"),
        col("incident_failures"),
        col("patrol_dec").cast("double").as("patrol_score"),
        col("info_dec").cast("double").as("info_score"),
        col("assist_dec").cast("double").as("assist_score"),
        col("awareness_rate").cast("double"),
        col("awareness_score"),
        expr("IF(mondays = 0, NULL, coalesce(upload_weeks, 0) / mondays)")
            .cast("double")
            .as("upload_compliance"),
        col("total_dec").cast("double").as("total"),
        grade.as("grade"),
        expr("IF(forced, 'awareness_below_60', NULL)").as("forced_reason"),
        expr("IF(info_raw IS NULL OR assist_raw IS NULL, 'incomplete', 'final')").as("status"),
        expr(flags).as("flags"),
        expr(deductions).as("deductions"));
  }

  /** Kind rank helper re-exported for the event joins (enterprise grid ← exclusive, ...). */
  static String kindRank(String gridKind, String workerKind) {
    return WorkerHoldings.kindRank(gridKind, workerKind);
  }
}
