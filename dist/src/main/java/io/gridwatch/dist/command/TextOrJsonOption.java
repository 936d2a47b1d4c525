package io.gridwatch.dist.command;

import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --format text|json} option shared by the layout commands. */
public final class TextOrJsonOption {
  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json",
      description = "输出格式 / output: text | json (default ${DEFAULT-VALUE})")
  String format;

  /** True for {@code json}, false for {@code text}; anything else is a usage error (message). */
  public boolean json() {
    return switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new IllegalArgumentException("--format must be text or json, got " + format);
    };
  }
}
