package io.gridwatch.ingest.bench;

import io.gridwatch.ingest.quality.DataQualityReport;
import io.gridwatch.ingest.quality.Finding;
import java.util.List;

/** Times {@link DataQualityReport#runAndWrite(String)} on the lake {@code args[0]}. */
public final class DataQualityMain {
  private DataQualityMain() {}

  /** Runs the report, writes the mart, prints the rendering and the time. */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    List<Finding> f = DataQualityReport.runAndWrite(args[0]);
    System.out.print(DataQualityReport.render(f));
    System.out.printf(
        "data-quality report: %d findings in %.1f s%n", f.size(), (System.nanoTime() - t0) / 1e9);
  }
}
