package io.gridwatch.dist.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch ingest}: source drop → lake, with row-level rejects. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "校验并导入源数据到数据湖；不合格行写入 rejects/ 并说明原因。",
      "Validates a source drop and loads it into the lake; bad rows go to rejects/ with reasons."
    })
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--source", required = true, paramLabel = "DIR", description = "source drop")
  Path source;

  @Mixin LakeOption lake;

  @Option(
      names = "--crs",
      paramLabel = "[TABLE=]CRS",
      description = "source CRS wgs84|gcj02|bd09, for all tables or one (repeatable)")
  List<String> crs;

  @Option(
      names = "--encoding",
      paramLabel = "[TABLE=]ENC",
      description = "force a CSV encoding (UTF-8, GBK, GB18030), for all tables or one")
  List<String> encoding;

  @Option(
      names = "--report",
      description =
          "after loading, write the data-quality report (marts/data_quality) and print it")
  boolean report;

  @Option(names = "--strict", description = "any rejected row → exit 1 and nothing written")
  boolean strict;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "worker threads for parsing files and merging (default: available processors); "
              + "the result does not depend on it")
  Integer threads;

  /** Runs the command in the Spark JVM; see {@link SparkSide}. */
  @Override
  public Integer call() throws Exception {
    return SparkSide.ingest(this);
  }
}
