package io.gridwatch.store.tiles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The vector tile layers of {@code /tiles/{layer}/{z}/{x}/{y}.mvt} (data-contract.md §5). */
public enum TileLayer {
  /** Grid polygons of the layout in force, with that month's grid_month columns. */
  GRIDS(false),
  /** Enterprise points; with a month, whether each had a valid visit that month. */
  ENTERPRISES(false),
  /** Patrol check-in points of one month (the month is required). */
  PATROLS(true),
  /** Patrol-density hexagons (ST_HexagonGrid, sized by zoom) counting a month's patrols. */
  DENSITY(false);

  private final boolean monthRequired;

  TileLayer(boolean monthRequired) {
    this.monthRequired = monthRequired;
  }

  /** The layer's name in URLs and inside the tile. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when tiles of this layer need {@code ?month=}. */
  public boolean monthRequired() {
    return monthRequired;
  }

  /** The layer named {@code id} (lower case), if any. */
  public static Optional<TileLayer> parse(String id) {
    return Arrays.stream(values()).filter(l -> l.id().equals(id)).findFirst();
  }
}
