package io.gridwatch.analytics.lake;

import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.lake.TableDef;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reads lake tables and marts as DataFrames. */
public final class LakeTables {
  private final SparkSession spark;
  private final String lake;

  /** Reader over the lake root {@code lake}. */
  public LakeTables(SparkSession spark, String lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** The lake root. */
  public String lake() {
    return lake;
  }

  /** The session. */
  public SparkSession spark() {
    return spark;
  }

  /** The table if it holds data; partition columns (patrols' {@code month}) are read as strings. */
  public Optional<Dataset<Row>> table(TableDef def) {
    return read(LakePaths.table(lake, def.name()), def.partitionColumn());
  }

  /** The table, or an error naming the missing folder. */
  public Dataset<Row> require(TableDef def) {
    return table(def)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "湖中缺少表 lake table missing: "
                        + LakePaths.table(lake, def.name())
                        + " (run gridwatch ingest first)"));
  }

  /** The table, or an empty DataFrame with its LakeSchema schema when it holds no data. */
  public Dataset<Row> tableOrEmpty(TableDef def) {
    return table(def)
        .orElseGet(() -> spark.createDataFrame(java.util.List.<Row>of(), SparkTypes.schemaOf(def)));
  }

  /** The mart if it exists. */
  public Optional<Dataset<Row>> mart(String name) {
    return read(LakePaths.mart(lake, name), null);
  }

  /** Reads any Parquet folder of the lake if it holds data. */
  public Optional<Dataset<Row>> read(String path, String partitionColumn) {
    if (!LakeFs.hasData(spark, path)) {
      return Optional.empty();
    }
    Dataset<Row> df = spark.read().option("basePath", path).parquet(path);
    if (partitionColumn != null
        && java.util.Arrays.asList(df.columns()).contains(partitionColumn)) {
      df = df.withColumn(partitionColumn, functions.col(partitionColumn).cast("string"));
    }
    return Optional.of(df);
  }
}
