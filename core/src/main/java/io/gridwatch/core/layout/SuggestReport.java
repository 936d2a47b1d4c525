package io.gridwatch.core.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutSuggest.KindBalance;
import io.gridwatch.core.layout.LayoutSuggest.Move;
import io.gridwatch.core.layout.LayoutSuggest.Outcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** Writers of a {@link LayoutSuggest} outcome: bilingual text, JSON and the result as GeoJSON. */
public final class SuggestReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SuggestReport() {}

  /**
   * The resulting layout as a GeoJSON FeatureCollection in WGS84 ({@code grids.geojson} properties
   * of data-contract.md §1), readable by {@code layout check|diff|activate}.
   */
  public static String geoJson(Outcome r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "FeatureCollection");
    root.put("name", "gridwatch layout suggest");
    ArrayNode fs = root.putArray("features");
    for (LayoutGrid g : r.grids()) {
      ObjectNode f = fs.addObject();
      f.put("type", "Feature");
      ObjectNode p = f.putObject("properties");
      p.put("grid_id", g.gridId()).put("name", g.name()).put("kind", g.kind());
      p.put("town", g.town()).put("community", g.community());
      try {
        f.set("geometry", JSON.readTree(Geometries.toGeoJson(g.geometry())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return write(root);
  }

  /**
   * The outcome as JSON: {@code kind}, {@code target}, {@code town} (when given), {@code reached},
   * {@code moves[]} (id, status, from, to, enterprise_ids, area_m2, counts and Polsby–Popper
   * before/after), {@code before}/{@code after} balance (grids, min, max, max_min_ratio, mean, cv,
   * low, high, outside).
   */
  public static String toJson(Outcome r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", r.options().kind());
    root.put("target", r.options().target());
    if (r.options().town() != null) {
      root.put("town", r.options().town());
    }
    root.put("reached", r.after().reached());
    ArrayNode mv = root.putArray("moves");
    for (Move m : r.moves()) {
      ObjectNode o = mv.addObject();
      o.put("id", m.id()).put("status", m.status()).put("from", m.from()).put("to", m.to());
      ArrayNode ids = o.putArray("enterprise_ids");
      m.enterpriseIds().forEach(ids::add);
      o.put("area_m2", round(m.areaM2(), 2));
      o.put("from_before", m.fromBefore()).put("from_after", m.fromAfter());
      o.put("to_before", m.toBefore()).put("to_after", m.toAfter());
      o.put("pp_from_before", round(m.ppFromBefore(), 4));
      o.put("pp_from_after", round(m.ppFromAfter(), 4));
      o.put("pp_to_before", round(m.ppToBefore(), 4));
      o.put("pp_to_after", round(m.ppToAfter(), 4));
    }
    balance(root.putObject("before"), r.before());
    balance(root.putObject("after"), r.after());
    ObjectNode counts = root.putObject("counts");
    r.counts().forEach(counts::put);
    return write(root);
  }

  /** The bilingual text report: one line per move, the balance before and after, a verdict. */
  public static String toText(Outcome r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "布局调整建议 / layout suggestion: %s 类网格 / grids of kind %s, 目标 / target ±%.0f%% 均值 /"
                + " of the mean%n",
            r.options().kind(),
            r.options().kind(),
            r.options().target() * 100));
    if (r.options().town() != null) {
      sb.append("镇街 / town: ").append(r.options().town()).append('\n');
    }
    if (r.moves().isEmpty()) {
      sb.append("无需调整或没有可行的调整 / no move proposed\n");
    }
    for (Move m : r.moves()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  #%d %-14s %s → %s: %d 家企业 / enterprises %s, %.0f m²; %s %d→%d, %s %d→%d;"
                  + " PP %.3f→%.3f / %.3f→%.3f%n",
              m.id(),
              m.status(),
              m.from(),
              m.to(),
              m.enterpriseIds().size(),
              m.enterpriseIds(),
              m.areaM2(),
              m.from(),
              m.fromBefore(),
              m.fromAfter(),
              m.to(),
              m.toBefore(),
              m.toAfter(),
              m.ppFromBefore(),
              m.ppFromAfter(),
              m.ppToBefore(),
              m.ppToAfter()));
    }
    sb.append(line("调整前 / before", r.before()));
    sb.append(line("调整后 / after", r.after()));
    sb.append(
        r.after().reached()
            ? "结论 / result: 已达到目标 / target reached\n"
            : "结论 / result: 未达到目标，超出范围的网格 / target not reached, grids outside: "
                + listed(r.after().outside())
                + "\n");
    return sb.toString();
  }

  /** Grids shown by name in the text's conclusion; the rest are counted (all are in the JSON). */
  static final int LISTED = 30;

  private static String listed(List<String> ids) {
    if (ids.size() <= LISTED) {
      return String.join(", ", ids);
    }
    int more = ids.size() - LISTED;
    return String.join(", ", ids.subList(0, LISTED))
        + " … 另 "
        + more
        + " 个 / and "
        + more
        + " more (--format json lists all)";
  }

  private static String line(String label, KindBalance k) {
    GridMetrics.Balance b = k.balance();
    return String.format(
        Locale.ROOT,
        "%s: %d 个网格 / grids, 均值 / mean %.2f, 范围 / range [%.2f, %.2f], 最少 / min %d, 最多 / max %d,"
            + " 最多/最少 / max/min %s, CV %s, 超出 / outside %d%n",
        label,
        b.grids(),
        b.mean(),
        k.low(),
        k.high(),
        b.min(),
        b.max(),
        b.maxMinRatio() == null ? "-" : String.format(Locale.ROOT, "%.2f", b.maxMinRatio()),
        b.cv() == null ? "-" : String.format(Locale.ROOT, "%.4f", b.cv()),
        k.outside().size());
  }

  private static void balance(ObjectNode n, KindBalance k) {
    GridMetrics.Balance b = k.balance();
    n.put("grids", b.grids()).put("min", b.min()).put("max", b.max());
    if (b.maxMinRatio() == null) {
      n.putNull("max_min_ratio");
    } else {
      n.put("max_min_ratio", round(b.maxMinRatio(), 4));
    }
    n.put("mean", round(b.mean(), 4));
    if (b.cv() == null) {
      n.putNull("cv");
    } else {
      n.put("cv", round(b.cv(), 4));
    }
    n.put("low", round(k.low(), 4)).put("high", round(k.high(), 4));
    ArrayNode out = n.putArray("outside");
    k.outside().forEach(out::add);
  }

  private static BigDecimal round(double v, int decimals) {
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
