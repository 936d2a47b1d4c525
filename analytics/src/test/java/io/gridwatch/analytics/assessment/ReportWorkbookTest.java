package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.analytics.report.ReportJob;
import io.gridwatch.analytics.report.ReportPeriod;
import io.gridwatch.core.lake.LakePaths;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code gridwatch report} workbooks of the analysed assessment drop, written by {@link ReportJob}
 * and re-read with POI: sheet names, header lines, frozen header, number formats and cell values
 * hand-checked against the drop (the values {@link WorkerMonthJobTest} and {@link
 * PeriodMartsFixtureTest} prove).
 */
class ReportWorkbookTest {
  private static final DataFormatter SHOWN = new DataFormatter(Locale.ROOT);
  private static String lake;
  private static Path out;

  @BeforeAll
  static void analyse() {
    lake = AssessmentFixture.analyzed();
    out = FixtureLake.tempDir("reports");
  }

  private static XSSFWorkbook report(String period) throws IOException {
    Path file = out.resolve("report-" + period + ".xlsx");
    ReportJob.Result r = ReportJob.run(TestSpark.get(), lake, ReportPeriod.parse(period), file);
    System.out.println(r.summary());
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  private static List<String> sheetNames(XSSFWorkbook wb) {
    List<String> names = new ArrayList<>();
    wb.forEach(s -> names.add(s.getSheetName()));
    return names;
  }

  private static String text(Row row, int c) {
    Cell cell = row == null ? null : row.getCell(c);
    return cell == null ? "" : SHOWN.formatCellValue(cell);
  }

  private static List<String> texts(Row row) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < row.getLastCellNum(); c++) {
      out.add(text(row, c));
    }
    return out;
  }

  /** The first row at or after {@code from} whose cell {@code c} shows {@code value}. */
  private static Row find(Sheet s, int c, String value, int from) {
    for (int r = from; r <= s.getLastRowNum(); r++) {
      if (value.equals(text(s.getRow(r), c))) {
        return s.getRow(r);
      }
    }
    throw new AssertionError(value + " not in column " + c + " of " + s.getSheetName());
  }

  private static Row find(Sheet s, int c, String value) {
    return find(s, c, value, 0);
  }

  /** Index of the Chinese header line starting with {@code first}. */
  private static int headerRow(Sheet s, String first) {
    return find(s, 0, first).getRowNum();
  }

  private static int frozenRow(Sheet s) {
    PaneInformation p = s.getPaneInformation();
    assertThat(p).as(s.getSheetName() + " pane").isNotNull();
    assertThat(p.isFreezePane()).isTrue();
    return p.getHorizontalSplitPosition();
  }

  private static String format(Cell c) {
    return c.getCellStyle().getDataFormatString();
  }

  private static double num(Row row, int c) {
    assertThat(row.getCell(c).getCellType()).isEqualTo(CellType.NUMERIC);
    return row.getCell(c).getNumericCellValue();
  }

  @Test
  void monthWorkbook() throws IOException {
    try (XSSFWorkbook wb = report("2025-03")) {
      assertThat(sheetNames(wb)).containsExactly("月度考核表", "扣分明细", "镇街巡查汇总");
      Sheet m = wb.getSheet("月度考核表");
      assertThat(text(m.getRow(0), 0)).startsWith("资阳高新区专属网格员 2025年3月 月度考核表");
      int h = headerRow(m, "编号");
      assertThat(texts(m.getRow(h)))
          .containsExactly(
              "编号", "姓名", "网格", "企业数", "已巡查", "覆盖率", "日常考勤及巡查", "信息整理及上传", "协管工作", "群众知晓率", "知晓率得分",
              "总分", "等次", "强制不合格原因", "状态", "标记");
      assertThat(texts(m.getRow(h + 1))).startsWith("worker id", "name", "grid");
      assertThat(frozenRow(m)).isEqualTo(h + 2);
      // one row per exclusive worker, in natural id order
      List<String> ids = new ArrayList<>();
      for (int r = h + 2; r < h + 11; r++) {
        ids.add(text(m.getRow(r), 0));
      }
      assertThat(ids).containsExactly("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9");
      // W1: 30 + 30 + 20 + 20 = 100, excellent
      Row w1 = find(m, 0, "W1");
      assertThat(text(w1, 1)).isEqualTo("全满分");
      assertThat(num(w1, 11)).isEqualTo(100.0);
      assertThat(format(w1.getCell(11))).isEqualTo("0.00");
      assertThat(text(w1, 11)).isEqualTo("100.00");
      assertThat(text(w1, 12)).isEqualTo("优秀");
      assertThat(text(w1, 14)).isEqualTo("已定");
      // W2: 1 of 2 visited (50.0 %), awareness 50 % → forced unqualified at 70
      Row w2 = find(m, 0, "W2");
      assertThat(format(w2.getCell(5))).isEqualTo("0.0%");
      assertThat(text(w2, 5)).isEqualTo("50.0%");
      assertThat(text(w2, 6)).isEqualTo("20.00");
      assertThat(text(w2, 11)).isEqualTo("70.00");
      assertThat(text(w2, 12)).isEqualTo("不合格");
      assertThat(text(w2, 13)).isEqualTo("知晓率低于60%");
      // columns sized to their text, CJK counted double: 日常考勤及巡查 (7 wide characters)
      assertThat(m.getColumnWidth(6)).isGreaterThanOrEqualTo(14 * 256);
      assertThat(m.getColumnWidth(0)).isLessThan(m.getColumnWidth(6));

      Sheet d = wb.getSheet("扣分明细");
      int dh = headerRow(d, "编号");
      assertThat(texts(d.getRow(dh))).containsExactly("编号", "姓名", "网格", "扣分项目", "扣分", "证据编号");
      assertThat(frozenRow(d)).isEqualTo(dh + 2);
      // W2's two −10 deductions, each with the unvisited / unaware E2B as evidence
      Row aw = find(d, 0, "W2");
      Row cov = d.getRow(aw.getRowNum() + 1);
      assertThat(texts(aw))
          .containsExactly("W2", "漏巡查", "G2", "群众知晓率不足 awareness", "-10.00", "E2B");
      assertThat(texts(cov))
          .containsExactly("W2", "漏巡查", "G2", "未全覆盖 full_coverage", "-10.00", "E2B");
      assertThat(format(cov.getCell(4))).isEqualTo("0.00");
      Row w3 = find(d, 0, "W3");
      assertThat(texts(w3))
          .containsExactly("W3", "新企业", "G3", "新企业未按时发现或上报 new_enterprise", "-2.00", "E3R, P302");
      long deductions =
          TestSpark.get()
              .read()
              .parquet(LakePaths.mart(lake, "worker_month"))
              .where("month = '2025-03'")
              .selectExpr("sum(size(deductions))")
              .first()
              .getLong(0);
      assertThat(dataRows(d, dh + 2)).isEqualTo(deductions);

      // towns: ratio of sums, zone total
      Sheet t = wb.getSheet("镇街巡查汇总");
      int th = headerRow(t, "镇街");
      assertThat(frozenRow(t)).isEqualTo(th + 2);
      org.apache.spark.sql.Row sums =
          TestSpark.get()
              .read()
              .parquet(LakePaths.mart(lake, "grid_month"))
              .where("month = '2025-03' AND town = '高新区'")
              .selectExpr("count(*)", "sum(enterprises)", "sum(visited)")
              .first();
      Row gx = find(t, 0, "高新区");
      assertThat((long) num(gx, 1)).isEqualTo(sums.getLong(0));
      assertThat((long) num(gx, 2)).isEqualTo(sums.getLong(1));
      assertThat((long) num(gx, 3)).isEqualTo(sums.getLong(2));
      assertThat(num(gx, 4)).isCloseTo((double) sums.getLong(2) / sums.getLong(1), within());
      Row zone = find(t, 0, "全区合计");
      Row st = find(t, 0, "松涛镇");
      assertThat(num(zone, 2)).isEqualTo(num(gx, 2) + num(st, 2));
      assertThat(num(zone, 3)).isEqualTo(num(gx, 3) + num(st, 3));
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  /** Table rows from {@code first} up to a blank row or a merged (note) row. */
  private static long dataRows(Sheet s, int first) {
    int r = first;
    while (s.getRow(r) != null && !isMerged(s, r) && !text(s.getRow(r), 0).isEmpty()) {
      r++;
    }
    return r - first;
  }

  private static boolean isMerged(Sheet s, int row) {
    return s.getMergedRegions().stream().anyMatch(m -> m.getFirstRow() == row);
  }

  @Test
  void quarterWorkbookHasTheRankingWithItsQuotaLine() throws IOException {
    try (XSSFWorkbook wb = report("2025Q1")) {
      assertThat(sheetNames(wb)).containsExactly("季度排名表", "专职网格员考核汇总");
      Sheet s = wb.getSheet("季度排名表");
      assertThat(text(s.getRow(0), 0)).startsWith("资阳高新区专属网格员 2025年第1季度 考核排名表");
      int h = headerRow(s, "排名");
      assertThat(text(s.getRow(h - 1), 0))
          .contains("2025年第1季度")
          .contains("N = 9")
          .contains("Q = ⌊比例 × N⌋ = 2");
      assertThat(texts(s.getRow(h)))
          .containsExactly(
              "排名", "编号", "姓名", "考核月数", "季度得分", "按分等次", "最终等次", "超出优秀名额", "绩效系数", "试用期月数", "计酬月数",
              "季度绩效工资", "状态");
      assertThat(frozenRow(s)).isEqualTo(h + 2);
      // the March ranking (PeriodMartsFixtureTest): N = 9 → Q = 2
      String[] order = {"W1", "W7", "W5", "W3", "W9", "W8", "W2", "W4", "W6"};
      String[] grades = {"优秀", "优秀", "合格", "合格", "合格", "合格", "基本合格", "基本合格", "不合格"};
      String[] beyond = {"否", "否", "是", "是", "是", "否", "否", "否", "否"};
      for (int i = 0; i < order.length; i++) {
        Row r = s.getRow(h + 2 + i);
        assertThat(text(r, 0)).isEqualTo(String.valueOf(i + 1));
        assertThat(text(r, 1)).isEqualTo(order[i]);
        assertThat(text(r, 6)).as(order[i]).isEqualTo(grades[i]);
        assertThat(text(r, 7)).as(order[i]).isEqualTo(beyond[i]);
        // the quota line: a thick border under the Q-th row only
        BorderStyle bottom = r.getCell(4).getCellStyle().getBorderBottom();
        assertThat(bottom).as(order[i]).isEqualTo(i == 1 ? BorderStyle.THICK : BorderStyle.THIN);
      }
      Row w1 = s.getRow(h + 2);
      assertThat(text(w1, 4)).isEqualTo("100.00");
      assertThat(format(w1.getCell(4))).isEqualTo("0.00");
      // W1: 1 × 1000 × 1.2
      assertThat(num(w1, 11)).isEqualTo(1200.0);
      assertThat(format(w1.getCell(11))).isEqualTo("#,##0.00");
      assertThat(text(w1, 11)).isEqualTo("1,200.00");
      assertThat(text(w1, 8)).isEqualTo("1.20");
      // W7: March is a probation month → paid 0
      assertThat(texts(s.getRow(h + 3))).contains("月中调岗", "0.00");
      // 合计 = the sum of the pay column
      Row total = s.getRow(h + 11);
      assertThat(text(total, 0)).startsWith("合计");
      double sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += num(s.getRow(h + 2 + i), 11);
      }
      assertThat(num(total, 11)).isCloseTo(sum, within());

      Sheet f = wb.getSheet("专职网格员考核汇总");
      int fh = headerRow(f, "镇街");
      assertThat(frozenRow(f)).isEqualTo(fh + 2);
      assertThat(texts(f.getRow(fh)))
          .containsExactly(
              "镇街", "编号", "姓名", "季度", "报送得分", "报送等次", "按分等次", "最终等次", "超出优秀名额", "与报送等次不符", "绩效系数",
              "计酬月数", "季度绩效工资", "报送日期", "截止日期", "逾期报送");
      Row f1 = find(f, 1, "F1");
      Row f2 = find(f, 1, "F2");
      // F1: 96 submitted 优秀, cut to 合格 by 松涛镇's quota Q = 0; on time
      assertThat(texts(f1))
          .containsExactly(
              "松涛镇",
              "F1",
              "专职甲",
              "2025Q1",
              "96.00",
              "优秀",
              "优秀",
              "合格",
              "是",
              "是",
              "1.00",
              "3",
              "2,400.00",
              "2025-04-15",
              "2025-04-15",
              "否");
      assertThat(format(f1.getCell(13))).isEqualTo("yyyy-mm-dd");
      // F2: submitted 2025-04-16, a day late → highlighted
      assertThat(text(f2, 13)).isEqualTo("2025-04-16");
      assertThat(text(f2, 15)).isEqualTo("是");
      assertThat(f2.getCell(0).getCellStyle().getFillPattern())
          .isEqualTo(FillPatternType.SOLID_FOREGROUND);
      assertThat(f1.getCell(0).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
      // town submissions of the quarter: expected 2, on time 1, late 1, missing 0
      int sh = find(f, 0, "镇街", fh + 1).getRowNum();
      assertThat(texts(f.getRow(sh)))
          .containsExactly("镇街", "季度", "应报人数", "按时报送", "逾期报送", "未报送", "未报送人员", "截止日期");
      assertThat(texts(f.getRow(sh + 2)))
          .containsExactly("松涛镇", "2025Q1", "2", "1", "1", "0", "", "2025-04-15");
    }
  }

  @Test
  void halfYearStacksBothQuartersAndTheTrainingGaps() throws IOException {
    try (XSSFWorkbook wb = report("2025H1")) {
      assertThat(sheetNames(wb)).containsExactly("季度排名表", "培训情况");
      Sheet s = wb.getSheet("季度排名表");
      int q1 = headerRow(s, "排名");
      assertThat(text(s.getRow(q1 - 1), 0)).startsWith("2025年第1季度 2025Q1");
      assertThat(frozenRow(s)).isEqualTo(q1 + 2);
      int q2 = find(s, 0, "排名", q1 + 1).getRowNum();
      assertThat(text(s.getRow(q2 - 1), 0)).startsWith("2025年第2季度 2025Q2").contains("N = 9");
      assertThat(text(s.getRow(q2 + 2), 0)).isEqualTo("1");
      // W6's incomplete April makes its 2025Q2 incomplete
      Row w6 = find(s, 1, "W6", q2);
      assertThat(text(w6, 12)).isEqualTo("待补评分");

      Sheet t = wb.getSheet("培训情况");
      int th = headerRow(t, "考核期");
      assertThat(frozenRow(t)).isEqualTo(th + 2);
      assertThat(texts(t.getRow(th)))
          .containsExactly("考核期", "培训要求", "镇街", "编号", "姓名", "类别", "期间未结束", "参加外镇街培训次数");
      // the drop has no training at all: every exclusive and full-time worker misses 2025H1
      long gaps =
          TestSpark.get()
              .read()
              .parquet(LakePaths.mart(lake, "training_gaps"))
              .where("period = '2025H1'")
              .count();
      assertThat(gaps).isEqualTo(11);
      assertThat(dataRows(t, th + 2)).isEqualTo(gaps);
      Row w1 = find(t, 3, "W1");
      assertThat(texts(w1)).startsWith("2025年上半年 2025H1", "园区级", "高新区", "W1", "全满分", "专属");
    }
  }

  @Test
  void yearWorkbookHasResultsSubmissionsBudgetAndTraining() throws IOException {
    try (XSSFWorkbook wb = report("2025")) {
      assertThat(sheetNames(wb)).containsExactly("年度考核表", "专职网格员考核汇总", "年度预算表", "培训情况");
      Sheet y = wb.getSheet("年度考核表");
      int h = headerRow(y, "排名");
      assertThat(frozenRow(y)).isEqualTo(h + 2);
      assertThat(texts(y.getRow(h)))
          .containsExactly(
              "排名",
              "编号",
              "姓名",
              "考核季度数",
              "年度得分",
              "不合格季度数",
              "按分等次",
              "最终等次",
              "超出优秀名额",
              "强制不合格原因",
              "绩效系数",
              "年度绩效工资",
              "不得再担任专属网格员",
              "状态");
      // W6: two unqualified quarters → forced unqualified, dismissal, highlighted
      Row w6 = find(y, 1, "W6");
      assertThat(text(w6, 5)).isEqualTo("2");
      assertThat(text(w6, 7)).isEqualTo("不合格");
      assertThat(text(w6, 9)).isEqualTo("两个季度不合格");
      assertThat(text(w6, 12)).isEqualTo("是");
      assertThat(w6.getCell(1).getCellStyle().getFillPattern())
          .isEqualTo(FillPatternType.SOLID_FOREGROUND);
      assertThat(text(w6, 11)).isEqualTo("0.00");

      Sheet f = wb.getSheet("专职网格员考核汇总");
      Row f1 = find(f, 1, "F1");
      // F1 year: 90 submitted 合格; no year deadline configured → late blank
      assertThat(text(f1, 3)).isEqualTo("90.00");
      assertThat(text(f1, 7)).isEqualTo("合格");
      assertThat(text(f1, 16)).isEmpty();
      // F2 has no year submission: blank score and grade
      Row f2 = find(f, 1, "F2");
      assertThat(text(f2, 3)).isEmpty();
      // the year's submissions: 2025Q1 and 2025Q2 of 松涛镇, F2 missing in Q2
      Row q2 = find(f, 1, "2025Q2");
      assertThat(texts(q2))
          .containsExactly("松涛镇", "2025Q2", "2", "1", "0", "1", "F2 专职乙", "2025-07-15");

      Sheet b = wb.getSheet("年度预算表");
      int bh = headerRow(b, "镇街");
      assertThat(frozenRow(b)).isEqualTo(bh + 2);
      List<String> header = texts(b.getRow(bh));
      assertThat(header).startsWith("镇街", "专属网格员工资", "专职网格员工资", "试用期工资").endsWith("合计");
      int cols = header.size();
      Row gx = find(b, 0, "高新区");
      Row st = find(b, 0, "松涛镇");
      Row zone = find(b, 0, "全区");
      for (Row r : List.of(gx, st, zone)) {
        double sum = 0;
        for (int c = 1; c < cols - 1; c++) {
          sum +=
              r.getCell(c) == null || r.getCell(c).getCellType() != CellType.NUMERIC
                  ? 0
                  : num(r, c);
        }
        assertThat(num(r, cols - 1)).as(text(r, 0)).isCloseTo(sum, offset(0.001));
      }
      for (int c = 1; c < cols; c++) {
        double towns = cell(gx, c) + cell(st, c);
        assertThat(cell(zone, c)).as(header.get(c)).isCloseTo(towns, offset(0.001));
      }
      // by hand: F1 12 months × 35000/12 + F2 (hired 2025-02-10) 9 non-probation months × 35000/12
      assertThat(text(st, 2)).isEqualTo("61,250.00");
      assertThat(format(st.getCell(2))).isEqualTo("#,##0.00");
      // F2's two probation months (Feb, Mar) × 1600
      assertThat(text(st, 3)).isEqualTo("3,200.00");
      // the pivot equals the mart
      BigDecimal martTotal =
          TestSpark.get()
              .read()
              .parquet(LakePaths.mart(lake, "budget_year"))
              .where("year = 2025 AND town <> '全区'")
              .selectExpr("sum(amount)")
              .first()
              .getDecimal(0);
      assertThat(num(zone, cols - 1)).isCloseTo(martTotal.doubleValue(), offset(0.001));

      Sheet t = wb.getSheet("培训情况");
      int th = headerRow(t, "考核期");
      long gaps =
          TestSpark.get()
              .read()
              .parquet(LakePaths.mart(lake, "training_gaps"))
              .where("period IN ('2025', '2025H1', '2025H2')")
              .count();
      assertThat(dataRows(t, th + 2)).isEqualTo(gaps);
      // half-years first, then the year (town level)
      assertThat(text(t.getRow(th + 2), 0)).isEqualTo("2025年上半年 2025H1");
      assertThat(text(t.getRow((int) (th + 1 + gaps)), 0)).isEqualTo("2025年度 2025");
    }
  }

  private static double cell(Row r, int c) {
    Cell cell = r.getCell(c);
    return cell == null || cell.getCellType() != CellType.NUMERIC ? 0 : cell.getNumericCellValue();
  }

  private static org.assertj.core.data.Offset<Double> offset(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void periodWithoutDataKeepsHeadersWithNoDataNotes() throws IOException {
    Path file = out.resolve("empty.xlsx");
    ReportJob.Result r = ReportJob.run(TestSpark.get(), lake, ReportPeriod.parse("2024-07"), file);
    assertThat(r.empty()).isTrue();
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertThat(sheetNames(wb)).containsExactly("月度考核表", "扣分明细", "镇街巡查汇总");
      for (Sheet s : wb) {
        int h = headerRow(s, s.getSheetName().equals("镇街巡查汇总") ? "镇街" : "编号");
        assertThat(frozenRow(s)).isEqualTo(h + 2);
        assertThat(text(s.getRow(h + 2), 0)).isEqualTo("无数据 no data");
      }
    }
    // no temporary file is left beside the workbooks
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void lakeWithoutMartsAsksForAnalyze() {
    String empty = FixtureLake.tempDir("no-marts").toString();
    assertThatThrownBy(() -> ReportJob.load(TestSpark.get(), empty, ReportPeriod.parse("2025Q1")))
        .isInstanceOf(ReportJob.MissingMarts.class)
        .hasMessageContaining("worker_quarter, fulltime_quarter, town_submissions")
        .hasMessageContaining("run gridwatch analyze first");
  }
}
