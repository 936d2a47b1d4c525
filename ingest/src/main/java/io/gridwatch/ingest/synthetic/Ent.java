package io.gridwatch.ingest.synthetic;

import java.time.LocalDate;

/** A generated enterprise; {@code grid} is the enterprise's grid id, null outside every grid. */
final class Ent {
  final int index;
  final String id;
  final String name;
  final String industry;
  final String address;
  final double lon;
  final double lat;
  final String grid;
  final LocalDate registered;
  final LocalDate closed;

  /** Date of the first visit of a new (2025) enterprise; null for old ones. */
  final LocalDate discovery;

  Ent(
      int index,
      String id,
      String name,
      String industry,
      String address,
      double lon,
      double lat,
      String grid,
      LocalDate registered,
      LocalDate closed,
      LocalDate discovery) {
    this.index = index;
    this.id = id;
    this.name = name;
    this.industry = industry;
    this.address = address;
    this.lon = lon;
    this.lat = lat;
    this.grid = grid;
    this.registered = registered;
    this.closed = closed;
    this.discovery = discovery;
  }

  /** Open on {@code d}: registered on or before it and not yet closed. */
  boolean openOn(LocalDate d) {
    return !registered.isAfter(d) && (closed == null || closed.isAfter(d));
  }
}
