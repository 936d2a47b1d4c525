package io.gridwatch.core.lake;

import static io.gridwatch.core.lake.ColumnType.BOOLEAN;
import static io.gridwatch.core.lake.ColumnType.DATE;
import static io.gridwatch.core.lake.ColumnType.DOUBLE;
import static io.gridwatch.core.lake.ColumnType.GEOMETRY;
import static io.gridwatch.core.lake.ColumnType.INT;
import static io.gridwatch.core.lake.ColumnType.LONG;
import static io.gridwatch.core.lake.ColumnType.STRING;
import static io.gridwatch.core.lake.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source tables of data-contract.md §1 and the lake tables of §3, in code. Ingest writes
 * exactly these columns; analytics reads them. Names are the public contract: never rename.
 */
public final class LakeSchema {
  private LakeSchema() {}

  /** Grid polygons (GeoParquet); one row per grid and layout version. */
  public static final TableDef GRIDS =
      new TableDef(
          "grids",
          List.of("grid_id"),
          List.of(
              Column.of("grid_id", STRING, true, "网格编号"),
              Column.of("name", STRING, false, "网格名称"),
              Column.enumOf(
                  "kind",
                  true,
                  List.of("网格类型", "类型"),
                  "enterprise",
                  "企业网格",
                  "community",
                  "社区网格",
                  "village",
                  "村网格"),
              Column.of("town", STRING, true, "镇街"),
              Column.of("community", STRING, false, "社区"),
              Column.of("layout_version", INT, false),
              Column.of("geometry", GEOMETRY, true)),
          null);

  /** Grid workers. */
  public static final TableDef WORKERS =
      new TableDef(
          "workers",
          List.of("worker_id"),
          List.of(
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("name", STRING, true, "姓名"),
              Column.enumOf(
                  "kind",
                  true,
                  List.of("类型", "网格员类型"),
                  "exclusive",
                  "专属",
                  "fulltime",
                  "专职",
                  "parttime",
                  "兼职"),
              Column.of("grid_id", STRING, true, "网格编号"),
              Column.of("town", STRING, false, "镇街"),
              Column.of("community", STRING, false, "社区"),
              Column.of("phone", STRING, false, "电话"),
              Column.of("hired_on", DATE, true, "入职日期"),
              Column.of("left_on", DATE, false, "离职日期"),
              Column.of("certified_on", DATE, false, "持证日期"),
              Column.enumOf(
                  "role",
                  false,
                  List.of("职务"),
                  "none",
                  "无",
                  "subcenter_head",
                  "分中心负责人",
                  "station_manager",
                  "管理站管理员")),
          null);

  /** Worker-to-grid assignments over time ({@code to} exclusive). */
  public static final TableDef ASSIGNMENTS =
      new TableDef(
          "assignments",
          List.of("worker_id", "from"),
          List.of(
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("grid_id", STRING, true, "网格编号"),
              Column.of("from", DATE, true, "起始日期"),
              Column.of("to", DATE, false, "截止日期")),
          null);

  /** Enterprises with their registered location (WGS84). */
  public static final TableDef ENTERPRISES =
      new TableDef(
          "enterprises",
          List.of("enterprise_id"),
          List.of(
              Column.of("enterprise_id", STRING, true, "企业编号", "统一社会信用代码"),
              Column.of("name", STRING, true, "企业名称"),
              Column.of("lon", DOUBLE, true, "经度"),
              Column.of("lat", DOUBLE, true, "纬度"),
              Column.of("registered_on", DATE, true, "登记日期"),
              Column.of("closed_on", DATE, false, "注销日期"),
              Column.of("industry", STRING, false, "行业"),
              Column.of("address", STRING, false, "地址")),
          null);

  /** Patrol check-ins (巡查记录表), partitioned by Asia/Shanghai month of visited_at. */
  public static final TableDef PATROLS =
      new TableDef(
          "patrols",
          List.of("patrol_id"),
          List.of(
              Column.of("patrol_id", STRING, true, "记录编号"),
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("enterprise_id", STRING, false, "企业编号", "统一社会信用代码"),
              Column.of("visited_at", TIMESTAMP, true, "巡查时间"),
              Column.of("lon", DOUBLE, true, "经度"),
              Column.of("lat", DOUBLE, true, "纬度"),
              Column.enumOf(
                  "category",
                  false,
                  List.of("问题类别", "类别"),
                  "none",
                  "无",
                  "environment",
                  "环境",
                  "safety",
                  "安全",
                  "social_order",
                  "综治"),
              Column.of("issue_found", BOOLEAN, false, "发现问题"),
              Column.of("description", STRING, false, "情况描述"),
              Column.of("photos", INT, false, "照片数"),
              Column.of("reported_at", TIMESTAMP, false, "上报时间"),
              Column.of("month", STRING, false)),
          "month");

  /** Public-awareness spot checks (知晓率抽查). */
  public static final TableDef SPOT_CHECKS =
      new TableDef(
          "spot_checks",
          List.of("check_id", "enterprise_id"),
          List.of(
              Column.of("check_id", STRING, true, "抽查编号"),
              Column.of("month", STRING, true, "月份"),
              Column.of("grid_id", STRING, true, "网格编号"),
              Column.of("enterprise_id", STRING, true, "企业编号", "统一社会信用代码"),
              Column.of("knows_worker", BOOLEAN, true, "是否知晓"),
              Column.of("checked_on", DATE, true, "抽查日期"),
              Column.of("checker", STRING, false, "抽查人")),
          null);

  /** Incidents (事故). */
  public static final TableDef INCIDENTS =
      new TableDef(
          "incidents",
          List.of("incident_id"),
          List.of(
              Column.of("incident_id", STRING, true, "事故编号"),
              Column.of("grid_id", STRING, false, "网格编号"),
              Column.of("lon", DOUBLE, false, "经度"),
              Column.of("lat", DOUBLE, false, "纬度"),
              Column.enumOf(
                  "severity",
                  true,
                  List.of("等级", "事故等级"),
                  "especially_major",
                  "特别重大",
                  "major",
                  "重大",
                  "large",
                  "较大",
                  "general",
                  "一般"),
              Column.of("occurred_at", TIMESTAMP, false, "发生时间"),
              Column.of("notified_at", TIMESTAMP, true, "接报时间"),
              Column.of("arrived_at", TIMESTAMP, false, "到场时间"),
              Column.of("worker_id", STRING, false, "网格员编号")),
          null);

  /** Panel scores for information collection (0–30). */
  public static final TableDef INFO_SCORES =
      new TableDef(
          "info_scores",
          List.of("worker_id", "month"),
          List.of(
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("month", STRING, true, "月份"),
              Column.of("score", DOUBLE, true, "得分"),
              Column.of("assessor", STRING, false, "评分人"),
              Column.of("note", STRING, false, "备注")),
          null);

  /** Panel scores for assisting tasks (0–20). */
  public static final TableDef ASSIST_SCORES =
      new TableDef(
          "assist_scores",
          List.of("worker_id", "month"),
          List.of(
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("month", STRING, true, "月份"),
              Column.of("score", DOUBLE, true, "得分"),
              Column.of("task_count", INT, false, "任务数"),
              Column.of("note", STRING, false, "备注")),
          null);

  /** Information uploads. */
  public static final TableDef INFO_UPLOADS =
      new TableDef(
          "info_uploads",
          List.of("upload_id"),
          List.of(
              Column.of("upload_id", STRING, true, "上传编号"),
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("uploaded_at", TIMESTAMP, true, "上传时间"),
              Column.of("items", INT, false, "条数"),
              Column.of("photos", INT, false, "照片数")),
          null);

  /** Results submitted by towns/villages for full-time and part-time workers. */
  public static final TableDef TOWN_SCORES =
      new TableDef(
          "town_scores",
          List.of("worker_id", "period"),
          List.of(
              Column.of("worker_id", STRING, true, "网格员编号"),
              Column.of("period", STRING, true, "考核期"),
              Column.of("score", DOUBLE, true, "得分"),
              Column.of("grade", STRING, false, "等次"),
              Column.of("town", STRING, true, "镇街"),
              Column.of("submitted_on", DATE, true, "报送日期")),
          null);

  /** Training sessions. */
  public static final TableDef TRAINING =
      new TableDef(
          "training",
          List.of("session_id"),
          List.of(
              Column.of("session_id", STRING, true, "培训编号"),
              Column.of("held_on", DATE, true, "培训日期"),
              Column.enumOf("organizer", true, List.of("组织层级"), "zone", "园区", "town", "镇街"),
              Column.of("town", STRING, false, "镇街"),
              Column.of("topic", STRING, false, "主题"),
              Column.of("attendee_ids", STRING, true, "参训人员")),
          null);

  /** Layout versions (not a source file; written by ingest/layout commands). */
  public static final TableDef LAYOUTS =
      new TableDef(
          "layouts",
          List.of("layout_version"),
          List.of(
              Column.of("layout_version", INT, true),
              Column.of("name", STRING, true),
              Column.of("status", STRING, true),
              Column.of("effective_from", DATE, true),
              Column.of("created_at", TIMESTAMP, true)),
          null);

  /** One row per ingest run and table. */
  public static final TableDef INGEST_RUNS =
      new TableDef(
          "ingest_runs",
          List.of("run_id", "table"),
          List.of(
              Column.of("run_id", STRING, true),
              Column.of("table", STRING, true),
              Column.of("source", STRING, true),
              Column.of("started_at", TIMESTAMP, true),
              Column.of("finished_at", TIMESTAMP, true),
              Column.of("read", LONG, true),
              Column.of("inserted", LONG, true),
              Column.of("updated", LONG, true),
              Column.of("unchanged", LONG, true),
              Column.of("rejected", LONG, true)),
          null);

  /** Rejected source rows; stored under {@code rejects/<table>/}. */
  public static final TableDef REJECTS =
      new TableDef(
          "rejects",
          List.of("run_id", "file", "line", "column"),
          List.of(
              Column.of("run_id", STRING, true),
              Column.of("table", STRING, true),
              Column.of("file", STRING, true),
              Column.of("line", LONG, true),
              Column.of("column", STRING, false),
              Column.of("reason", STRING, true),
              Column.of("reason_zh", STRING, true),
              Column.of("raw", STRING, true)),
          null);

  /** Source tables in dependency order (referenced tables first). */
  public static final List<TableDef> SOURCE_TABLES =
      List.of(
          GRIDS,
          WORKERS,
          ASSIGNMENTS,
          ENTERPRISES,
          PATROLS,
          SPOT_CHECKS,
          INCIDENTS,
          INFO_SCORES,
          ASSIST_SCORES,
          INFO_UPLOADS,
          TOWN_SCORES,
          TRAINING);

  private static final Map<String, TableDef> BY_NAME =
      java.util.stream.Stream.concat(
              SOURCE_TABLES.stream(), java.util.stream.Stream.of(LAYOUTS, INGEST_RUNS))
          .collect(java.util.stream.Collectors.toUnmodifiableMap(TableDef::name, t -> t));

  /** The lake table of that name (source tables, layouts, ingest_runs). */
  public static Optional<TableDef> table(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Names of the marts of data-contract.md §3, under {@code <lake>/marts/}. */
  public static final List<String> MARTS =
      List.of(
          "grid_month",
          "worker_month",
          "worker_quarter",
          "worker_year",
          "fulltime_quarter",
          "fulltime_year",
          "town_submissions",
          "budget_year",
          "training_gaps",
          "patrol_flags",
          "data_quality");
}
