package io.gridwatch.ingest.lake;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.locationtech.jts.geom.Envelope;

/**
 * Rows as {@code Object[]} (one value per column, Java types: String, Integer, Long, Double,
 * Boolean, LocalDate, Instant, byte[] WKB) to and from Parquet files in the lake format of the team
 * brief. Writing streams; GEOMETRY columns get GeoParquet 1.1 {@code geo} metadata and a derived
 * bbox covering struct column ({@code bbox} for the first geometry column, {@code <name>_bbox} for
 * others) appended after the given columns; readers project by name, so it never reaches rows.
 */
public final class ParquetRows {
  private ParquetRows() {}

  /** The Parquet schema of the given columns (all optional), without the writer's bbox columns. */
  public static MessageType schema(List<Column> columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : columns) {
      b.addField(field(c));
    }
    return b.named("row");
  }

  /** The name of the bbox covering column of a geometry column ({@code primary}: the first). */
  public static String coveringName(String geometryColumn, boolean primary) {
    return primary ? "bbox" : geometryColumn + "_bbox";
  }

  private static Type bboxField(String name) {
    Types.GroupBuilder<GroupType> g = Types.optionalGroup();
    for (String f : GeoMetadata.BBOX_FIELDS) {
      g = g.optional(PrimitiveTypeName.DOUBLE).named(f);
    }
    return g.named(name);
  }

  private static Type field(Column c) {
    return switch (c.type()) {
      case STRING ->
          Types.optional(PrimitiveTypeName.BINARY)
              .as(LogicalTypeAnnotation.stringType())
              .named(c.name());
      case INT -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
      case LONG -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
      case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
      case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
      case DATE ->
          Types.optional(PrimitiveTypeName.INT32)
              .as(LogicalTypeAnnotation.dateType())
              .named(c.name());
      case TIMESTAMP ->
          Types.optional(PrimitiveTypeName.INT64)
              .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
              .named(c.name());
      case GEOMETRY -> Types.optional(PrimitiveTypeName.BINARY).named(c.name());
    };
  }

  /** Opens a streaming writer of a new file (lake-relative path); close it to finish. */
  public static ParquetWriter<Object[]> writer(LakeFs lake, String file, List<Column> columns)
      throws IOException {
    return writer(lake, file, columns, 16L * 1024 * 1024);
  }

  /**
   * Like {@link #writer(LakeFs, String, List)} with an explicit row-group size in bytes (the writer
   * buffers about one row group in memory).
   */
  public static ParquetWriter<Object[]> writer(
      LakeFs lake, String file, List<Column> columns, long rowGroupBytes) throws IOException {
    return builder(lake, file, columns, rowGroupBytes).build();
  }

  private static Builder builder(LakeFs lake, String file, List<Column> columns, long rowGroupBytes)
      throws IOException {
    OutputFile out = HadoopOutputFile.fromPath(lake.path(file), lake.conf());
    return new Builder(out, new RowWriteSupport(columns))
        .withConf(lake.conf())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupSize(rowGroupBytes)
        .withPageSize(1024 * 1024)
        .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE);
  }

  /** Writes all rows to a new file (lake-relative path). */
  public static void writeAll(
      LakeFs lake, String file, List<Column> columns, Iterable<Object[]> rows) throws IOException {
    writeAll(lake, file, columns, rows, java.util.Set.of());
  }

  /**
   * Like {@link #writeAll(LakeFs, String, List, Iterable)}, with dictionary encoding switched off
   * for the named columns (a unique key gains nothing from a dictionary and costs a hash per value
   * until the writer gives up on it).
   */
  public static void writeAll(
      LakeFs lake,
      String file,
      List<Column> columns,
      Iterable<Object[]> rows,
      java.util.Set<String> plainColumns)
      throws IOException {
    Builder b = builder(lake, file, columns, 16L * 1024 * 1024);
    for (String c : plainColumns) {
      b = b.withDictionaryEncoding(c, false);
    }
    try (ParquetWriter<Object[]> w = b.build()) {
      for (Object[] r : rows) {
        w.write(r);
      }
    }
  }

  /**
   * Streams the rows of one file (lake-relative path) projected on {@code columns}; a column
   * missing from the file reads as null.
   */
  public static void read(LakeFs lake, String file, List<Column> columns, Consumer<Object[]> sink)
      throws IOException {
    try (ParquetReader<Group> r =
        ParquetReader.builder(new GroupReadSupport(), lake.path(file))
            .withConf(lake.conf())
            .build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        sink.accept(toRow(g, columns));
      }
    }
  }

  /** Reads every row of every visible Parquet file directly inside a lake-relative folder. */
  public static List<Object[]> readFolder(LakeFs lake, String folder, List<Column> columns)
      throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (String f : lake.parquetFiles(folder)) {
      read(lake, f, columns, rows::add);
    }
    return rows;
  }

  private static Object[] toRow(Group g, List<Column> columns) {
    GroupType t = g.getType();
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (!t.containsField(c.name())) {
        continue;
      }
      int f = t.getFieldIndex(c.name());
      if (g.getFieldRepetitionCount(f) == 0) {
        continue;
      }
      row[i] =
          switch (c.type()) {
            case STRING -> g.getString(f, 0);
            case INT -> g.getInteger(f, 0);
            case LONG -> g.getLong(f, 0);
            case DOUBLE -> g.getDouble(f, 0);
            case BOOLEAN -> g.getBoolean(f, 0);
            case DATE -> LocalDate.ofEpochDay(g.getInteger(f, 0));
            case TIMESTAMP -> fromMicros(g.getLong(f, 0));
            case GEOMETRY -> g.getBinary(f, 0).getBytes();
          };
    }
    return row;
  }

  /** Microseconds since the epoch of an instant (sub-microsecond digits are dropped). */
  public static long toMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /** The instant of microseconds since the epoch. */
  public static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final List<Column> columns;
    private final MessageType schema;
    private final List<GeoMetadata.Collector> geo = new ArrayList<>();
    private final GeoMetadata.Collector[] geoByIndex;
    private final String[] coveringByIndex;
    private final int[] coveringFieldByIndex;
    private RecordConsumer rc;

    RowWriteSupport(List<Column> columns) {
      this.columns = columns;
      this.geoByIndex = new GeoMetadata.Collector[columns.size()];
      this.coveringByIndex = new String[columns.size()];
      this.coveringFieldByIndex = new int[columns.size()];
      Types.MessageTypeBuilder b = Types.buildMessage();
      columns.forEach(c -> b.addField(field(c)));
      List<String> names = columns.stream().map(Column::name).toList();
      int next = columns.size();
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        if (c.type() == ColumnType.GEOMETRY) {
          String covering = coveringName(c.name(), geo.isEmpty());
          if (names.contains(covering)) {
            throw new IllegalArgumentException(
                "bbox 覆盖列与表列重名 covering column clashes with a column: " + covering);
          }
          geoByIndex[i] = new GeoMetadata.Collector(c.name(), covering);
          geo.add(geoByIndex[i]);
          coveringByIndex[i] = covering;
          coveringFieldByIndex[i] = next++;
          b.addField(bboxField(covering));
        }
      }
      this.schema = b.named("row");
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rc = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      rc.startMessage();
      Envelope[] boxes = new Envelope[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        Object v = row[i];
        if (v == null) {
          continue;
        }
        Column c = columns.get(i);
        rc.startField(c.name(), i);
        switch (c.type()) {
          case STRING ->
              rc.addBinary(
                  Binary.fromConstantByteArray(
                      ((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          case INT -> rc.addInteger((Integer) v);
          case LONG -> rc.addLong((Long) v);
          case DOUBLE -> rc.addDouble((Double) v);
          case BOOLEAN -> rc.addBoolean((Boolean) v);
          case DATE -> rc.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
          case TIMESTAMP -> rc.addLong(toMicros((Instant) v));
          case GEOMETRY -> {
            byte[] wkb = (byte[]) v;
            boxes[i] = geoByIndex[i].add(wkb);
            rc.addBinary(Binary.fromConstantByteArray(wkb));
          }
        }
        rc.endField(c.name(), i);
      }
      for (int i = 0; i < columns.size(); i++) {
        if (boxes[i] != null) {
          writeBbox(coveringByIndex[i], coveringFieldByIndex[i], boxes[i]);
        }
      }
      rc.endMessage();
    }

    private void writeBbox(String name, int index, Envelope e) {
      double[] values = {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
      rc.startField(name, index);
      rc.startGroup();
      for (int f = 0; f < values.length; f++) {
        String field = GeoMetadata.BBOX_FIELDS.get(f);
        rc.startField(field, f);
        rc.addDouble(values[f]);
        rc.endField(field, f);
      }
      rc.endGroup();
      rc.endField(name, index);
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
      if (geo.isEmpty()) {
        return new FinalizedWriteContext(Map.of());
      }
      return new FinalizedWriteContext(Map.of("geo", GeoMetadata.json(geo)));
    }
  }
}
