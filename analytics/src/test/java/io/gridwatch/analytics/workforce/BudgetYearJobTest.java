package io.gridwatch.analytics.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.analytics.lake.LakeTables;
import io.gridwatch.analytics.lake.SparkTypes;
import io.gridwatch.core.lake.LakePaths;
import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.core.rules.Rules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * budget_year (assessment-rules.md §6) on the workforce drop, every amount hand-computed from the
 * regulation (第十条–第十三条), and against a brute-force oracle on random workers.
 */
class BudgetYearJobTest {
  /** "year|town|category" → "workers|worker_months|amount". */
  private static final Map<String, String> ROWS = new TreeMap<>();

  private static Dataset<Row> mart;

  @BeforeAll
  static void analyse() {
    mart =
        TestSpark.get().read().parquet(LakePaths.mart(WorkforceFixture.analyzed(), "budget_year"));
    ROWS.putAll(render(mart));
  }

  private static Map<String, String> render(Dataset<Row> df) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      String key = r.getAs("year") + "|" + r.getAs("town") + "|" + r.getAs("category");
      assertThat(out).as("one row per year, town and category").doesNotContainKey(key);
      out.put(
          key,
          r.getAs("workers")
              + "|"
              + r.getAs("worker_months")
              + "|"
              + r.<BigDecimal>getAs("amount").toPlainString());
    }
    return out;
  }

  private static String row(int year, String town, String category) {
    return ROWS.get(year + "|" + town + "|" + category);
  }

  @Test
  void columnsAndTypes() {
    assertThat(mart.columns()).containsExactlyElementsOf(BudgetYearJob.COLUMNS);
    assertThat(mart.schema().apply("amount").dataType()).isEqualTo(BudgetYearJob.MONEY);
    assertThat(mart.schema().apply("year").dataType().simpleString()).isEqualTo("int");
  }

  @Test
  void exclusiveWorkersAreUnderTheParkWithProbationAcrossTheYearBoundary() {
    // X1 (town column 松涛镇, still 高新区) hired 2024-12-10: probation until 2025-02-10, so
    // December 2024 (15th) and January 2025 are probation months, February on are regular.
    // X2 left 2025-05-20: 2024 has 12 regular months, 2025 January–May = 5 months.
    // X3 hired 2025-11-20: November's 15th not employed; December 2025 is probation.
    assertThat(row(2024, "高新区", "probation_pay")).isEqualTo("1|1|1600.00");
    assertThat(row(2024, "高新区", "exclusive_pay")).isEqualTo("1|12|47000.00");
    assertThat(row(2024, "高新区", "equipment")).isEqualTo("2|2|600.00");
    assertThat(row(2025, "高新区", "probation_pay")).isEqualTo("2|2|3200.00");
    // X1: 47000 × 11/12 = 43083.333… → 43083.33; X2: 47000 × 5/12 = 19583.333… → 19583.33;
    // the row is the sum of rounded amounts 62666.66 (not round(62666.666…) = 62666.67).
    assertThat(row(2025, "高新区", "exclusive_pay")).isEqualTo("2|16|62666.66");
    assertThat(row(2025, "高新区", "equipment")).isEqualTo("3|3|900.00");
    assertThat(ROWS.keySet()).noneMatch(k -> k.contains("高新区|fulltime"));
  }

  @Test
  void fullTimeWithProbationAndManagementAllowances() {
    // F1 (松涛镇, sub-centre head, hired 2019): 12 × 35000/12 and 12 × 400 in both years.
    assertThat(row(2024, "松涛镇", "fulltime_pay")).isEqualTo("1|12|35000.00");
    assertThat(row(2024, "松涛镇", "subcenter_allowance")).isEqualTo("1|12|4800.00");
    assertThat(row(2025, "松涛镇", "subcenter_allowance")).isEqualTo("1|12|4800.00");
    // F2 (狮子山街道, station manager) hired 2024-03-20: April–December = 9 months, April and May
    // probation (15th before 2024-05-20): 2 × 1600; 7 × 35000/12 = 20416.666… → 20416.67;
    // station allowance 9 × 300.
    assertThat(row(2024, "狮子山街道", "probation_pay")).isEqualTo("1|2|3200.00");
    assertThat(row(2024, "狮子山街道", "fulltime_pay")).isEqualTo("1|7|20416.67");
    assertThat(row(2024, "狮子山街道", "station_allowance")).isEqualTo("1|9|2700.00");
    assertThat(row(2025, "狮子山街道", "fulltime_pay")).isEqualTo("1|12|35000.00");
    assertThat(row(2025, "狮子山街道", "station_allowance")).isEqualTo("1|12|3600.00");
    assertThat(row(2025, "狮子山街道", "probation_pay")).isNull();
  }

  @Test
  void partTimeAllowanceAndEquipmentOncePerWorkerYear() {
    // P1 (town empty → its grid V1's town 松涛镇) hired 2024-06-01, left 2025-03-10: June–December
    // 2024 = 7 × 100; January, February 2025 = 2 × 100 (left before March's 15th).
    assertThat(row(2024, "松涛镇", "parttime_allowance")).isEqualTo("1|7|700.00");
    assertThat(row(2025, "松涛镇", "parttime_allowance")).isEqualTo("1|2|200.00");
    // P2 employed 2024-12-20..30: no month employed on a 15th, but equipment for 2024.
    // 2024 松涛镇 equipment: F1, P1, P2; 2025: F1, P1.
    assertThat(row(2024, "松涛镇", "equipment")).isEqualTo("3|3|900.00");
    assertThat(row(2025, "松涛镇", "equipment")).isEqualTo("2|2|600.00");
  }

  @Test
  void zoneRowsAreTheSumsOfTheTownRows() {
    assertThat(row(2024, "全区", "fulltime_pay")).isEqualTo("2|19|55416.67");
    assertThat(row(2024, "全区", "probation_pay")).isEqualTo("2|3|4800.00");
    assertThat(row(2024, "全区", "equipment")).isEqualTo("6|6|1800.00");
    assertThat(row(2025, "全区", "equipment")).isEqualTo("6|6|1800.00");
    for (int year : List.of(2024, 2025)) {
      for (String category : BudgetYearJob.CATEGORIES) {
        int workers = 0;
        int months = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (var e : ROWS.entrySet()) {
          String[] k = e.getKey().split("\\|");
          if (k[0].equals(String.valueOf(year)) && k[2].equals(category) && !k[1].equals("全区")) {
            String[] v = e.getValue().split("\\|");
            workers += Integer.parseInt(v[0]);
            months += Integer.parseInt(v[1]);
            amount = amount.add(new BigDecimal(v[2]));
          }
        }
        String zone = row(year, "全区", category);
        if (workers == 0) {
          assertThat(zone).as(year + " " + category).isNull();
        } else {
          assertThat(zone)
              .as(year + " " + category)
              .isEqualTo(workers + "|" + months + "|" + amount.setScale(2).toPlainString());
        }
      }
    }
    // only the years containing assessed months (2024-11..2025-02)
    assertThat(ROWS.keySet()).allMatch(k -> k.startsWith("2024|") || k.startsWith("2025|"));
  }

  @Test
  void shareIsExactHalfUp() {
    assertThat(BudgetYearJob.share(new BigDecimal("47000"), 10, 12))
        .isEqualByComparingTo("39166.67");
    assertThat(BudgetYearJob.share(new BigDecimal("35000"), 1, 12)).isEqualByComparingTo("2916.67");
    // 0.125 is exactly half a cent above 0.12: half-up gives 0.13 (a double would not be exact)
    assertThat(BudgetYearJob.share(new BigDecimal("1.5"), 1, 12)).isEqualByComparingTo("0.13");
    assertThat(BudgetYearJob.share(new BigDecimal("300"), 1, 1)).isEqualByComparingTo("300.00");
  }

  @Test
  void randomWorkersMatchABruteForceOracle() {
    long seed = System.nanoTime();
    System.out.println("BudgetYearJobTest seed: " + seed);
    Random rnd = new Random(seed);
    int probationMonths = rnd.nextInt(4);
    Rules rules =
        Rules.of(
            Map.of(
                "rules.pay.probation_months", String.valueOf(probationMonths),
                "rules.budget.exclusive_annual", "47000.05",
                "rules.budget.fulltime_annual", "35000.01",
                "rules.budget.probation_monthly", "1600.5",
                "rules.budget.parttime_monthly", "100.25"));
    String[] kinds = {"exclusive", "fulltime", "parttime"};
    String[] roles = {null, "none", "subcenter_head", "station_manager"};
    String[] towns = {"松涛镇", "狮子山街道", null};
    List<Row> workers = new ArrayList<>();
    record W(String id, String kind, String role, String town, LocalDate hired, LocalDate left) {}
    List<W> ws = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      LocalDate hired = LocalDate.of(2022, 1, 1).plusDays(rnd.nextInt(1500));
      LocalDate left = rnd.nextBoolean() ? null : hired.plusDays(1 + rnd.nextInt(900));
      W w =
          new W(
              String.format("R%03d", i),
              kinds[rnd.nextInt(3)],
              roles[rnd.nextInt(4)],
              towns[rnd.nextInt(3)],
              hired,
              left);
      ws.add(w);
      workers.add(
          RowFactory.create(
              w.id(),
              "随机" + i,
              w.kind(),
              "GX",
              w.town(),
              null,
              null,
              Date.valueOf(w.hired()),
              w.left() == null ? null : Date.valueOf(w.left()),
              null,
              w.role()));
    }
    String lake = FixtureLake.tempDir("budget-random").toString();
    var spark = TestSpark.get();
    spark
        .createDataFrame(workers, SparkTypes.schemaOf(LakeSchema.WORKERS))
        .repartition(3)
        .write()
        .parquet(LakePaths.table(lake, "workers"));
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.of(2024, 7);
        !m.isAfter(YearMonth.of(2025, 3));
        m = m.plusMonths(1)) {
      months.add(m);
    }
    Map<String, String> actual =
        render(BudgetYearJob.compute(new LakeTables(spark, lake), rules, months));

    // brute force: every worker, year, month and category by hand
    Rules.Budget b = rules.budget();
    Map<String, Object[]> acc = new TreeMap<>();
    for (int year : List.of(2024, 2025)) {
      for (W w : ws) {
        boolean employedInYear =
            w.hired().isBefore(LocalDate.of(year + 1, 1, 1))
                && (w.left() == null || w.left().isAfter(LocalDate.of(year, 1, 1)));
        if (!employedInYear) {
          continue;
        }
        int employed = 0;
        int probation = 0;
        for (int month = 1; month <= 12; month++) {
          LocalDate d15 = LocalDate.of(year, month, 15);
          if (!w.hired().isAfter(d15) && (w.left() == null || w.left().isAfter(d15))) {
            employed++;
            if (d15.isBefore(w.hired().plusMonths(probationMonths))) {
              probation++;
            }
          }
        }
        String town = w.kind().equals("exclusive") ? "高新区" : w.town() == null ? "未知" : w.town();
        int regular = employed - probation;
        switch (w.kind()) {
          case "exclusive" -> {
            add(acc, year, town, "exclusive_pay", regular, b.exclusiveAnnual(), 12);
            add(acc, year, town, "probation_pay", probation, b.probationMonthly(), 1);
          }
          case "fulltime" -> {
            add(acc, year, town, "fulltime_pay", regular, b.fulltimeAnnual(), 12);
            add(acc, year, town, "probation_pay", probation, b.probationMonthly(), 1);
          }
          default -> add(acc, year, town, "parttime_allowance", employed, b.parttimeMonthly(), 1);
        }
        if ("subcenter_head".equals(w.role())) {
          add(acc, year, town, "subcenter_allowance", employed, b.subcenterHeadMonthly(), 1);
        }
        if ("station_manager".equals(w.role())) {
          add(acc, year, town, "station_allowance", employed, b.stationManagerMonthly(), 1);
        }
        add(acc, year, town, "equipment", 1, b.equipmentPerWorker(), 1);
      }
    }
    Map<String, String> expected = new TreeMap<>();
    acc.forEach(
        (k, v) -> expected.put(k, v[0] + "|" + v[1] + "|" + ((BigDecimal) v[2]).toPlainString()));
    assertThat(actual).as("seed " + seed).isEqualTo(expected);
  }

  /** Adds one worker's units of a category to its town and to the zone (no row for 0 units). */
  private static void add(
      Map<String, Object[]> acc,
      int year,
      String town,
      String category,
      int units,
      BigDecimal rate,
      int divisor) {
    if (units <= 0) {
      return;
    }
    BigDecimal amount =
        rate.multiply(BigDecimal.valueOf(units))
            .divide(BigDecimal.valueOf(divisor), 2, RoundingMode.HALF_UP);
    for (String t : List.of(town, "全区")) {
      Object[] v =
          acc.computeIfAbsent(
              year + "|" + t + "|" + category,
              k -> new Object[] {0, 0, BigDecimal.ZERO.setScale(2)});
      v[0] = (Integer) v[0] + 1;
      v[1] = (Integer) v[1] + units;
      v[2] = ((BigDecimal) v[2]).add(amount);
    }
  }
}
