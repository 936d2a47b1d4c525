package io.gridwatch.store.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The published feature sets served one feature per row (OGC API – Features collections). */
public enum FeatureLayer {
  /** Grid polygons of the newest published layout with their own attributes; id = grid_id. */
  GRIDS(false),
  /** Enterprise points; id = enterprise_id. */
  ENTERPRISES(false),
  /** Patrol check-in points, temporal by visited_at; id = patrol_id. */
  PATROLS(true),
  /**
   * One polygon per grid and month (the grid_month mart on the grid of its layout), temporal by
   * month (Asia/Shanghai); id = {@code <grid_id>_<YYYY-MM>}.
   */
  GRID_MONTH(true);

  private final boolean temporal;

  FeatureLayer(boolean temporal) {
    this.temporal = temporal;
  }

  /** The layer's id in URLs (lower case). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when features carry a time (and datetime filters apply). */
  public boolean temporal() {
    return temporal;
  }

  /** The layer named {@code id}, if any (exact, lower case). */
  public static Optional<FeatureLayer> parse(String id) {
    return Arrays.stream(values()).filter(l -> l.id().equals(id)).findFirst();
  }
}
