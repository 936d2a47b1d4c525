package io.gridwatch.ingest.quality;

/** The data-quality checks: code (the {@code check} column) and Chinese + English title. */
public enum Check {
  /** An enterprise whose location lies in no grid of the active layout. */
  ENTERPRISE_OUTSIDE_GRIDS("enterprise_outside_grids", "企业不在任何网格内 / enterprise outside every grid"),
  /** A grid of the active layout with no current worker. */
  GRID_WITHOUT_WORKER("grid_without_worker", "网格无网格员 / grid without a worker"),
  /** A worker whose grid is not in the active layout. */
  WORKER_GRID_MISSING("worker_grid_missing", "网格员所属网格不存在 / worker's grid does not exist"),
  /** An exclusive worker whose grid is not an enterprise grid. */
  EXCLUSIVE_NOT_ENTERPRISE_GRID(
      "exclusive_not_enterprise_grid", "专属网格员不在企业网格 / exclusive worker on a non-enterprise grid"),
  /** A grid-month whose spot check sample is not min(sample size, enterprises). */
  SPOT_CHECK_SAMPLE_SIZE("spot_check_sample_size", "知晓率抽查数量不符 / spot check not of the sample size"),
  /** An exclusive worker-month without an information score. */
  MISSING_INFO_SCORE("missing_info_score", "缺少信息报送评分 / month without info score"),
  /** An exclusive worker-month without an assist score. */
  MISSING_ASSIST_SCORE("missing_assist_score", "缺少协助工作评分 / month without assist score"),
  /** A town without exactly one sub-centre head. */
  TOWN_SUBCENTER_HEADS(
      "town_subcenter_heads", "镇街分中心负责人不是 1 人 / town without exactly one subcenter head"),
  /** A community without exactly one station manager. */
  COMMUNITY_STATION_MANAGERS(
      "community_station_managers",
      "社区管理站管理员不是 1 人 / community without exactly one station manager");

  private final String code;
  private final String title;

  Check(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** The code stored in the {@code check} column. */
  public String code() {
    return code;
  }

  /** The Chinese + English title used in the text rendering. */
  public String title() {
    return title;
  }
}
