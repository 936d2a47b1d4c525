package io.gridwatch.mapservice.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.core.layout.CheckReport;
import io.gridwatch.core.layout.LayoutGrid;
import io.gridwatch.core.layout.LayoutProblem;
import io.gridwatch.mapservice.auth.AccessControl;
import io.gridwatch.mapservice.layout.DraftUpload;
import io.gridwatch.mapservice.layout.LayoutGeoJson;
import io.gridwatch.mapservice.layout.LayoutQueries;
import io.gridwatch.mapservice.layout.ProposalActivation;
import io.gridwatch.store.auth.Role;
import io.gridwatch.store.auth.User;
import io.gridwatch.store.layout.LayoutProposals;
import io.gridwatch.store.layout.LayoutProposals.Proposal;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Layout activation from the page (issue 6 item 6): a planner proposes, a bureau user confirms.
 *
 * <ul>
 *   <li>{@code POST /api/layouts/proposals?name=&effective=YYYY-MM-01} (planner, bureau): the body
 *       is a draft file as for {@code /api/layouts/check}; the check must pass (no problem but
 *       no_worker) → 201 with the proposal, else 422 with the check JSON and {@code error}; the
 *       effective date is the 1st of a month after the last published month (else 400/422).
 *   <li>{@code GET /api/layouts/proposals} (planner, bureau): every proposal, newest first.
 *   <li>{@code GET /api/layouts/proposals/{id}/draft}: the proposed layout as GeoJSON.
 *   <li>{@code POST /api/layouts/proposals/{id}/confirm} (bureau; never the proposer): 202, the
 *       activation runs in the background ({@link ProposalActivation}); 409 when the proposal is
 *       not {@code proposed} or activation is not configured.
 *   <li>{@code POST /api/layouts/proposals/{id}/reject} (bureau; optional {@code {"reason"}}).
 * </ul>
 */
public final class LayoutProposalsApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<Role> ROLES = Set.of(Role.PLANNER, Role.BUREAU);

  /** The 409 of a confirmation when the service cannot activate. */
  public static final String NOT_CONFIGURED =
      "未配置启用：请用 --lake 启动 serve / activation not configured: start serve with --lake";

  private final DataSource dataSource;
  private final Schema schema;
  private final LayoutsApi layouts;
  private final ProposalActivation activation;
  private final LayoutProposals proposals;
  private final AtomicBoolean recovered = new AtomicBoolean();

  /** Proposals over {@code dataSource}, checked like {@code layouts}, run by {@code activation}. */
  public LayoutProposalsApi(
      DataSource dataSource, Schema schema, LayoutsApi layouts, ProposalActivation activation) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.layouts = layouts;
    this.activation = activation;
    this.proposals = new LayoutProposals(dataSource);
  }

  /** Stores a checked draft as a new proposal. */
  public void propose(Context ctx) throws IOException {
    User user = requireRole(ctx, ROLES, "仅限规划或应急局用户 / planner or bureau role required");
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      throw ApiException.badRequest("name 必填（1–200 字）/ name is required (1–200 characters)");
    }
    LocalDate effective = effective(ctx.queryParam("effective"));
    ready();
    YearMonth last = LayoutQueries.lastPublishedMonth(dataSource);
    if (last != null && !YearMonth.from(effective).isAfter(last)) {
      LocalDate earliest = last.plusMonths(1).atDay(1);
      throw new ApiException(
          422,
          "已计算到 "
              + last
              + "，生效日期不得早于 "
              + earliest
              + " / months up to "
              + last
              + " are already computed: the effective date must be "
              + earliest
              + " or later");
    }
    List<LayoutGrid> draft = LayoutsApi.readDraft(ctx, DraftUpload.MAX_BYTES);
    CheckReport report;
    try {
      report = layouts.checkReport(draft);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage() == null ? "unusable layout" : e.getMessage(), e);
    }
    long blocking =
        report.problems().stream().filter(p -> p.type() != LayoutProblem.Type.NO_WORKER).count();
    if (blocking > 0) {
      ObjectNode body = (ObjectNode) MAPPER.readTree(report.toJson());
      body.put(
          "error",
          "检查未通过（"
              + blocking
              + " 个问题），不能提交 / the check found "
              + blocking
              + " problem(s): fix them before proposing");
      body.put("status", 422);
      Json.write(ctx, 422, body);
      return;
    }
    Proposal p =
        proposals.add(
            name.strip(),
            effective,
            LayoutGeoJson.text(LayoutGeoJson.featureCollection(draft)),
            draft.size(),
            user.login());
    ctx.header("Location", "/api/layouts/proposals/" + p.id());
    Json.write(ctx, 201, json(p));
  }

  /** Lists every proposal, newest first, and whether this service can activate. */
  public void list(Context ctx) {
    requireRole(ctx, ROLES, "仅限规划或应急局用户 / planner or bureau role required");
    ready();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("activation_configured", activation.configured());
    ArrayNode list = root.putArray("proposals");
    for (Proposal p : proposals.list()) {
      list.add(json(p));
    }
    Json.write(ctx, 200, root);
  }

  /** Answers the proposed layout as GeoJSON. */
  public void draft(Context ctx) {
    requireRole(ctx, ROLES, "仅限规划或应急局用户 / planner or bureau role required");
    ready();
    long id = id(ctx);
    String geojson = proposals.draft(id).orElseThrow(() -> notFound(id));
    Json.writeRaw(ctx, 200, "application/geo+json; charset=utf-8", geojson);
  }

  /** Confirms a proposal (another bureau user than the proposer) and starts its activation. */
  public void confirm(Context ctx) {
    User user =
        requireRole(
            ctx, Set.of(Role.BUREAU), "仅限应急局用户确认 / only a bureau user may confirm a proposal");
    ready();
    long id = id(ctx);
    Proposal p = proposals.get(id).orElseThrow(() -> notFound(id));
    if (!activation.configured()) {
      throw new ApiException(409, NOT_CONFIGURED);
    }
    requireProposed(p);
    if (p.proposedBy().equals(user.login())) {
      throw new ApiException(
          403,
          "不能确认自己提交的申请，须由另一位应急局用户确认 / you proposed this layout: another bureau user"
              + " must confirm it");
    }
    if (!proposals.decide(
        id, LayoutProposals.CONFIRMED, user.login(), "已确认，等待启用 / confirmed, waiting to activate")) {
      requireProposed(proposals.get(id).orElseThrow(() -> notFound(id)));
    }
    activation.submit(id);
    Json.write(ctx, 202, json(proposals.get(id).orElseThrow(() -> notFound(id))));
  }

  /** Rejects a proposal (bureau), with an optional reason {@code {"reason": "..."}}. */
  public void reject(Context ctx) {
    User user =
        requireRole(
            ctx, Set.of(Role.BUREAU), "仅限应急局用户驳回 / only a bureau user may reject a proposal");
    ready();
    long id = id(ctx);
    Proposal p = proposals.get(id).orElseThrow(() -> notFound(id));
    requireProposed(p);
    String reason = null;
    String body = ctx.body();
    if (!body.isBlank()) {
      Map<?, ?> m;
      try {
        m = Json.parseObject(body);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("请求体须为 JSON 对象 / the body must be a JSON object {reason}");
      }
      Object r = m.get("reason");
      if (r != null && !r.toString().isBlank()) {
        reason = r.toString().strip();
        if (reason.length() > 500) {
          reason = reason.substring(0, 500);
        }
      }
    }
    String message = "已驳回 / rejected" + (reason == null ? "" : ": " + reason);
    if (!proposals.decide(id, LayoutProposals.REJECTED, user.login(), message)) {
      requireProposed(proposals.get(id).orElseThrow(() -> notFound(id)));
    }
    Json.write(ctx, 200, json(proposals.get(id).orElseThrow(() -> notFound(id))));
  }

  /** Migrates, then (once) recovers activations a previous run of the service left behind. */
  private void ready() {
    schema.ensure();
    if (recovered.compareAndSet(false, true)) {
      activation.recover();
    }
  }

  private static User requireRole(Context ctx, Set<Role> roles, String message) {
    User user = AccessControl.user(ctx);
    if (!roles.contains(user.role())) {
      throw new ApiException(403, message);
    }
    return user;
  }

  private static void requireProposed(Proposal p) {
    if (!LayoutProposals.PROPOSED.equals(p.status())) {
      throw new ApiException(
          409,
          "申请 "
              + p.id()
              + " 已是「"
              + p.status()
              + "」状态，不能再确认或驳回 / proposal "
              + p.id()
              + " is already "
              + p.status()
              + ": it can no longer be confirmed or rejected");
    }
  }

  private static long id(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.badRequest("bad proposal id: " + Params.clip(text));
  }

  private static ApiException notFound(long id) {
    return new ApiException(404, "没有申请 / no proposal " + id);
  }

  private static LocalDate effective(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest(
          "effective 必填（某月1日）/ effective is required: YYYY-MM-01, the 1st of a month");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("bad effective, expected YYYY-MM-01: " + Params.clip(text));
    }
    if (day.getDayOfMonth() != 1) {
      throw ApiException.badRequest(
          "生效日期必须是某月1日 / the effective date must be the 1st of a month: " + day);
    }
    return day;
  }

  private static ObjectNode json(Proposal p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", p.id());
    o.put("name", p.name());
    o.put("effective_on", p.effectiveOn().toString());
    o.put("grids", p.grids());
    o.put("status", p.status());
    o.put("proposed_by", p.proposedBy());
    o.put("proposed_at", instant(p.proposedAt()));
    o.put("decided_by", p.decidedBy());
    o.put("decided_at", instant(p.decidedAt()));
    o.put("message", p.message());
    if (p.layoutVersion() == null) {
      o.putNull("layout_version");
    } else {
      o.put("layout_version", p.layoutVersion());
    }
    o.put("finished_at", instant(p.finishedAt()));
    o.put("output", p.output());
    return o;
  }

  private static String instant(Instant i) {
    return i == null ? null : i.toString();
  }
}
