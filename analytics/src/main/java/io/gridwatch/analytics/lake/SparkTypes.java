package io.gridwatch.analytics.lake;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark types of the lake's logical column types (data-contract.md, lake format). */
public final class SparkTypes {
  private SparkTypes() {}

  /** The Spark type storing a {@link ColumnType}. */
  public static DataType of(ColumnType t) {
    return switch (t) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case GEOMETRY -> DataTypes.BinaryType;
    };
  }

  /** The Spark schema of a lake table: every column, nullable, in LakeSchema order. */
  public static StructType schemaOf(TableDef def) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : def.columns()) {
      fields.add(DataTypes.createStructField(c.name(), of(c.type()), true));
    }
    return DataTypes.createStructType(fields);
  }
}
