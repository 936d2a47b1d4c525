package io.gridwatch.dist.command;

import picocli.CommandLine.Option;

/** The {@code --lake} option shared by every command that reads or writes the lake. */
public final class LakeOption {
  @Option(
      names = "--lake",
      defaultValue = "lake",
      paramLabel = "DIR|URI",
      description = "数据湖位置 / lake root: a folder or any Hadoop URI (default: ${DEFAULT-VALUE})")
  String lake;

  /** The lake root as given (relative paths resolve against the working directory). */
  public String lake() {
    return lake;
  }
}
