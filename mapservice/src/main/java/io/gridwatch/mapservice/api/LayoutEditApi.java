package io.gridwatch.mapservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.LayoutDiff;
import io.gridwatch.core.layout.LayoutEdits;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.layout.read.LayoutFileException;
import io.gridwatch.core.layout.read.LayoutFiles;
import io.gridwatch.core.time.Periods;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.layout.DraftUpload;
import io.gridwatch.mapservice.layout.LayoutGeoJson;
import io.gridwatch.mapservice.layout.LayoutQueries;
import io.gridwatch.store.auth.Role;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.TopologyException;

/**
 * Editing a draft layout in the page (issue 6 item 2). {@code GET /api/layouts/edit/base} answers
 * the newest published layout as a GeoJSON FeatureCollection ({@code draft}, with {@code version})
 * and the enterprises in force today as points ({@code enterprises}): where the editor starts.
 * {@code POST /api/layouts/edit} takes {@code {"draft": FeatureCollection, "op": ...}} with {@code
 * op} one of {@code split} ({@code grid_id}, {@code line}: a GeoJSON LineString), {@code merge}
 * ({@code grid_ids}: [kept, merged in]) or {@code reassign} ({@code enterprise_ids}, {@code to}),
 * runs {@link LayoutEdits} and answers {@code {"draft", "changed", "moved"}}. Vertex moves are done
 * in the browser; {@code /api/layouts/check} checks the result. Planner and bureau only (403); an
 * unusable request is 400 with a bilingual message.
 */
public final class LayoutEditApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<Role> ROLES = Set.of(Role.PLANNER, Role.BUREAU);

  private final DataSource dataSource;
  private final Schema schema;

  /** The editor's endpoints over the published data of {@code dataSource}. */
  public LayoutEditApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** Answers the newest published layout and today's enterprises. */
  public void base(Context ctx) {
    requireRole(ctx);
    schema.ensure();
    LayoutQueries.Published active = LayoutQueries.newestLayout(dataSource);
    if (active == null) {
      throw new ApiException(404, "没有已发布的布局 / no published layout (run gridwatch publish first)");
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", active.version());
    root.set("draft", LayoutGeoJson.featureCollection(active.grids()));
    ObjectNode points = root.putObject("enterprises").put("type", "FeatureCollection");
    ArrayNode features = points.putArray("features");
    for (LayoutDiff.Enterprise e : LayoutQueries.enterprises(dataSource, today())) {
      ObjectNode f = features.addObject().put("type", "Feature");
      ObjectNode g = f.putObject("geometry").put("type", "Point");
      g.putArray("coordinates").add(e.lon()).add(e.lat());
      f.putObject("properties").put("enterprise_id", e.id()).put("name", e.name());
    }
    Json.write(ctx, 200, root);
  }

  /** Answers the draft after one split, merge or reassign. */
  public void edit(Context ctx) throws IOException {
    requireRole(ctx);
    JsonNode body = body(ctx);
    String op = body.path("op").asText("");
    List<LayoutGrid> draft = draft(body.get("draft"));
    LayoutEdits.Result result;
    try {
      result =
          switch (op) {
            case "split" -> LayoutEdits.split(draft, text(body, "grid_id"), line(body.get("line")));
            case "merge" -> {
              List<String> ids = texts(body, "grid_ids");
              if (ids.size() != 2) {
                throw ApiException.badRequest(
                    "grid_ids 须为两个网格编号 / grid_ids must name two grids: [kept, merged in]");
              }
              yield LayoutEdits.merge(draft, ids.get(0), ids.get(1));
            }
            case "reassign" -> {
              schema.ensure();
              yield LayoutEdits.reassign(
                  draft,
                  LayoutQueries.enterprises(dataSource, today()),
                  texts(body, "enterprise_ids"),
                  text(body, "to"));
            }
            default ->
                throw ApiException.badRequest(
                    "op 须为 split、merge 或 reassign / op must be split, merge or reassign, got "
                        + Params.clip(op));
          };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (TopologyException e) {
      throw new ApiException(
          400, "几何运算失败，请调整后重试 / the geometry operation failed: adjust the input and retry", e);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.set("draft", LayoutGeoJson.featureCollection(result.grids()));
    ArrayNode changed = root.putArray("changed");
    result.changed().forEach(changed::add);
    ArrayNode moved = root.putArray("moved");
    result.moved().forEach(moved::add);
    Json.write(ctx, 200, root);
  }

  private static LocalDate today() {
    return LocalDate.now(Periods.ZONE);
  }

  private static void requireRole(Context ctx) {
    if (!ROLES.contains(AccessControl.user(ctx).role())) {
      throw new ApiException(403, "仅限规划或应急局用户 / planner or bureau role required");
    }
  }

  /** The JSON object of the request body (at most {@link DraftUpload#MAX_BYTES}). */
  private static JsonNode body(Context ctx) {
    byte[] bytes;
    try {
      bytes = ctx.req().getInputStream().readNBytes((int) DraftUpload.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new ApiException(400, "请求体读取失败 / could not read the request body", e);
    }
    if (bytes.length > DraftUpload.MAX_BYTES) {
      throw new ApiException(413, "请求体超过 20 MB / the request body exceeds 20 MB");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(
          "请求体须为 JSON 对象 / the body must be a JSON object {\"draft\", \"op\", …}");
    }
    return node;
  }

  /** The draft FeatureCollection read like an uploaded GeoJSON file ({@link LayoutFiles}). */
  private static List<LayoutGrid> draft(JsonNode fc) throws IOException {
    if (fc == null || !"FeatureCollection".equals(fc.path("type").asText())) {
      throw ApiException.badRequest(
          "draft 须为 GeoJSON 要素集合 / draft must be a GeoJSON FeatureCollection");
    }
    Path file = Files.createTempFile("gridwatch-edit-", ".geojson");
    try {
      MAPPER.writeValue(file.toFile(), fc);
      return LayoutFiles.read(file);
    } catch (LayoutFileException e) {
      throw ApiException.badRequest(e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Geometry line(JsonNode g) {
    if (g == null || !"LineString".equals(g.path("type").asText())) {
      throw ApiException.badRequest("line 须为 GeoJSON 折线 / line must be a GeoJSON LineString");
    }
    try {
      return Geometries.readGeoJsonGeometry(MAPPER.writeValueAsString(g));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw ApiException.badRequest("line 无效 / line is not a valid LineString");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw ApiException.badRequest("缺少 " + field + " / " + field + " is missing");
    }
    return v.asText();
  }

  private static List<String> texts(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isArray()) {
      throw ApiException.badRequest(field + " 须为字符串数组 / " + field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : v) {
      if (!x.isTextual()) {
        throw ApiException.badRequest(
            field + " 须为字符串数组 / " + field + " must be an array of strings");
      }
      out.add(x.asText());
    }
    return out;
  }
}
