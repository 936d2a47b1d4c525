package io.gridwatch.core.lake;

/** Logical column types of lake tables; each maps to one Parquet physical/logical type. */
public enum ColumnType {
  /** UTF-8 text (Parquet BINARY/STRING). */
  STRING,
  /** 32-bit integer (Parquet INT32). */
  INT,
  /** 64-bit integer (Parquet INT64). */
  LONG,
  /** IEEE double (Parquet DOUBLE). */
  DOUBLE,
  /** Boolean (Parquet BOOLEAN). */
  BOOLEAN,
  /** Calendar date, Asia/Shanghai (Parquet INT32/DATE). */
  DATE,
  /** Instant, microseconds, UTC-adjusted (Parquet INT64/TIMESTAMP(MICROS,true)). */
  TIMESTAMP,
  /** Geometry as WKB in WGS84 (Parquet BINARY), described by GeoParquet metadata. */
  GEOMETRY
}
