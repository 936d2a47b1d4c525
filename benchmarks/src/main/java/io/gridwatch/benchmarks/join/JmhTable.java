package io.gridwatch.benchmarks.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Formats JMH's JSON results of {@code GridLookupBench} as a markdown table with the ratios. */
public final class JmhTable {
  private JmhTable() {}

  /**
   * Markdown table: grids, then ns per lookup and lookups/s of GridIndex, the STR-tree and brute
   * force, and GridIndex's speed-up over each.
   */
  public static String markdown(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    Map<Integer, double[]> byGrids = new TreeMap<>(); // score, error for index, tree, brute
    for (JsonNode r : root) {
      String name = r.path("benchmark").asText();
      int grids = r.path("params").path("grids").asInt();
      double[] row = byGrids.computeIfAbsent(grids, k -> new double[6]);
      int at = name.endsWith(".gridIndex") ? 0 : name.endsWith(".strTree") ? 2 : 4;
      row[at] = r.path("primaryMetric").path("score").asDouble();
      row[at + 1] = r.path("primaryMetric").path("scoreError").asDouble();
    }
    StringBuilder md = new StringBuilder();
    md.append("| grids | GridIndex.locate ns/op | lookups/s | STR-tree + prepared ns/op |")
        .append(" brute force ns/op | speed-up vs STR-tree | vs brute force |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|\n");
    byGrids.forEach(
        (g, r) ->
            md.append(
                String.format(
                    "| %,d | %,.0f ± %,.0f | %,.0f | %,.0f ± %,.0f | %,.0f ± %,.0f | %,.1f× | %,.0f× |%n",
                    g, r[0], r[1], 1e9 / r[0], r[2], r[3], r[4], r[5], r[2] / r[0], r[4] / r[0])));
    return md.toString();
  }
}
