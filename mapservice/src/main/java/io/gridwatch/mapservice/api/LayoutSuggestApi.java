package io.gridwatch.mapservice.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.layout.LayoutDiff;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.layout.LayoutSuggest;
import io.gridwatch.core.layout.SuggestReport;
import io.gridwatch.core.time.Periods;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.layout.LayoutGeoJson;
import io.gridwatch.mapservice.layout.LayoutQueries;
import io.gridwatch.store.auth.Role;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Suggestions in the page (issue 6 item 5): {@code POST /api/layouts/suggest?kind=&target=&town=}
 * runs {@link LayoutSuggest#suggest} on the newest published layout and the enterprises in force
 * today and answers {@link SuggestReport#toJson} plus {@code layout_version} and {@code blocks} (a
 * FeatureCollection of the land each move hands over); {@code POST /api/layouts/suggest/apply} with
 * {@code {"kind", "target", "town"?, "accept": [ids], "layout_version"?}} runs the same suggestion
 * again (it is deterministic) and answers the layout with only the accepted moves ({@link
 * LayoutSuggest#apply}) as a GeoJSON FeatureCollection, the outcome under {@code "suggestion"}.
 * Planner and bureau only.
 */
public final class LayoutSuggestApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<Role> ROLES = Set.of(Role.PLANNER, Role.BUREAU);

  private final DataSource dataSource;
  private final Schema schema;

  /** Suggestions over the published layout of {@code dataSource}. */
  public LayoutSuggestApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** Answers the suggested moves and their blocks. */
  public void suggest(Context ctx) throws IOException {
    requireRole(ctx);
    LayoutSuggest.Options options =
        options(
            ctx.queryParam("kind"),
            number("target", ctx.queryParam("target")),
            ctx.queryParam("town"));
    Inputs in = inputs();
    LayoutSuggest.Outcome outcome = suggest(in, options);
    ObjectNode root = (ObjectNode) MAPPER.readTree(SuggestReport.toJson(outcome));
    root.put("layout_version", in.version());
    root.put("day", in.day().toString());
    root.set("blocks", blocks(in.grids(), outcome.moves()));
    Json.write(ctx, 200, root);
  }

  /** Answers the layout with the accepted moves of the (re-run) suggestion. */
  public void apply(Context ctx) throws IOException {
    requireRole(ctx);
    Map<?, ?> body;
    try {
      body = Json.parseObject(ctx.body());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "请求体须为 JSON 对象 / the body must be a JSON object {kind, target, accept}");
    }
    Object kind = body.get("kind");
    Object target = body.get("target");
    Object town = body.get("town");
    LayoutSuggest.Options options =
        options(
            kind == null ? null : kind.toString(),
            target == null ? null : number("target", target.toString()),
            town == null ? null : town.toString());
    if (!(body.get("accept") instanceof List<?> accept)) {
      throw ApiException.badRequest("accept 须为移动编号数组 / accept must be an array of move ids");
    }
    Inputs in = inputs();
    Object version = body.get("layout_version");
    if (version != null && !version.toString().equals(String.valueOf(in.version()))) {
      throw new ApiException(
          409,
          "已发布布局已变为 v"
              + in.version()
              + "，请重新生成建议 / the published layout is now v"
              + in.version()
              + ": run the suggestion again");
    }
    LayoutSuggest.Outcome suggested = suggest(in, options);
    Set<Integer> ids = new TreeSet<>();
    suggested.moves().forEach(m -> ids.add(m.id()));
    Set<Integer> accepted = new TreeSet<>();
    for (Object a : accept) {
      Integer id = a instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : null;
      if (id == null || !ids.contains(id)) {
        throw ApiException.badRequest(
            "没有移动 / no move " + Params.clip(String.valueOf(a)) + " (moves: " + ids + ")");
      }
      accepted.add(id);
    }
    LayoutSuggest.Outcome result =
        LayoutSuggest.apply(in.grids(), in.enterprises(), suggested.moves(), accepted, options);
    ObjectNode fc = (ObjectNode) MAPPER.readTree(SuggestReport.geoJson(result));
    ObjectNode suggestion = (ObjectNode) MAPPER.readTree(SuggestReport.toJson(result));
    suggestion.put("layout_version", in.version());
    fc.set("suggestion", suggestion);
    Json.write(ctx, 200, fc);
  }

  private record Inputs(
      int version,
      LocalDate day,
      List<LayoutGrid> grids,
      List<LayoutDiff.Enterprise> enterprises) {}

  private Inputs inputs() {
    schema.ensure();
    LayoutQueries.Published active = LayoutQueries.newestLayout(dataSource);
    if (active == null) {
      throw new ApiException(
          409, "没有已发布的布局 / no published layout to suggest on (run gridwatch publish)");
    }
    LocalDate day = LocalDate.now(Periods.ZONE);
    List<LayoutDiff.Enterprise> enterprises = LayoutQueries.enterprises(dataSource, day);
    if (enterprises.isEmpty()) {
      throw new ApiException(409, "没有在册企业 / no enterprise in force on " + day);
    }
    return new Inputs(active.version(), day, active.grids(), enterprises);
  }

  /**
   * The land each move hands over, replayed in order on the layout: block = donor ∩ cut at the time
   * of the move (the receiver then holds it).
   */
  static ObjectNode blocks(List<LayoutGrid> grids, List<LayoutSuggest.Move> moves) {
    Map<String, Geometry> now = new HashMap<>();
    for (LayoutGrid g : grids) {
      now.put(g.gridId(), g.geometry());
    }
    ObjectNode fc = MAPPER.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (LayoutSuggest.Move m : moves) {
      Geometry from = now.get(m.from());
      Geometry to = now.get(m.to());
      if (from == null || to == null || m.cut() == null) {
        continue;
      }
      Geometry block = OverlayNGRobust.overlay(from, m.cut(), OverlayNG.INTERSECTION);
      now.put(m.from(), OverlayNGRobust.overlay(from, m.cut(), OverlayNG.DIFFERENCE));
      now.put(m.to(), OverlayNGRobust.overlay(to, block, OverlayNG.UNION));
      ObjectNode f = features.addObject().put("type", "Feature");
      f.put("id", m.id());
      f.set("geometry", LayoutGeoJson.geometry(block));
      ObjectNode p = f.putObject("properties");
      p.put("id", m.id()).put("from", m.from()).put("to", m.to());
      p.put("enterprises", m.enterpriseIds().size());
      ArrayNode ids = p.putArray("enterprise_ids");
      m.enterpriseIds().forEach(ids::add);
    }
    return fc;
  }

  /** The suggestion; a layout the options cannot apply to (no grid of the town) is a 400. */
  private static LayoutSuggest.Outcome suggest(Inputs in, LayoutSuggest.Options options) {
    try {
      return LayoutSuggest.suggest(in.grids(), in.enterprises(), options);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static void requireRole(Context ctx) {
    if (!ROLES.contains(AccessControl.user(ctx).role())) {
      throw new ApiException(403, "仅限规划或应急局用户 / planner or bureau role required");
    }
  }

  private static LayoutSuggest.Options options(String kind, Double target, String town) {
    try {
      return LayoutSuggest.Options.of(
              kind == null || kind.isBlank() ? "enterprise" : kind.trim(),
              target == null ? 0.15 : target)
          .inTown(town);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage().replace("--", ""));
    }
  }

  private static Double number(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("bad " + name + ", expected a number: " + Params.clip(text));
    }
  }
}
