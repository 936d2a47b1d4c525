package io.gridwatch.analytics.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.lake.LakeSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * {@code gridwatch report}: reads the small period marts of the lake filtered to one period (Spark
 * does the filtering and the grid_month town sums; only that period's rows reach the driver), joins
 * the workers' names, lays the workbook out with {@link ReportBook} and writes it with {@link
 * XlsxWriter}.
 */
public final class ReportJob {
  private ReportJob() {}

  /** The lake lacks a mart the period needs: one bilingual line, exit status 1. */
  public static final class MissingMarts extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure naming the missing marts. */
    public MissingMarts(String message) {
      super(message);
    }
  }

  /** A written workbook: its path and content. */
  public record Result(Path out, Book book) {
    /** Whether no sheet has a data line (the period has no results). */
    public boolean empty() {
      return book.sheets().stream().allMatch(Book.Sheet::isEmpty);
    }

    /** One line: the file and the data lines per sheet. */
    public String summary() {
      List<String> parts = new ArrayList<>();
      for (Book.Sheet s : book.sheets()) {
        parts.add(s.name() + " " + s.lineCount());
      }
      return "已写出 / wrote " + out + "（" + String.join("，", parts) + " 行 rows）";
    }
  }

  /** The marts a period kind reads (all required). */
  public static List<String> requiredMarts(ReportPeriod.Kind kind) {
    return switch (kind) {
      case MONTH -> List.of("worker_month", "grid_month");
      case QUARTER -> List.of("worker_quarter", "fulltime_quarter", "town_submissions");
      case HALF_YEAR -> List.of("worker_quarter", "training_gaps");
      case YEAR ->
          List.of(
              "worker_year", "fulltime_year", "town_submissions", "budget_year", "training_gaps");
    };
  }

  /** Loads, lays out and writes the workbook of {@code period} to {@code out}. */
  public static Result run(SparkSession spark, String lake, ReportPeriod period, Path out)
      throws IOException {
    Book book = ReportBook.build(period, load(spark, lake, period));
    XlsxWriter.write(book, out);
    return new Result(out, book);
  }

  /**
   * The rows of {@code period}'s workbook; throws {@link MissingMarts} when a mart it needs is not
   * in the lake.
   */
  public static ReportData load(SparkSession spark, String lake, ReportPeriod period) {
    LakeTables tables = new LakeTables(spark, lake);
    Map<String, Dataset<Row>> marts = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : requiredMarts(period.kind())) {
      tables.mart(name).ifPresentOrElse(df -> marts.put(name, df), () -> missing.add(name));
    }
    if (!missing.isEmpty()) {
      throw new MissingMarts(
          "数据湖 "
              + lake
              + " 中缺少考核结果 "
              + String.join(", ", missing)
              + "，请先运行 gridwatch analyze / marts missing in "
              + LakePaths.mart(lake, "")
              + ": "
              + String.join(", ", missing)
              + ": run gridwatch analyze first");
    }
    Names names = new Names(tables.table(LakeSchema.WORKERS));
    List<Rec> workerMonths = List.of();
    List<Rec> deductions = List.of();
    List<Rec> townMonths = List.of();
    List<Rec> workerQuarters = List.of();
    List<Rec> fulltimeQuarters = List.of();
    List<Rec> townSubmissions = List.of();
    List<Rec> workerYears = List.of();
    List<Rec> fulltimeYears = List.of();
    List<Rec> budget = List.of();
    List<Rec> trainingGaps = List.of();
    switch (period.kind()) {
      case MONTH -> {
        Dataset<Row> wm =
            marts.get("worker_month").where(col("month").equalTo(lit(period.month())));
        workerMonths =
            collect(
                names.join(
                    present(
                        wm,
                        "worker_id",
                        "grid_id",
                        "enterprises",
                        "visited",
                        "coverage",
                        "patrol_score",
                        "info_score",
                        "assist_score",
                        "awareness_rate",
                        "awareness_score",
                        "total",
                        "grade",
                        "forced_reason",
                        "status",
                        "flags")));
        deductions =
            collect(
                names
                    .join(
                        wm.selectExpr("worker_id", "grid_id", "posexplode(deductions) AS (pos, d)")
                            .selectExpr(
                                "worker_id",
                                "grid_id",
                                "pos",
                                "d.rule AS rule",
                                "d.points AS points",
                                "array_join(d.evidence_ids, ', ') AS evidence"))
                    .orderBy("worker_id", "pos"));
        townMonths = collect(townSums(marts.get("grid_month"), period.month()));
      }
      case QUARTER, HALF_YEAR -> {
        workerQuarters =
            collect(names.join(in(marts.get("worker_quarter"), "quarter", period.quarters())));
        if (period.kind() == ReportPeriod.Kind.QUARTER) {
          fulltimeQuarters =
              collect(names.join(in(marts.get("fulltime_quarter"), "period", period.quarters())));
          townSubmissions =
              withMissingNames(
                  collect(in(marts.get("town_submissions"), "quarter", period.quarters())), names);
        } else {
          trainingGaps =
              collect(
                  names.join(in(marts.get("training_gaps"), "period", period.trainingPeriods())));
        }
      }
      case YEAR -> {
        List<String> year = List.of(period.label());
        workerYears = collect(names.join(in(marts.get("worker_year"), "year", year)));
        fulltimeYears = collect(names.join(in(marts.get("fulltime_year"), "period", year)));
        townSubmissions =
            withMissingNames(
                collect(in(marts.get("town_submissions"), "quarter", period.quarters())), names);
        budget = collect(in(marts.get("budget_year"), "year", year));
        trainingGaps =
            collect(names.join(in(marts.get("training_gaps"), "period", period.trainingPeriods())));
      }
    }
    return new ReportData(
        workerMonths,
        deductions,
        townMonths,
        workerQuarters,
        fulltimeQuarters,
        townSubmissions,
        workerYears,
        fulltimeYears,
        budget,
        trainingGaps);
  }

  /** Rows whose {@code column} (compared as text, so int years match) is one of {@code values}. */
  private static Dataset<Row> in(Dataset<Row> df, String column, List<String> values) {
    return df.where(col(column).cast("string").isin(values.toArray()));
  }

  /** The columns in order; a column the mart lacks (an older lake) reads as null. */
  private static Dataset<Row> present(Dataset<Row> df, String... columns) {
    Set<String> have = new LinkedHashSet<>(Arrays.asList(df.columns()));
    Column[] cols = new Column[columns.length];
    for (int i = 0; i < columns.length; i++) {
      cols[i] = have.contains(columns[i]) ? col(columns[i]) : lit(null).as(columns[i]);
    }
    return df.select(cols);
  }

  /** grid_month of one month summed by town (ratios are formed from these sums later). */
  private static Dataset<Row> townSums(Dataset<Row> gridMonth, String month) {
    return gridMonth
        .where(col("month").equalTo(lit(month)))
        .groupBy(expr("coalesce(town, '未知')").as("town"))
        .agg(
            expr("count(*)").as("grids"),
            expr("coalesce(sum(enterprises), 0)").as("enterprises"),
            expr("coalesce(sum(visited), 0)").as("visited"),
            expr("count_if(full_coverage)").as("full_coverage_grids"),
            expr("coalesce(sum(patrols), 0)").as("patrols"),
            expr("coalesce(sum(issues_environment), 0)").as("issues_environment"),
            expr("coalesce(sum(issues_safety), 0)").as("issues_safety"),
            expr("coalesce(sum(issues_social_order), 0)").as("issues_social_order"),
            expr("coalesce(sum(awareness_sampled), 0)").as("awareness_sampled"),
            expr("coalesce(sum(awareness_known), 0)").as("awareness_known"),
            expr("coalesce(sum(suspicious_visits), 0)").as("suspicious_visits"))
        .orderBy("town");
  }

  /** Adds {@code missing_names} ("F2 专职乙") for the ids in {@code missing_worker_ids}. */
  private static List<Rec> withMissingNames(List<Rec> rows, Names names) {
    Set<String> ids = new LinkedHashSet<>();
    for (Rec r : rows) {
      ids.addAll(r.strings("missing_worker_ids"));
    }
    Map<String, String> byId = names.of(ids);
    List<Rec> out = new ArrayList<>();
    for (Rec r : rows) {
      List<String> shown = new ArrayList<>();
      for (String id : r.strings("missing_worker_ids")) {
        String n = byId.get(id);
        shown.add(n == null ? id : id + " " + n);
      }
      Map<String, Object> m = new LinkedHashMap<>(r.values());
      m.put("missing_names", List.copyOf(shown));
      out.add(new Rec(m));
    }
    return out;
  }

  /**
   * The rows as {@link Rec}s in their order: dates as {@code LocalDate}, decimals as {@code
   * BigDecimal}, arrays as lists.
   */
  private static List<Rec> collect(Dataset<Row> df) {
    Dataset<Row> d = df;
    for (StructField f : df.schema().fields()) {
      if (f.dataType().equals(DataTypes.DateType)) {
        // as ISO text, so the calendar date never goes through the JVM's time zone
        d = d.withColumn(f.name(), expr("date_format(`" + f.name() + "`, 'yyyy-MM-dd')"));
      }
    }
    Set<String> dates = new LinkedHashSet<>();
    for (StructField f : df.schema().fields()) {
      if (f.dataType().equals(DataTypes.DateType)) {
        dates.add(f.name());
      }
    }
    StructField[] fields = d.schema().fields();
    List<Rec> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < fields.length; i++) {
        Object v;
        if (r.isNullAt(i)) {
          v = null;
        } else if (fields[i].dataType() instanceof ArrayType) {
          v = List.copyOf(r.getList(i));
        } else if (dates.contains(fields[i].name())) {
          v = java.time.LocalDate.parse(r.getString(i));
        } else {
          v = r.get(i);
        }
        m.put(fields[i].name(), v);
      }
      out.add(new Rec(m));
    }
    return out;
  }

  /** The workers' names (the {@code workers} table may be absent: names are then blank). */
  private static final class Names {
    private final Optional<Dataset<Row>> workers;

    Names(Optional<Dataset<Row>> workers) {
      this.workers =
          workers.map(w -> w.select(col("worker_id").as("n_worker_id"), col("name").as("n_name")));
    }

    /** {@code df} with a {@code name} column after {@code worker_id}'s columns. */
    Dataset<Row> join(Dataset<Row> df) {
      if (workers.isEmpty()) {
        return df.withColumn("name", lit(null).cast("string"));
      }
      return df.join(workers.get(), col("worker_id").equalTo(col("n_worker_id")), "left")
          .withColumn("name", col("n_name"))
          .drop("n_worker_id", "n_name");
    }

    /** Names of a few ids. */
    Map<String, String> of(Set<String> ids) {
      Map<String, String> out = new HashMap<>();
      if (ids.isEmpty() || workers.isEmpty()) {
        return out;
      }
      for (Row r : workers.get().where(col("n_worker_id").isin(ids.toArray())).collectAsList()) {
        if (!r.isNullAt(1)) {
          out.put(r.getString(0), r.getString(1));
        }
      }
      return out;
    }
  }
}
