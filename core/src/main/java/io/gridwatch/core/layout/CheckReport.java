package io.gridwatch.core.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.text.DisplayWidth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link LayoutCheck}: the problems in report order plus what was checked.
 *
 * @param problems findings, ordered by type, then grid ids, then location
 * @param grids number of features checked
 * @param zone bilingual description of the zone
 * @param zoneAreaM2 the zone's area in m² (equal-area)
 */
public record CheckReport(List<LayoutProblem> problems, int grids, String zone, double zoneAreaM2) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the list. */
  public CheckReport {
    problems = List.copyOf(problems);
  }

  /** True when there is no problem at all. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * The JSON of data-contract.md §4: {@code {"valid": bool, "problems": [{"type", "grid_ids",
   * "area_m2", "location": [lon, lat], "detail"}]}}; areas with 2 decimals.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("valid", valid());
    ArrayNode list = root.putArray("problems");
    for (LayoutProblem p : problems) {
      ObjectNode o = list.addObject();
      o.put("type", p.type().code());
      ArrayNode ids = o.putArray("grid_ids");
      p.gridIds().forEach(ids::add);
      o.put("area_m2", round2(p.areaM2()));
      if (p.location() == null) {
        o.putNull("location");
      } else {
        o.putArray("location").add(p.location()[0]).add(p.location()[1]);
      }
      o.put("detail", p.detail());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bilingual text report: a header, one aligned line per problem and a verdict. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "布局检查 / layout check: %d 个网格 / grids; 区域 / zone: %s, %.2f km²%n",
            grids,
            zone,
            zoneAreaM2 / 1e6));
    if (valid()) {
      sb.append("未发现问题，布局有效 / no problems: the layout is valid\n");
      return sb.toString();
    }
    sb.append(
        String.format(Locale.ROOT, "发现 %d 个问题 / %d problems:%n", problems.size(), problems.size()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"类型 type", "网格 grids", "面积 m²", "位置 location"});
    for (LayoutProblem p : problems) {
      rows.add(
          new String[] {
            p.type().zh() + " " + p.type().code(),
            p.gridIds().isEmpty() ? "-" : String.join(",", p.gridIds()),
            String.format(Locale.ROOT, "%.2f", p.areaM2()),
            p.location() == null
                ? "-"
                : String.format(Locale.ROOT, "%.7f,%.7f", p.location()[0], p.location()[1])
          });
    }
    int[] w = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        w[i] = Math.max(w[i], DisplayWidth.of(r[i]));
      }
    }
    for (int k = 0; k < rows.size(); k++) {
      String[] r = rows.get(k);
      sb.append("  ");
      for (int i = 0; i < 4; i++) {
        sb.append(DisplayWidth.padRight(r[i], w[i])).append("  ");
      }
      if (k > 0) {
        sb.append(problems.get(k - 1).detail());
      } else {
        sb.append("说明 detail");
      }
      sb.append('\n');
    }
    sb.append("结论 / result: 布局有问题 / the layout has problems\n");
    return sb.toString();
  }

  private static BigDecimal round2(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }
}
