package io.gridwatch.core.rules;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The rules file (assessment-rules.md): every default the regulation leaves open, one component per
 * {@code rules.*} key. The shipped values ({@link #DEFAULTS}) reproduce the spec exactly; {@code
 * rules.properties} at the repository root documents each key.
 *
 * @param name rules.name — label of this rule set
 * @param effectiveFrom rules.effective_from — first day the rule set applies (informational)
 * @param visitMaxDistanceM rules.visit.max_distance_m — a check-in farther than this (metres) from
 *     the enterprise is not a visit (0 disables the check)
 * @param discoveryDays rules.new_enterprise.discovery_days — days a new enterprise has to be
 *     visited; it counts in a month only once this deadline is inside the month
 * @param reportHours rules.new_enterprise.report_hours — hours between the discovering visit and
 *     its report
 * @param assignmentMinDays rules.assignment.min_days — fewer days holding the grid waive the
 *     coverage deduction ({@code partial_month})
 * @param incidentSeverities rules.incident.severities — incident severities that are "major"
 * @param incidentMaxArrivalMinutes rules.incident.max_arrival_minutes — latest arrival after
 *     notification
 * @param awarenessUnqualifiedBelow rules.awareness.unqualified_below — awareness rate forcing the
 *     month unqualified
 * @param awarenessSampleSize rules.awareness.sample_size — enterprises per grid and month
 * @param gradeExcellent rules.grade.excellent — lowest excellent score
 * @param gradeQualified rules.grade.qualified — lowest qualified score
 * @param gradeBasic rules.grade.basic — lowest basic score
 * @param quarterForcedMonthScore rules.quarter.forced_month_score — {@code total} or {@code cap}
 * @param quotaExcellentShare rules.quota.excellent_share — share of workers that may be excellent
 * @param payExclusiveMonthlyStandard rules.pay.exclusive_monthly_performance_standard (CNY)
 * @param payExclusiveAnnualStandard rules.pay.exclusive_annual_performance_standard (CNY)
 * @param payFulltimeMonthlyStandard rules.pay.fulltime_monthly_performance_standard (CNY)
 * @param payFulltimeAnnualStandard rules.pay.fulltime_annual_performance_standard (CNY; the
 *     regulation names no annual amount for full-time workers, so 0 by default)
 * @param quarterMultiplier rules.pay.quarter_multiplier.{excellent,qualified,basic,unqualified}
 * @param yearMultiplier rules.pay.year_multiplier.{excellent,qualified,basic,unqualified}
 * @param probationMonths rules.pay.probation_months — months from hired_on paid as probation
 * @param fulltimeQuotaScope rules.fulltime.quota_scope — {@code town} or {@code zone}
 * @param fulltimeReportDueDay rules.fulltime.report_due_day — day of the first month of the next
 *     quarter by which towns submit
 * @param fulltimeYearReportDue rules.fulltime.year_report_due — month-day in the following year by
 *     which towns submit year results; null = not checked (the regulation names no date)
 * @param firstMonth rules.assessment.first_month — first assessed month; null = the earliest month
 *     with patrol data
 * @param maxSpeedKmh rules.flags.max_speed_kmh — implied speed above which consecutive check-ins
 *     are flagged too_fast
 * @param budget rules.budget.* — the amounts of the annual budget (§6, 第十条–第十三条)
 * @param layout rules.layout.* — thresholds of {@code gridwatch layout check}
 */
public record Rules(
    String name,
    LocalDate effectiveFrom,
    double visitMaxDistanceM,
    int discoveryDays,
    int reportHours,
    int assignmentMinDays,
    List<String> incidentSeverities,
    int incidentMaxArrivalMinutes,
    double awarenessUnqualifiedBelow,
    int awarenessSampleSize,
    double gradeExcellent,
    double gradeQualified,
    double gradeBasic,
    String quarterForcedMonthScore,
    double quotaExcellentShare,
    double payExclusiveMonthlyStandard,
    double payExclusiveAnnualStandard,
    double payFulltimeMonthlyStandard,
    double payFulltimeAnnualStandard,
    Multipliers quarterMultiplier,
    Multipliers yearMultiplier,
    int probationMonths,
    String fulltimeQuotaScope,
    int fulltimeReportDueDay,
    MonthDay fulltimeYearReportDue,
    YearMonth firstMonth,
    double maxSpeedKmh,
    Budget budget,
    LayoutRules layout)
    implements Serializable {

  /**
   * Pay multipliers per grade.
   *
   * @param excellent 优秀
   * @param qualified 合格
   * @param basic 基本合格
   * @param unqualified 不合格
   */
  public record Multipliers(double excellent, double qualified, double basic, double unqualified)
      implements Serializable {
    /** The multiplier of a grade code ({@code excellent|qualified|basic|unqualified}). */
    public double of(String grade) {
      return switch (grade) {
        case "excellent" -> excellent;
        case "qualified" -> qualified;
        case "basic" -> basic;
        case "unqualified" -> unqualified;
        default -> throw new IllegalArgumentException("unknown grade: " + grade);
      };
    }
  }

  /**
   * The amounts of the annual budget (assessment-rules.md §6), exact decimals in CNY; each is
   * non-negative.
   *
   * @param probationMonthly rules.budget.probation_monthly — 试用期工资 per probation month (exclusive
   *     and full-time, 第十条/第十一条)
   * @param exclusiveAnnual rules.budget.exclusive_annual — 专属网格员 per year after probation, budgeted
   *     per month as 1/12
   * @param fulltimeAnnual rules.budget.fulltime_annual — 专职网格员 per year after probation, per month
   *     1/12
   * @param parttimeMonthly rules.budget.parttime_monthly — 兼职网格员补贴 per month (第十二条)
   * @param subcenterHeadMonthly rules.budget.subcenter_head_monthly — 分中心负责人补贴 per month
   * @param stationManagerMonthly rules.budget.station_manager_monthly — 管理站管理员补贴 per month
   * @param equipmentPerWorker rules.budget.equipment_per_worker — 工作装备 per worker and year (第十三条)
   */
  public record Budget(
      BigDecimal probationMonthly,
      BigDecimal exclusiveAnnual,
      BigDecimal fulltimeAnnual,
      BigDecimal parttimeMonthly,
      BigDecimal subcenterHeadMonthly,
      BigDecimal stationManagerMonthly,
      BigDecimal equipmentPerWorker)
      implements Serializable {
    /** Validates that every amount is present and non-negative (the message names the key). */
    public Budget {
      requireMoney("rules.budget.probation_monthly", probationMonthly);
      requireMoney("rules.budget.exclusive_annual", exclusiveAnnual);
      requireMoney("rules.budget.fulltime_annual", fulltimeAnnual);
      requireMoney("rules.budget.parttime_monthly", parttimeMonthly);
      requireMoney("rules.budget.subcenter_head_monthly", subcenterHeadMonthly);
      requireMoney("rules.budget.station_manager_monthly", stationManagerMonthly);
      requireMoney("rules.budget.equipment_per_worker", equipmentPerWorker);
    }

    private static void requireMoney(String key, BigDecimal v) {
      if (v == null || v.signum() < 0) {
        throw new IllegalArgumentException(key + " must be >= 0, got " + v);
      }
    }
  }

  /**
   * Thresholds of the layout check ({@code gridwatch layout check}); each is non-negative.
   *
   * @param sliverM2 rules.layout.sliver_m2 — a grid part, overlap or gap smaller than this (m²,
   *     equal-area) is a sliver
   * @param zoneToleranceM rules.layout.zone_tolerance_m — grid parts reaching no farther than this
   *     (metres) outside the zone are not reported as outside_zone, nor uncovered strips no wider
   *     than this along the zone's boundary as gaps
   */
  public record LayoutRules(double sliverM2, double zoneToleranceM) implements Serializable {
    /** Validates both thresholds (the message names the key). */
    public LayoutRules {
      requireNonNegative("rules.layout.sliver_m2", sliverM2);
      requireNonNegative("rules.layout.zone_tolerance_m", zoneToleranceM);
    }
  }

  /** Severity codes an incident may have (data-contract.md §1, incidents.severity). */
  public static final Set<String> SEVERITIES =
      Set.of("especially_major", "major", "large", "general");

  /** Every key of the rules file with its shipped default, in documentation order. */
  public static final Map<String, String> DEFAULTS = defaultsMap();

  private static Map<String, String> defaultsMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("rules.name", "资阳高新区网格员管理办法（2020，暂行）");
    m.put("rules.effective_from", "2020-10-01");
    m.put("rules.visit.max_distance_m", "500");
    m.put("rules.new_enterprise.discovery_days", "30");
    m.put("rules.new_enterprise.report_hours", "24");
    m.put("rules.assignment.min_days", "15");
    m.put("rules.incident.severities", "especially_major,major");
    m.put("rules.incident.max_arrival_minutes", "60");
    m.put("rules.awareness.unqualified_below", "0.60");
    m.put("rules.awareness.sample_size", "10");
    m.put("rules.grade.excellent", "95");
    m.put("rules.grade.qualified", "80");
    m.put("rules.grade.basic", "70");
    m.put("rules.quarter.forced_month_score", "total");
    m.put("rules.quota.excellent_share", "0.30");
    m.put("rules.pay.exclusive_monthly_performance_standard", "1000");
    m.put("rules.pay.exclusive_annual_performance_standard", "6000");
    m.put("rules.pay.fulltime_monthly_performance_standard", "800");
    m.put("rules.pay.fulltime_annual_performance_standard", "0");
    m.put("rules.pay.quarter_multiplier.excellent", "1.2");
    m.put("rules.pay.quarter_multiplier.qualified", "1.0");
    m.put("rules.pay.quarter_multiplier.basic", "1.0");
    m.put("rules.pay.quarter_multiplier.unqualified", "0");
    m.put("rules.pay.year_multiplier.excellent", "1.2");
    m.put("rules.pay.year_multiplier.qualified", "1.0");
    m.put("rules.pay.year_multiplier.basic", "0.8");
    m.put("rules.pay.year_multiplier.unqualified", "0");
    m.put("rules.pay.probation_months", "2");
    m.put("rules.fulltime.quota_scope", "town");
    m.put("rules.fulltime.report_due_day", "15");
    m.put("rules.fulltime.year_report_due", "");
    m.put("rules.assessment.first_month", "");
    m.put("rules.flags.max_speed_kmh", "120");
    m.put("rules.budget.probation_monthly", "1600");
    m.put("rules.budget.exclusive_annual", "47000");
    m.put("rules.budget.fulltime_annual", "35000");
    m.put("rules.budget.parttime_monthly", "100");
    m.put("rules.budget.subcenter_head_monthly", "400");
    m.put("rules.budget.station_manager_monthly", "300");
    m.put("rules.budget.equipment_per_worker", "300");
    m.put("rules.layout.sliver_m2", "100");
    m.put("rules.layout.zone_tolerance_m", "1");
    return Collections.unmodifiableMap(m);
  }

  /** Validates every key; throws {@link IllegalArgumentException} naming the bad key. */
  public Rules {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("rules.name must not be empty");
    }
    if (effectiveFrom == null) {
      throw new IllegalArgumentException("rules.effective_from must be a date YYYY-MM-DD");
    }
    requireNonNegative("rules.visit.max_distance_m", visitMaxDistanceM);
    requireNonNegative("rules.new_enterprise.discovery_days", discoveryDays);
    requireNonNegative("rules.new_enterprise.report_hours", reportHours);
    requireNonNegative("rules.assignment.min_days", assignmentMinDays);
    if (assignmentMinDays > 31) {
      throw new IllegalArgumentException("rules.assignment.min_days must be <= 31");
    }
    incidentSeverities = List.copyOf(incidentSeverities);
    for (String s : incidentSeverities) {
      if (!SEVERITIES.contains(s)) {
        throw new IllegalArgumentException(
            "rules.incident.severities: unknown severity '" + s + "' (one of " + SEVERITIES + ")");
      }
    }
    requireNonNegative("rules.incident.max_arrival_minutes", incidentMaxArrivalMinutes);
    requireShare("rules.awareness.unqualified_below", awarenessUnqualifiedBelow);
    requirePositive("rules.awareness.sample_size", awarenessSampleSize);
    requireScore("rules.grade.excellent", gradeExcellent);
    requireScore("rules.grade.qualified", gradeQualified);
    requireScore("rules.grade.basic", gradeBasic);
    if (!(gradeExcellent >= gradeQualified && gradeQualified >= gradeBasic)) {
      throw new IllegalArgumentException(
          "rules.grade.*: need excellent >= qualified >= basic, got "
              + gradeExcellent
              + " / "
              + gradeQualified
              + " / "
              + gradeBasic);
    }
    requireOneOf("rules.quarter.forced_month_score", quarterForcedMonthScore, "total", "cap");
    requireShare("rules.quota.excellent_share", quotaExcellentShare);
    requireNonNegative(
        "rules.pay.exclusive_monthly_performance_standard", payExclusiveMonthlyStandard);
    requireNonNegative(
        "rules.pay.exclusive_annual_performance_standard", payExclusiveAnnualStandard);
    requireNonNegative(
        "rules.pay.fulltime_monthly_performance_standard", payFulltimeMonthlyStandard);
    requireNonNegative("rules.pay.fulltime_annual_performance_standard", payFulltimeAnnualStandard);
    requireMultipliers("rules.pay.quarter_multiplier", quarterMultiplier);
    requireMultipliers("rules.pay.year_multiplier", yearMultiplier);
    requireNonNegative("rules.pay.probation_months", probationMonths);
    requireOneOf("rules.fulltime.quota_scope", fulltimeQuotaScope, "town", "zone");
    if (fulltimeReportDueDay < 1 || fulltimeReportDueDay > 28) {
      throw new IllegalArgumentException(
          "rules.fulltime.report_due_day must be 1..28, got " + fulltimeReportDueDay);
    }
    requirePositive("rules.flags.max_speed_kmh", maxSpeedKmh);
    if (budget == null) {
      throw new IllegalArgumentException("rules.budget.* missing");
    }
    if (layout == null) {
      throw new IllegalArgumentException("rules.layout.* missing");
    }
  }

  /** The shipped defaults of assessment-rules.md. */
  public static Rules defaults() {
    return of(Map.of());
  }

  /** Loads a rules file (Java properties, UTF-8); absent keys keep their default. */
  public static Rules load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    return of(m);
  }

  /**
   * Rules from {@code key → value} overrides over {@link #DEFAULTS}; keys outside {@code rules.*}
   * are ignored, an unknown {@code rules.*} key or a bad value is an {@link
   * IllegalArgumentException} naming the key.
   */
  public static Rules of(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    List<String> unknown = new ArrayList<>();
    for (var e : overrides.entrySet()) {
      String k = e.getKey().trim();
      if (!k.startsWith("rules.")) {
        continue;
      }
      if (!DEFAULTS.containsKey(k)) {
        unknown.add(k);
      } else if (e.getValue() != null && !e.getValue().isBlank()) {
        v.put(k, e.getValue().trim());
      }
    }
    if (!unknown.isEmpty()) {
      Collections.sort(unknown);
      throw new IllegalArgumentException(
          "未知规则键 unknown rules key(s): " + String.join(", ", unknown));
    }
    return new Rules(
        v.get("rules.name"),
        date(v, "rules.effective_from"),
        num(v, "rules.visit.max_distance_m"),
        integer(v, "rules.new_enterprise.discovery_days"),
        integer(v, "rules.new_enterprise.report_hours"),
        integer(v, "rules.assignment.min_days"),
        list(v, "rules.incident.severities"),
        integer(v, "rules.incident.max_arrival_minutes"),
        num(v, "rules.awareness.unqualified_below"),
        integer(v, "rules.awareness.sample_size"),
        num(v, "rules.grade.excellent"),
        num(v, "rules.grade.qualified"),
        num(v, "rules.grade.basic"),
        v.get("rules.quarter.forced_month_score"),
        num(v, "rules.quota.excellent_share"),
        num(v, "rules.pay.exclusive_monthly_performance_standard"),
        num(v, "rules.pay.exclusive_annual_performance_standard"),
        num(v, "rules.pay.fulltime_monthly_performance_standard"),
        num(v, "rules.pay.fulltime_annual_performance_standard"),
        multipliers(v, "rules.pay.quarter_multiplier"),
        multipliers(v, "rules.pay.year_multiplier"),
        integer(v, "rules.pay.probation_months"),
        v.get("rules.fulltime.quota_scope"),
        integer(v, "rules.fulltime.report_due_day"),
        monthDay(v, "rules.fulltime.year_report_due"),
        month(v, "rules.assessment.first_month"),
        num(v, "rules.flags.max_speed_kmh"),
        new Budget(
            money(v, "rules.budget.probation_monthly"),
            money(v, "rules.budget.exclusive_annual"),
            money(v, "rules.budget.fulltime_annual"),
            money(v, "rules.budget.parttime_monthly"),
            money(v, "rules.budget.subcenter_head_monthly"),
            money(v, "rules.budget.station_manager_monthly"),
            money(v, "rules.budget.equipment_per_worker")),
        new LayoutRules(num(v, "rules.layout.sliver_m2"), num(v, "rules.layout.zone_tolerance_m")));
  }

  /** The grade code of a score under these thresholds (no quota, no forcing). */
  public String gradeOf(BigDecimal score) {
    if (score.compareTo(BigDecimal.valueOf(gradeExcellent)) >= 0) {
      return "excellent";
    }
    if (score.compareTo(BigDecimal.valueOf(gradeQualified)) >= 0) {
      return "qualified";
    }
    if (score.compareTo(BigDecimal.valueOf(gradeBasic)) >= 0) {
      return "basic";
    }
    return "unqualified";
  }

  private static Multipliers multipliers(Map<String, String> v, String prefix) {
    return new Multipliers(
        num(v, prefix + ".excellent"),
        num(v, prefix + ".qualified"),
        num(v, prefix + ".basic"),
        num(v, prefix + ".unqualified"));
  }

  private static double num(Map<String, String> v, String key) {
    String s = v.get(key);
    try {
      double d = Double.parseDouble(s);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(s);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a number: " + s, e);
    }
  }

  private static BigDecimal money(Map<String, String> v, String key) {
    String s = v.get(key);
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a number: " + s, e);
    }
  }

  private static int integer(Map<String, String> v, String key) {
    String s = v.get(key);
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not an integer: " + s, e);
    }
  }

  private static LocalDate date(Map<String, String> v, String key) {
    try {
      return LocalDate.parse(v.get(key));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + ": not a date YYYY-MM-DD: " + v.get(key), e);
    }
  }

  private static YearMonth month(Map<String, String> v, String key) {
    String s = v.get(key);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return YearMonth.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + ": not a month YYYY-MM: " + s, e);
    }
  }

  private static MonthDay monthDay(Map<String, String> v, String key) {
    String s = v.get(key);
    if (s == null || s.isBlank()) {
      return null;
    }
    if (!s.matches("\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException(key + ": not a month-day MM-DD: " + s);
    }
    try {
      return MonthDay.of(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(3)));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(key + ": not a month-day MM-DD: " + s, e);
    }
  }

  private static List<String> list(Map<String, String> v, String key) {
    List<String> out = new ArrayList<>();
    for (String s : v.get(key).split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(key + " must list at least one value");
    }
    return out;
  }

  private static void requireNonNegative(String key, double v) {
    if (!(v >= 0)) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + v);
    }
  }

  private static void requirePositive(String key, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(key + " must be > 0, got " + v);
    }
  }

  private static void requireShare(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(key + " must be a share in [0, 1], got " + v);
    }
  }

  private static void requireScore(String key, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(key + " must be in [0, 100], got " + v);
    }
  }

  private static void requireMultipliers(String prefix, Multipliers m) {
    if (m == null) {
      throw new IllegalArgumentException(prefix + ".* missing");
    }
    requireNonNegative(prefix + ".excellent", m.excellent());
    requireNonNegative(prefix + ".qualified", m.qualified());
    requireNonNegative(prefix + ".basic", m.basic());
    requireNonNegative(prefix + ".unqualified", m.unqualified());
  }

  private static void requireOneOf(String key, String v, String... allowed) {
    for (String a : allowed) {
      if (a.equals(v)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        key + " must be one of " + String.join("|", allowed) + ", got " + v);
  }
}
