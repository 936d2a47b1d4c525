package io.gridwatch.analytics.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.gridwatch.analytics.assessment.AssessmentJob;
import io.gridwatch.analytics.coverage.GridMonthJob;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.store.publish.Publisher;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gridwatch publish}, Spark side: begins a publish on the driver, streams every published
 * table from the executors ({@code foreachPartition} → {@link Publisher#copy} once per partition
 * id, so retried or speculative tasks never duplicate rows), commits on the driver, and aborts on
 * any failure so readers never see half a publish.
 */
public final class PublishJob {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);

  private PublishJob() {}

  /** Columns of the published {@code grids} table, in order. */
  public static final List<String> GRIDS_COLUMNS =
      List.of("grid_id", "layout_version", "name", "kind", "town", "community", "geometry");

  /** Columns of the published {@code enterprises} table, in order. */
  public static final List<String> ENTERPRISES_COLUMNS = PublishedPoints.ENTERPRISES_COLUMNS;

  /** Columns of the published {@code patrols} table, in order. */
  public static final List<String> PATROLS_COLUMNS = PublishedPoints.PATROLS_COLUMNS;

  /**
   * Marts published when present in the lake (skipped, leaving their tables empty, when not): every
   * assessment mart, each with its table in {@code PublishedTables.ALL}.
   */
  public static final List<String> OPTIONAL_MARTS = List.of(AssessmentJob.MARTS);

  /**
   * Publishes {@code grids} (every layout row, WKB geometry), {@code grid_month}, {@code
   * enterprises} (points, grid of the layout in force), {@code patrols} (points), {@code workers}
   * and, when present, the assessment marts ({@link #OPTIONAL_MARTS}) from {@code lake} to the
   * database at {@code jdbcUrl}; returns rows copied per table. Fails (after aborting) when the
   * lake has no grids or no grid_month mart (run analyze first).
   */
  public static Map<String, Long> run(SparkSession spark, String lake, String jdbcUrl) {
    LakeTables tables = new LakeTables(spark, lake);
    Dataset<Row> grids =
        tables
            .require(LakeSchema.GRIDS)
            .withColumn("layout_version", coalesce(col("layout_version"), lit(1)).cast("int"));
    Dataset<Row> gridMonth =
        tables
            .mart("grid_month")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "缺少 grid_month 汇总表 mart grid_month missing under "
                            + lake
                            + "/marts (run gridwatch analyze first)"));
    Dataset<Row> enterprises = PublishedPoints.enterprises(tables);
    Dataset<Row> patrols = PublishedPoints.patrols(tables);
    String stagingId = Publisher.begin(jdbcUrl, lake);
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      rows.put("grids", copy(spark, grids, jdbcUrl, stagingId, "grids", GRIDS_COLUMNS));
      rows.put(
          "grid_month",
          copy(
              spark, gridMonth, jdbcUrl, stagingId, "grid_month", GridMonthJob.GRID_MONTH_COLUMNS));
      rows.put(
          "enterprises",
          copy(spark, enterprises, jdbcUrl, stagingId, "enterprises", ENTERPRISES_COLUMNS));
      rows.put("patrols", copy(spark, patrols, jdbcUrl, stagingId, "patrols", PATROLS_COLUMNS));
      Optional<Dataset<Row>> workers =
          MartShape.toLiveColumns(
              tables.tableOrEmpty(LakeSchema.WORKERS),
              Publisher.columnTypes(jdbcUrl, "workers"),
              "workers");
      if (workers.isPresent()) {
        Dataset<Row> w = workers.get();
        rows.put("workers", copy(spark, w, jdbcUrl, stagingId, "workers", List.of(w.columns())));
      }
      for (String mart : OPTIONAL_MARTS) {
        Optional<Dataset<Row>> df = tables.mart(mart);
        if (df.isEmpty()) {
          LOG.info("mart {} not in the lake; published table {} left empty", mart, mart);
          continue;
        }
        Optional<Dataset<Row>> shaped =
            MartShape.toLiveColumns(df.get(), Publisher.columnTypes(jdbcUrl, mart), mart);
        if (shaped.isPresent()) {
          Dataset<Row> s = shaped.get();
          rows.put(mart, copy(spark, s, jdbcUrl, stagingId, mart, List.of(s.columns())));
        }
      }
      Publisher.commit(jdbcUrl, stagingId);
    } catch (RuntimeException | Error e) {
      try {
        Publisher.abort(jdbcUrl, stagingId);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return rows;
  }

  private static long copy(
      SparkSession spark,
      Dataset<Row> df,
      String jdbcUrl,
      String stagingId,
      String table,
      List<String> columns) {
    LongAccumulator copied = spark.sparkContext().longAccumulator("publish." + table);
    Dataset<Row> projected = df.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
    projected.foreachPartition(new CopyPartition(jdbcUrl, stagingId, table, columns, copied));
    return copied.value();
  }

  /**
   * Executor-side copy of one partition, at most once per partition id (a retried task finds its
   * partition in the publish ledger); holds only strings and the accumulator.
   */
  record CopyPartition(
      String jdbcUrl, String stagingId, String table, List<String> columns, LongAccumulator copied)
      implements ForeachPartitionFunction<Row> {
    @Override
    public void call(Iterator<Row> rows) {
      if (!rows.hasNext()) {
        return;
      }
      TaskContext task = TaskContext.get();
      String part = task == null ? "driver" : Integer.toString(task.partitionId());
      Iterator<Object[]> values =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public Object[] next() {
              Row r = rows.next();
              Object[] v = new Object[r.length()];
              for (int i = 0; i < v.length; i++) {
                v[i] = r.get(i);
              }
              return v;
            }
          };
      copied.add(Publisher.copy(jdbcUrl, stagingId, table, List.copyOf(columns), values, part));
    }
  }
}
