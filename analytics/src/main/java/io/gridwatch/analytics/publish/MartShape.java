package io.gridwatch.analytics.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shapes a mart written by another job onto the columns of its published table: columns the table
 * lacks are dropped, columns the mart lacks are null, values are cast to the table's types; arrays,
 * maps and structs become JSON text, and text bound for a {@code jsonb} column that is not valid
 * JSON is wrapped as {@code {"text": ...}}.
 */
final class MartShape {
  private static final Logger LOG = LoggerFactory.getLogger(MartShape.class);

  /** Key columns a mart must have to be published (NOT NULL in the table). */
  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "worker_month", List.of("worker_id", "month"),
          "patrol_flags", List.of("patrol_id", "reason"),
          "workers", List.of("worker_id"),
          "worker_quarter", List.of("worker_id", "quarter"),
          "worker_year", List.of("worker_id", "year"),
          "fulltime_quarter", List.of("worker_id", "period"),
          "fulltime_year", List.of("worker_id", "period"),
          "town_submissions", List.of("town", "quarter"),
          "budget_year", List.of("year", "town", "category"),
          "training_gaps", List.of("worker_id", "period", "required_level"));

  private MartShape() {}

  /**
   * The mart projected onto {@code liveTypes} (column → PostgreSQL data type, in table order), or
   * empty (logged) when it lacks one of the table's key columns.
   */
  static Optional<Dataset<Row>> toLiveColumns(
      Dataset<Row> mart, Map<String, String> liveTypes, String table) {
    Set<String> have = Set.of(mart.columns());
    for (String key : REQUIRED.getOrDefault(table, List.of())) {
      if (!have.contains(key)) {
        LOG.warn("mart {} has no column {} (has {}); not published", table, key, have);
        return Optional.empty();
      }
    }
    List<Column> out = new ArrayList<>();
    for (Map.Entry<String, String> e : liveTypes.entrySet()) {
      String name = e.getKey();
      String pgType = e.getValue();
      if (!have.contains(name)) {
        out.add(lit(null).cast(sparkType(pgType)).as(name));
        continue;
      }
      DataType source = mart.schema().apply(name).dataType();
      out.add(convert(col(name), source, pgType).as(name));
    }
    List<String> dropped =
        Arrays.stream(mart.columns()).filter(c -> !liveTypes.containsKey(c)).toList();
    if (!dropped.isEmpty()) {
      LOG.info("mart {}: columns {} are not published", table, dropped);
    }
    return Optional.of(mart.select(out.toArray(Column[]::new)));
  }

  private static Column convert(Column c, DataType source, String pgType) {
    boolean complex =
        source instanceof ArrayType || source instanceof MapType || source instanceof StructType;
    if (pgType.equals("jsonb") || pgType.equals("json")) {
      if (complex) {
        return to_json(c);
      }
      Column text = c.cast("string");
      return when(c.isNull(), lit(null).cast("string"))
          .when(get_json_object(text, "$").isNotNull(), text)
          .otherwise(to_json(struct(text.as("text"))));
    }
    if (complex) {
      return to_json(c);
    }
    String target = sparkType(pgType);
    if (source instanceof StringType && target.equals("string")) {
      return c;
    }
    return c.cast(target);
  }

  private static String sparkType(String pgType) {
    return switch (pgType) {
      case "integer", "smallint" -> "int";
      case "bigint" -> "bigint";
      case "double precision", "real", "numeric" -> "double";
      case "boolean" -> "boolean";
      case "date" -> "date";
      case "timestamp with time zone", "timestamp without time zone" -> "timestamp";
      default -> "string";
    };
  }
}
