package io.gridwatch.core.assessment;

import java.util.Map;

/** Grade codes (data-contract.md §3) and the Chinese labels towns submit. */
public final class Grades {
  private Grades() {}

  /** 优秀. */
  public static final String EXCELLENT = "excellent";

  /** 合格. */
  public static final String QUALIFIED = "qualified";

  /** 基本合格. */
  public static final String BASIC = "basic";

  /** 不合格. */
  public static final String UNQUALIFIED = "unqualified";

  private static final Map<String, String> LABELS =
      Map.of(
          "优秀",
          EXCELLENT,
          "合格",
          QUALIFIED,
          "基本合格",
          BASIC,
          "不合格",
          UNQUALIFIED,
          EXCELLENT,
          EXCELLENT,
          QUALIFIED,
          QUALIFIED,
          BASIC,
          BASIC,
          UNQUALIFIED,
          UNQUALIFIED);

  /**
   * The grade code of a submitted grade (code or Chinese label, case and blanks ignored); null when
   * blank; an unknown text is returned trimmed (it then never equals a code).
   */
  public static String normalize(String submitted) {
    if (submitted == null || submitted.isBlank()) {
      return null;
    }
    String t = submitted.strip();
    String code = LABELS.get(t.toLowerCase(java.util.Locale.ROOT));
    return code != null ? code : t;
  }
}
