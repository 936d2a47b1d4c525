package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridwatch generate}: a deterministic synthetic source drop. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "生成确定性的模拟源数据（基于雁江区真实边界）。",
      "Writes a deterministic synthetic source drop on the real 雁江区 boundary."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "2020",
      description =
          "random seed; same seed and scale → byte-identical drop (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--scale",
      defaultValue = "small",
      description = "small | city | province (default ${DEFAULT-VALUE})")
  String scale;

  @Option(
      names = "--boundary",
      paramLabel = "GEOJSON",
      description = "district boundaries (DataV GCJ-02 GeoJSON); default: the bundled Ziyang file")
  Path boundary;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.generate(this);
  }
}
