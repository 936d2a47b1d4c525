package io.gridwatch.ingest.kill;

import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.IngestReport;
import java.nio.file.Path;
import java.util.Map;

/** The child JVM of {@link KillIngestTest}: one ingest of {@code args[0]} into {@code args[1]}. */
public final class IngestChild {
  private IngestChild() {}

  /** Runs the ingest and prints its summary; exit status as the CLI. */
  public static void main(String[] args) throws Exception {
    IngestReport r =
        IngestJob.run(new IngestConfig(Path.of(args[0]), args[1], Map.of(), Map.of(), false));
    System.out.print(r.toTable());
    System.out.flush();
    System.exit(r.exitCode());
  }
}
