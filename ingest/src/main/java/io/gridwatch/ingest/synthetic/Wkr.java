package io.gridwatch.ingest.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A generated grid worker with the grids held over time. */
final class Wkr {
  /** One held grid: {@code from} inclusive, {@code to} exclusive (null = open). */
  record Assign(String grid, LocalDate from, LocalDate to) {}

  final int index;
  final String id;
  final String name;
  final String kind;
  final String town;
  final String community;
  final String phone;
  final LocalDate hired;
  LocalDate left;
  final LocalDate certified;
  String role = "none";
  final boolean weak;

  /** Grids held; the last one is {@code workers.grid_id}. */
  final List<Assign> assigns = new ArrayList<>();

  /** True when the assignments are written to assignments.csv. */
  boolean explicitAssignments;

  Wkr(
      int index,
      String id,
      String name,
      String kind,
      String town,
      String community,
      String phone,
      LocalDate hired,
      LocalDate certified,
      boolean weak) {
    this.index = index;
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.town = town;
    this.community = community;
    this.phone = phone;
    this.hired = hired;
    this.certified = certified;
    this.weak = weak;
  }

  /** Employed on {@code d}. */
  boolean employedOn(LocalDate d) {
    return !hired.isAfter(d) && (left == null || left.isAfter(d));
  }

  /** The grid held on {@code d}, or null when not employed or not assigned. */
  String gridOn(LocalDate d) {
    if (!employedOn(d)) {
      return null;
    }
    for (Assign a : assigns) {
      if (!a.from().isAfter(d) && (a.to() == null || a.to().isAfter(d))) {
        return a.grid();
      }
    }
    return null;
  }

  /** The current grid ({@code workers.grid_id}). */
  String grid() {
    return assigns.get(assigns.size() - 1).grid();
  }
}
