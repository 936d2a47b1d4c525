package io.gridwatch.mapservice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.geo.Geometries;
import io.gridwatch.core.layout.CheckReport;
import io.gridwatch.core.layout.DiffReport;
import io.gridwatch.core.layout.Holders;
import io.gridwatch.core.layout.LayoutCheck;
import io.gridwatch.core.layout.LayoutDiff;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.layout.Zone;
import io.gridwatch.core.layout.read.LayoutFileException;
import io.gridwatch.core.layout.read.LayoutFiles;
import io.gridwatch.core.rules.Rules;
import io.gridwatch.core.time.Periods;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.layout.DraftUpload;
import io.gridwatch.mapservice.layout.LayoutQueries;
import io.gridwatch.store.auth.Role;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The planners' workbench (issue 6 items 3–4 in the page): {@code POST /api/layouts/check} and
 * {@code POST /api/layouts/diff} take a draft layout file as the raw request body ({@link
 * DraftUpload}: GeoJSON, GeoPackage or zipped Shapefile, at most 20 MB) and answer the
 * data-contract §4 check JSON or the diff JSON against the newest published layout (zone = its
 * union). {@code ?include=draft} adds the draft's grids as a GeoJSON FeatureCollection under {@code
 * "draft"}. Only the planner and bureau roles (403 otherwise); unusable files are 400 with the
 * reader's message.
 */
public final class LayoutsApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<Role> ROLES = Set.of(Role.PLANNER, Role.BUREAU);

  private final DataSource dataSource;
  private final Schema schema;
  private final long maxBytes;

  /** The workbench over the given database, accepting files up to {@link DraftUpload#MAX_BYTES}. */
  public LayoutsApi(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.maxBytes = DraftUpload.MAX_BYTES;
  }

  /** Answers the check of the uploaded draft. */
  public void check(Context ctx) {
    withDraft(ctx, draft -> checkReport(draft).toJson());
  }

  /**
   * The check of {@code draft} against the newest published layout (its union is the zone) and the
   * workers holding grids today: what {@code /api/layouts/check} answers.
   */
  public CheckReport checkReport(List<LayoutGrid> draft) {
    LocalDate day = LocalDate.now(Periods.ZONE);
    LayoutQueries.Published active = LayoutQueries.newestLayout(dataSource);
    Zone zone =
        active == null
            ? Zone.unionOf(draft, true, "文件自身的外轮廓 / outline of the file")
            : Zone.unionOf(
                active.grids(),
                false,
                "已发布布局 v" + active.version() + " / published layout v" + active.version());
    List<Holders.Worker> workers = LayoutQueries.workers(dataSource);
    Set<String> held = workers.isEmpty() ? null : Holders.on(day, workers, List.of()).keySet();
    return LayoutCheck.run(draft, zone, held, Rules.defaults().layout());
  }

  /** Answers the impact of the uploaded draft against the newest published layout. */
  public void diff(Context ctx) {
    withDraft(
        ctx,
        draft -> {
          LocalDate day = LocalDate.now(Periods.ZONE);
          LayoutQueries.Published active = LayoutQueries.newestLayout(dataSource);
          if (active == null) {
            throw new ApiException(
                409, "没有已发布的布局可比较 / no published layout to compare with (run gridwatch publish)");
          }
          Map<String, List<String>> holders =
              Holders.on(day, LayoutQueries.workers(dataSource), List.of());
          var quarter = LayoutDiff.lastQuarter(LayoutQueries.lastQuarterRows(dataSource));
          DiffReport report =
              LayoutDiff.compute(
                  active.grids(),
                  active.version(),
                  draft,
                  LayoutQueries.enterprises(dataSource, day),
                  holders,
                  quarter.getKey(),
                  quarter.getValue(),
                  day);
          return report.toJson();
        });
  }

  private interface Work {
    String run(List<LayoutGrid> draft);
  }

  private void withDraft(Context ctx, Work work) {
    Role role = AccessControl.user(ctx).role();
    if (!ROLES.contains(role)) {
      throw new ApiException(403, "仅限规划或应急局用户 / planner or bureau role required");
    }
    String include = ctx.queryParam("include");
    if (include != null && !include.equals("draft")) {
      throw ApiException.badRequest("include must be draft, got " + Params.clip(include));
    }
    schema.ensure();
    List<LayoutGrid> draft = readDraft(ctx, maxBytes);
    String json;
    try {
      json = work.run(draft);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage() == null ? "unusable layout" : e.getMessage(), e);
    }
    try {
      if (include == null) {
        Json.writeRaw(ctx, 200, Json.JSON, json);
      } else {
        ObjectNode root = (ObjectNode) MAPPER.readTree(json);
        root.set("draft", featureCollection(draft));
        Json.write(ctx, 200, root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The draft layout in the request body ({@link DraftUpload}, at most {@code maxBytes}), read by
   * {@link LayoutFiles}; an unreadable body or unusable file is a 400 with the reader's message.
   */
  static List<LayoutGrid> readDraft(Context ctx, long maxBytes) {
    Path file;
    try {
      file =
          DraftUpload.save(
              ctx.req().getInputStream(),
              ctx.contentType(),
              ctx.req().getContentLengthLong(),
              maxBytes);
    } catch (IOException e) {
      throw new ApiException(400, "请求体读取失败 / could not read the request body", e);
    }
    try {
      return LayoutFiles.read(file);
    } catch (LayoutFileException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage() == null ? "unusable layout" : e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }

  private static ObjectNode featureCollection(List<LayoutGrid> grids) throws IOException {
    ObjectNode fc = MAPPER.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (LayoutGrid g : grids) {
      ObjectNode f = features.addObject().put("type", "Feature");
      JsonNode geometry =
          g.geometry() == null || g.geometry().isEmpty()
              ? null
              : MAPPER.readTree(Geometries.toGeoJson(g.geometry()));
      f.set("geometry", geometry);
      f.putObject("properties")
          .put("grid_id", g.gridId())
          .put("label", g.label())
          .put("name", g.name())
          .put("kind", g.kind())
          .put("town", g.town())
          .put("community", g.community())
          .put("feature", g.feature());
    }
    return fc;
  }
}
