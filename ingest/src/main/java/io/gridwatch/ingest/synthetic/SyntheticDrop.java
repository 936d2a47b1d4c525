package io.gridwatch.ingest.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Deterministic synthetic source drop (data-contract.md §1) for a fictitious but realistic 资阳高新区:
 * grids, workers, enterprises, monthly patrols (GCJ-02) and every side table for 2025-01..2025-12.
 * The same seed and scale always give byte-identical files.
 */
public final class SyntheticDrop {
  private SyntheticDrop() {}

  /**
   * Writes a source drop into {@code outDir} (created if needed; files of the same names are
   * overwritten) and returns the row counts.
   *
   * @param outDir target folder
   * @param seed random seed; same seed + scale → byte-identical drop
   * @param scale size preset
   * @param boundaryGeoJson DataV district boundaries in GCJ-02, or null for the bundled copy
   */
  public static Summary generate(Path outDir, long seed, Scale scale, Path boundaryGeoJson)
      throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(outDir);
    Map<String, Geometry> districts = ZoneTiler.readDistricts(boundaryGeoJson);
    Geometry zone = ZoneTiler.zoneOf(districts, scale);
    Layout layout = ZoneTiler.tile(zone, scale, seed);
    World world = new World(seed, scale, layout);

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("grids", DropFiles.grids(outDir.resolve("grids.geojson"), layout.grids()));
    counts.put("workers", DropFiles.workers(outDir.resolve("workers.csv"), world.workers));
    SideTables side = new SideTables(world);
    counts.put("assignments", side.assignments(outDir));
    counts.put(
        "enterprises", DropFiles.enterprises(outDir.resolve("enterprises.csv"), world.enterprises));
    counts.put("patrols", new PatrolGen(world).write(outDir.resolve("patrols")));
    counts.put("spot_checks", side.spotChecks(outDir));
    counts.put("incidents", side.incidents(outDir));
    long[] panel = side.panelScores(outDir);
    counts.put("info_scores", panel[0]);
    counts.put("assist_scores", panel[1]);
    counts.put("info_uploads", side.uploads(outDir));
    counts.put("town_scores", side.townScores(outDir));
    counts.put("training", side.training(outDir));
    DropFiles.manifest(outDir.resolve("manifest.json"));
    return new Summary(counts, (System.nanoTime() - t0) / 1_000_000);
  }
}
