package io.gridwatch.ingest.kill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;

/**
 * A canonical content dump of a lake: per visible folder, the sorted rows of all its Parquet files
 * (every column by name, struct columns such as the GeoParquet bbox nested), ignoring what
 * legitimately differs between two runs of the same drop (run ids and run timestamps, file names).
 */
public final class LakeDump {
  private LakeDump() {}

  private static final Set<String> RUN_COLUMNS =
      Set.of("run_id", "started_at", "finished_at", "created_at");

  /** Folder (lake-relative) → sorted row texts; hidden paths ({@code _} or {@code .}) skipped. */
  public static TreeMap<String, List<String>> of(Path lake) throws IOException {
    TreeMap<String, List<String>> out = new TreeMap<>();
    if (!Files.exists(lake)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(lake)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String rel = lake.relativize(f).toString().replace('\\', '/');
      if (Stream.of(rel.split("/")).anyMatch(p -> p.startsWith("_") || p.startsWith("."))) {
        continue;
      }
      if (!rel.endsWith(".parquet")) {
        out.computeIfAbsent(rel, x -> new ArrayList<>()).add("non-parquet file");
        continue;
      }
      String folder = rel.substring(0, rel.lastIndexOf('/'));
      List<String> rows = out.computeIfAbsent(folder, x -> new ArrayList<>());
      try (ParquetReader<Group> r =
          ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri()))
              .withConf(new Configuration())
              .build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          rows.add(text(g));
        }
      }
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private static String text(Group g) {
    GroupType t = g.getType();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < t.getFieldCount(); i++) {
      String name = t.getFieldName(i);
      if (RUN_COLUMNS.contains(name)) {
        continue;
      }
      sb.append(name).append('=');
      if (g.getFieldRepetitionCount(i) > 0 && !t.getType(i).isPrimitive()) {
        sb.append('{').append(text(g.getGroup(i, 0))).append('}');
      } else if (g.getFieldRepetitionCount(i) > 0) {
        sb.append(
            t.getType(i).asPrimitiveType().getPrimitiveTypeName().name().equals("BINARY")
                ? HexFormat.of().formatHex(g.getBinary(i, 0).getBytes())
                : g.getValueToString(i, 0));
      }
      sb.append(';');
    }
    return sb.toString();
  }

  /** Total number of rows in a dump. */
  public static long rows(TreeMap<String, List<String>> dump) {
    return dump.values().stream().mapToLong(List::size).sum();
  }
}
