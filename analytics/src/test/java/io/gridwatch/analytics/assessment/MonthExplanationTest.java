package io.gridwatch.analytics.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.analytics.FixtureLake;
import io.gridwatch.analytics.TestSpark;
import io.gridwatch.analytics.explain.MonthExplanation;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code gridwatch explain} text for scenario workers of the assessment drop (the numbers are those
 * of {@link WorkerMonthJobTest}), and its failures.
 */
class MonthExplanationTest {
  private static List<String> explain(String worker, String month) {
    MonthExplanation.Facts f =
        MonthExplanation.load(
            TestSpark.get(), AssessmentFixture.analyzed(), worker, YearMonth.parse(month));
    List<String> lines = MonthExplanation.render(f);
    System.out.println(String.join("\n", lines));
    return lines;
  }

  @Test
  void fullMarks() {
    assertThat(explain("W1", "2025-03"))
        .containsExactly(
            "网格员 Worker W1 全满分 · 月份 Month 2025-03 · 网格 Grid G1",
            "1a 日常考勤及巡查 Patrol & attendance  30 → 30  (全覆盖 full coverage: 1/1 已巡查 visited)",
            "1b 信息整理及上传 Information collection & upload  30 / 30"
                + "  (周上传率 weekly upload compliance 100%)",
            "1c 协管工作 Assisting tasks  20 / 20",
            "1d 群众知晓率 Public awareness  20 → 20  (知晓 knew the worker 1/1 = 100%)",
            "总分 Total  100 = 30 + 30 + 20 + 20",
            "等次 Grade  优秀 excellent",
            "状态 Status  已定 final",
            "标记 Flags  无 none",
            "扣分明细 Itemised deductions  无 none");
  }

  @Test
  void missedCoverageAndForcedAwareness() {
    List<String> lines = explain("W2", "2025-03");
    assertThat(lines)
        .contains(
            "1a 日常考勤及巡查 Patrol & attendance  30 → 20  (−10 未全覆盖 full coverage missed:"
                + " 1/2 已巡查 visited; 漏查企业 enterprises missed: E2B)",
            "1c 协管工作 Assisting tasks  15 / 20",
            "1d 群众知晓率 Public awareness  20 → 10  (知晓 knew the worker 1/2 = 50%; −10"
                + " 每低 10% 扣 2 分 −2 per full 10% below 100%; 不知晓 did not know: E2B)",
            "总分 Total  70 = 20 + 25 + 15 + 10",
            "等次 Grade  不合格 unqualified",
            "强制不合格 Forced unqualified  知晓率低于 60% awareness below 60% (awareness_below_60)",
            "  awareness  −10  知晓率不足 public awareness below 100%  证据 evidence: E2B",
            "  full_coverage  −10  未全覆盖 full coverage missed  证据 evidence: E2B");
    assertThat(lines.get(2)).startsWith("1b 信息整理及上传 Information collection & upload  25 / 30");
  }

  @Test
  void majorIncidentLosesThePatrolScore() {
    assertThat(explain("W4", "2025-03"))
        .contains(
            "1a 日常考勤及巡查 Patrol & attendance  30 → 0  (全部 30 分扣除 all 30 points lost:"
                + " 重大事故到场超时或未到场 major incident, late or no arrival: I41;"
                + " 全覆盖 full coverage: 1/1 已巡查 visited)",
            "总分 Total  70 = 0 + 30 + 20 + 20",
            "等次 Grade  基本合格 basic",
            "  major_incident  −30  重大事故到场超时 major incident: late or no arrival"
                + "  证据 evidence: I41");
  }

  @Test
  void newEnterpriseAndFloorAndMissingPanelScores() {
    assertThat(explain("W3", "2025-04"))
        .contains(
            "1a 日常考勤及巡查 Patrol & attendance  30 → 18  (−10 未全覆盖 full coverage missed:"
                + " 3/4 已巡查 visited; 漏查企业 enterprises missed: E3N;"
                + " −2 新企业未按时发现或上报 new enterprises not discovered/reported in time ×1: E3N)");
    List<String> w6 = explain("W6", "2025-03");
    assertThat(w6.get(1))
        .startsWith("1a 日常考勤及巡查 Patrol & attendance  30 → 0  (−10 未全覆盖")
        .contains("−22 新企业未按时发现或上报 new enterprises not discovered/reported in time ×11")
        .endsWith("; 扣至 0 分为止 floored at 0)");
    assertThat(explain("W2", "2025-04"))
        .contains(
            "1b 信息整理及上传 Information collection & upload  0 / 30"
                + "  (缺评分，计 0 分 panel score missing, counted as 0;"
                + " 周上传率 weekly upload compliance 0%)",
            "状态 Status  待补 incomplete  (缺评分，计 0 分 missing, counted as 0:"
                + " 1b 信息整理及上传 info score)",
            "标记 Flags",
            "  info_score_missing  缺信息整理评分 info panel score missing");
  }

  @Test
  void partialMonthWaivesCoverage() {
    assertThat(explain("W7", "2025-03"))
        .contains(
            "1a 日常考勤及巡查 Patrol & attendance  30 → 30  (未全覆盖但持有网格天数不足，免扣"
                + " coverage missed but waived (partial_month): 1/2 已巡查 visited)");
  }

  @Test
  void unknownWorkerOrMonthOrLakeAreOneLineFailures() {
    var spark = TestSpark.get();
    String lake = AssessmentFixture.analyzed();
    assertThatThrownBy(() -> MonthExplanation.load(spark, lake, "W99", YearMonth.of(2025, 3)))
        .isInstanceOf(MonthExplanation.NotFound.class)
        .hasMessage("未知网格员 W99 / unknown worker: W99");
    assertThatThrownBy(() -> MonthExplanation.load(spark, lake, "W1", YearMonth.of(2025, 7)))
        .isInstanceOf(MonthExplanation.NotFound.class)
        .hasMessage(
            "网格员 W1 在 2025-07 没有月度考核结果（有结果的月份：2025-03, 2025-04）/ no month result"
                + " for W1 in 2025-07 (months with results: 2025-03, 2025-04)");
    String empty = FixtureLake.tempDir("no-marts").toString();
    assertThatThrownBy(() -> MonthExplanation.load(spark, empty, "W1", YearMonth.of(2025, 3)))
        .isInstanceOf(MonthExplanation.NotFound.class)
        .hasMessageContaining("run gridwatch analyze first")
        .hasMessageNotContaining("\n");
  }
}
