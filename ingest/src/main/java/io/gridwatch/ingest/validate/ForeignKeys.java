package io.gridwatch.ingest.validate;

import java.util.List;
import java.util.Map;

/**
 * Declarative foreign keys of the source tables: column → referenced table (whose single key column
 * must hold the value). Checked only when the value is present. {@code training.attendee_ids} is a
 * {@code ;}-separated list of worker ids.
 */
public final class ForeignKeys {
  private ForeignKeys() {}

  /**
   * A foreign key.
   *
   * @param column referencing column
   * @param table referenced table
   * @param list whether the column holds a {@code ;}-separated list
   */
  public record Ref(String column, String table, boolean list) {}

  private static final Map<String, List<Ref>> BY_TABLE =
      Map.ofEntries(
          Map.entry("workers", List.of(new Ref("grid_id", "grids", false))),
          Map.entry(
              "assignments",
              List.of(new Ref("worker_id", "workers", false), new Ref("grid_id", "grids", false))),
          Map.entry(
              "patrols",
              List.of(
                  new Ref("worker_id", "workers", false),
                  new Ref("enterprise_id", "enterprises", false))),
          Map.entry(
              "spot_checks",
              List.of(
                  new Ref("grid_id", "grids", false),
                  new Ref("enterprise_id", "enterprises", false))),
          Map.entry(
              "incidents",
              List.of(new Ref("grid_id", "grids", false), new Ref("worker_id", "workers", false))),
          Map.entry("info_scores", List.of(new Ref("worker_id", "workers", false))),
          Map.entry("assist_scores", List.of(new Ref("worker_id", "workers", false))),
          Map.entry("info_uploads", List.of(new Ref("worker_id", "workers", false))),
          Map.entry("town_scores", List.of(new Ref("worker_id", "workers", false))),
          Map.entry("training", List.of(new Ref("attendee_ids", "workers", true))));

  /** The foreign keys of a table (empty when none). */
  public static List<Ref> of(String table) {
    return BY_TABLE.getOrDefault(table, List.of());
  }
}
