package io.gridwatch.ingest.synthetic;

/** Size presets of the synthetic source drop (小 / 市 / 省 规模). */
public enum Scale {
  /** One high-tech park in 雁江区: ~30 enterprise grids, ~1,500 enterprises, a few MB. */
  SMALL(ZoneShape.BOX_SMALL, 0.40, 30, 2, 5, 1350, 140, 10, 1, 3, 0L, 6),
  /** About ten times SMALL: ~300 enterprise grids, ~15,000 enterprises. */
  CITY(ZoneShape.BOX_CITY, 0.35, 300, 6, 8, 13500, 1400, 60, 1, 3, 0L, 40),
  /** Three districts: ≥ 10,000 grids and ≥ 20 million patrol rows (streamed month by month). */
  PROVINCE(
      ZoneShape.ALL_DISTRICTS, 0.45, 6000, 90, 25, 330_000, 20_000, 300, 2, 4, 1_750_000L, 500);

  /** How the zone is cut out of the district boundaries. */
  enum ZoneShape {
    BOX_SMALL,
    BOX_CITY,
    ALL_DISTRICTS
  }

  final ZoneShape zoneShape;
  final double parkShare;
  final int enterpriseGrids;
  final int towns;
  final int communitiesPerTown;
  final int parkEnterprises;
  final int townEnterprises;
  final int outsideEnterprises;
  final int visitsMin;
  final int visitsMax;
  final long patrolsPerMonthTarget;
  final int incidents;

  Scale(
      ZoneShape zoneShape,
      double parkShare,
      int enterpriseGrids,
      int towns,
      int communitiesPerTown,
      int parkEnterprises,
      int townEnterprises,
      int outsideEnterprises,
      int visitsMin,
      int visitsMax,
      long patrolsPerMonthTarget,
      int incidents) {
    this.zoneShape = zoneShape;
    this.parkShare = parkShare;
    this.enterpriseGrids = enterpriseGrids;
    this.towns = towns;
    this.communitiesPerTown = communitiesPerTown;
    this.parkEnterprises = parkEnterprises;
    this.townEnterprises = townEnterprises;
    this.outsideEnterprises = outsideEnterprises;
    this.visitsMin = visitsMin;
    this.visitsMax = visitsMax;
    this.patrolsPerMonthTarget = patrolsPerMonthTarget;
    this.incidents = incidents;
  }

  /** Parses {@code small|city|province} (case-insensitive); IllegalArgumentException otherwise. */
  public static Scale parse(String text) {
    return Scale.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
