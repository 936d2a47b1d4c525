package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch layout}: planners' commands on draft grid layouts (data-contract.md §4). */
@Command(
    name = "layout",
    mixinStandardHelpOptions = true,
    description = {
      "网格布局草案：检查拓扑问题，对比与现行布局的差异。",
      "Draft grid layouts: check their topology, compare them with the layout in force."
    },
    subcommands = {
      LayoutCommand.Check.class,
      LayoutCommand.Diff.class,
      LayoutCommand.Suggest.class,
      LayoutCommand.Activate.class
    })
public final class LayoutCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Prints usage (a subcommand is required). */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code gridwatch layout check FILE [--lake DIR] [--zone FILE] [--format text|json]}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "检查布局文件（GeoJSON、GeoPackage、Shapefile 压缩包）：无效几何、重叠、空隙、碎片、编号重复、超出区域、无网格员。"
            + "区域为 --zone，否则为数据湖中现行布局的并集，否则为文件自身的并集。退出码：0 有效，1 有问题，2 用法错误。",
        "Checks a layout file (GeoJSON, GeoPackage, zipped Shapefile): invalid geometry, overlaps,"
            + " gaps, slivers, duplicate ids, grids outside the zone, grids with no worker. The zone"
            + " is --zone, else the union of the active layout in the lake, else the union of FILE."
            + " Exit 0 valid, 1 problems, 2 bad usage."
      })
  public static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LakeOption lake;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "布局文件 / layout file: .geojson/.json, .gpkg, .zip (Shapefile), .shp")
    Path file;

    @Option(
        names = "--zone",
        paramLabel = "FILE",
        description = "区域边界 / zone boundary (any layout format; the union of its polygons)")
    Path zone;

    @Mixin TextOrJsonOption format;

    @Option(
        names = "--rules",
        paramLabel = "FILE",
        description = "规则文件 / rules file for rules.layout.* (default: the shipped defaults)")
    Path rules;

    @Option(
        names = "--effective",
        paramLabel = "YYYY-MM-DD",
        description = "查网格员的日期 / day whose workers hold the grids (default: today, Asia/Shanghai)")
    String effective;

    /** Runs in the Spark-side JVM without starting Spark; see {@link LayoutSide}. */
    @Override
    public Integer call() throws Exception {
      return LayoutSide.check(this);
    }
  }

  /** {@code gridwatch layout diff FILE [--lake DIR] [--format text|json]}. */
  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = {
        "草案与现行布局的影响对比：换网格的企业，各网格企业数、面积、月巡查路线、上季度巡查与覆盖率、紧凑度，" + "按类型的均衡（最多/最少、变异系数），受影响的网格员。",
        "Impact of a draft against the active layout: enterprises that change grid; per grid"
            + " enterprises, area, monthly patrol tour, last quarter's patrols and coverage,"
            + " compactness; balance per grid kind (max/min, CV); affected workers."
      })
  public static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LakeOption lake;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "布局文件 / layout file: .geojson/.json, .gpkg, .zip (Shapefile), .shp")
    Path file;

    @Mixin TextOrJsonOption format;

    @Option(
        names = "--effective",
        paramLabel = "YYYY-MM-DD",
        description =
            "企业与网格员的日期 / day of the enterprises and holders (default: today, Asia/Shanghai)")
    String effective;

    /** Runs in the Spark-side JVM without starting Spark; see {@link LayoutSide}. */
    @Override
    public Integer call() throws Exception {
      return LayoutSide.diff(this);
    }
  }

  /**
   * {@code gridwatch layout suggest [FILE] [--lake DIR] [--target 0.15] [--kind enterprise] [--town
   * TOWN] [--max-moves N] [--out FILE] [--accept IDS | --reject IDS] [--format text|json]}.
   */
  @Command(
      name = "suggest",
      mixinStandardHelpOptions = true,
      description = {
        "调整建议：在相邻同类网格之间移动边界，使每个网格的企业数都在均值 ±目标 以内，网格保持连续（单一多边形、不新增空洞）且紧凑（Polsby–Popper 不低于 0.2"
            + " 或原值的 80%%）。每次移动都可单独接受或拒绝：--accept/--reject 按顺序只重放接受的移动（逐一重新校验）。--out 写出结果布局（GeoJSON，可交给 layout check/activate）。"
            + "退出码：0 达到目标，1 未达到（仍列出移动），2 用法错误。",
        "Suggests boundary moves between adjacent grids of one kind so that every grid's"
            + " enterprise count is within ±target of the mean, keeping grids contiguous (one"
            + " polygon, no new hole) and compact (Polsby–Popper not below 0.2 or 80 %% of before)."
            + " Each move can be accepted or rejected: --accept/--reject replay only the accepted"
            + " moves in order, each re-validated. --out writes the resulting layout as GeoJSON"
            + " (for layout check/activate). Exit 0 target reached, 1 not reached (moves still"
            + " listed), 2 bad usage."
      })
  public static final class Suggest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LakeOption lake;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "FILE",
        description = "布局文件（默认：数据湖现行布局）/ layout file (default: the lake's active layout)")
    Path file;

    @Option(
        names = "--target",
        defaultValue = "0.15",
        description = "允许偏离均值的比例 / allowed deviation from the mean (default ${DEFAULT-VALUE})")
    double target;

    @Option(
        names = "--kind",
        defaultValue = "enterprise",
        description =
            "网格类型 / grid kind: enterprise | community | village (default ${DEFAULT-VALUE})")
    String kind;

    @Option(
        names = "--max-moves",
        defaultValue = "500",
        paramLabel = "N",
        description = "最多移动次数 / at most this many moves (default ${DEFAULT-VALUE})")
    int maxMoves;

    @Option(
        names = "--town",
        paramLabel = "TOWN",
        description = "只调整该镇街的网格（默认：全部）/ balance and move only this town's grids (default: all)")
    String town;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "结果布局 GeoJSON / write the resulting layout as GeoJSON")
    Path out;

    @Option(
        names = "--accept",
        paramLabel = "IDS",
        split = ",",
        description = "只接受这些移动（如 1,3）/ apply only these moves, e.g. 1,3")
    java.util.List<Integer> accept;

    @Option(
        names = "--reject",
        paramLabel = "IDS",
        split = ",",
        description = "拒绝这些移动，其余照做 / apply every move but these")
    java.util.List<Integer> reject;

    @Mixin TextOrJsonOption format;

    @Option(
        names = "--effective",
        paramLabel = "YYYY-MM-DD",
        description =
            "企业与布局的日期 / day of the enterprises and layout (default: today, Asia/Shanghai)")
    String effective;

    /** Runs in the Spark-side JVM without starting Spark; see {@link LayoutSide}. */
    @Override
    public Integer call() throws Exception {
      return LayoutSide.suggest(this);
    }
  }

  /**
   * {@code gridwatch layout activate FILE --effective YYYY-MM-01 [--name NAME] [--lake DIR]}: a
   * checked draft becomes the layout in force from that month.
   */
  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description = {
        "启用布局：检查通过的草案自指定月份1日起生效（不得早于尚未计算的第一个月），原布局退役但仍用于以前的月份；网格员按网格编号沿用，列出需配备网格员的网格。",
        "Activates a layout: a draft that passes the check is in force from the 1st of a month"
            + " (not before the first month not yet computed); the former layout is retired but"
            + " still applies to earlier months; workers carry over by grid id; grids that need a"
            + " worker are listed. Exit 0 activated, 1 check problems or refused, 2 bad usage."
      })
  public static final class Activate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LakeOption lake;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "布局文件 / layout file: .geojson/.json, .gpkg, .zip (Shapefile), .shp")
    Path file;

    @Option(
        names = "--effective",
        required = true,
        paramLabel = "YYYY-MM-01",
        description = "生效日期（某月1日）/ first day in force (the 1st of a month)")
    String effective;

    @Option(names = "--name", paramLabel = "NAME", description = "布局名称 / layout name")
    String name;

    @Option(
        names = "--zone",
        paramLabel = "FILE",
        description = "区域边界 / zone boundary (default: the union of the active layout)")
    Path zone;

    @Option(
        names = "--rules",
        paramLabel = "FILE",
        description = "规则文件 / rules file for rules.layout.* (default: the shipped defaults)")
    Path rules;

    /** Runs in the Spark-side JVM without starting Spark; see {@link LayoutSide}. */
    @Override
    public Integer call() throws Exception {
      return LayoutSide.activate(this);
    }
  }
}
