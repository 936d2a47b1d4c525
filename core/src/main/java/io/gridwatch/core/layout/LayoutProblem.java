package io.gridwatch.core.layout;

import java.util.List;

/**
 * One finding of {@code gridwatch layout check} in the shape of data-contract.md §4.
 *
 * @param type the problem type
 * @param gridIds the grids concerned, ascending (for a gap: the grids bordering it)
 * @param areaM2 area in m² (equal-area projection) of the problem piece (overlap, gap, sliver, part
 *     outside the zone) or of the grid concerned (duplicate_id: all features with the id,
 *     no_worker: the grid); 0 for invalid
 * @param location a WGS84 {lon, lat} inside the problem piece or at the fault; null when the
 *     feature has no geometry
 * @param detail bilingual explanation, Chinese first
 */
public record LayoutProblem(
    Type type, List<String> gridIds, double areaM2, double[] location, String detail) {

  /** Problem types, in report order; {@link #code()} is the contract name. */
  public enum Type {
    /** Invalid geometry (JTS IsValidOp) or unusable attributes. */
    INVALID("invalid", "无效"),
    /** Two or more features share one grid_id. */
    DUPLICATE_ID("duplicate_id", "编号重复"),
    /** Two grids whose interiors intersect. */
    OVERLAP("overlap", "重叠"),
    /** Part of the zone covered by no grid. */
    GAP("gap", "空隙"),
    /** A grid part, overlap or gap below rules.layout.sliver_m2. */
    SLIVER("sliver", "碎片"),
    /** A grid part outside the zone beyond rules.layout.zone_tolerance_m. */
    OUTSIDE_ZONE("outside_zone", "超出区域"),
    /** A grid that no worker holds. */
    NO_WORKER("no_worker", "无网格员");

    private final String code;
    private final String zh;

    Type(String code, String zh) {
      this.code = code;
      this.zh = zh;
    }

    /** The contract code, e.g. {@code duplicate_id}. */
    public String code() {
      return code;
    }

    /** The Chinese label. */
    public String zh() {
      return zh;
    }
  }

  /** Copies the id list. */
  public LayoutProblem {
    gridIds = List.copyOf(gridIds);
  }
}
