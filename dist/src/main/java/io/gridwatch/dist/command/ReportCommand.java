package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch report}: the offices' XLSX workbook of a month, quarter, half-year or year. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "生成考核期的 XLSX 工作簿（中文表头）：月 → 月度考核表、扣分明细、镇街巡查汇总；季度 → 季度排名表、专职网格员考核汇总；"
          + "半年 → 季度排名表、培训情况；年 → 年度考核表、专职网格员考核汇总、年度预算表、培训情况。",
      "Writes the offices' XLSX workbook of a period (Chinese headers, English second line) from"
          + " the marts of gridwatch analyze."
    })
public final class ReportCommand implements Callable<Integer> {
  @Mixin LakeOption lake;
  @Mixin SparkOptions spark;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "PERIOD",
      description =
          "考核期 / period: 2025-03 (月 month), 2025Q1 (季度 quarter), 2025H1 (半年 half-year), 2025 (年 year)")
  String period;

  @Option(
      names = "--out",
      paramLabel = "FILE.xlsx",
      description = "输出文件 / output file (default: report-<period>.xlsx in the current folder)")
  Path out;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.report(this);
  }
}
