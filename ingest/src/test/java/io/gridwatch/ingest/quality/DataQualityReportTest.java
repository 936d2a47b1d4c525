package io.gridwatch.ingest.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.lake.LakeSchema;
import io.gridwatch.ingest.IngestConfig;
import io.gridwatch.ingest.IngestJob;
import io.gridwatch.ingest.lake.LakeFs;
import io.gridwatch.ingest.lake.ParquetRows;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-quality findings of the basic + full fixture lake, exactly. */
class DataQualityReportTest {
  @TempDir Path tmp;

  @Test
  void findingsAreExactAndTheMartIsWrittenAtomically() throws Exception {
    Path drop = tmp.resolve("drop");
    copy(fixture("basic"), drop);
    copy(fixture("full"), drop);
    Files.createDirectories(drop.resolve("enterprises"));
    // inside the grids' extent + margin, but east of every grid
    Files.writeString(
        drop.resolve("enterprises/outside.csv"),
        "enterprise_id,name,lon,lat,registered_on\nE201,网格外企业,104.625,30.105,2020-01-01\n",
        StandardCharsets.UTF_8);
    Path lake = tmp.resolve("lake");
    IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    // a worker whose grid is not in the layout (as after a layout change): written directly
    LakeFs fs = LakeFs.open(lake.toString());
    ParquetRows.writeAll(
        fs,
        "workers/part-00001-extra.parquet",
        LakeSchema.WORKERS.columns(),
        List.<Object[]>of(
            new Object[] {
              "W404",
              "王五",
              "parttime",
              "G404",
              "雁江镇",
              "东街社区",
              null,
              LocalDate.of(2024, 1, 1),
              null,
              null,
              "station_manager"
            }));

    // a grid nobody works in (village 北村, far east of the others)
    ParquetRows.writeAll(
        fs,
        "grids/part-00001-extra.parquet",
        LakeSchema.GRIDS.columns(),
        List.<Object[]>of(
            new Object[] {
              "G005",
              "北村网格",
              "village",
              "雁江镇",
              "北村",
              1,
              io.gridwatch.core.geo.Geometries.toWkb(
                  io.gridwatch.core.geo.Geometries.FACTORY.toGeometry(
                      new org.locationtech.jts.geom.Envelope(104.70, 104.71, 30.10, 30.11)))
            }));

    List<Finding> f = DataQualityReport.run(lake.toString());
    System.out.print(DataQualityReport.render(f));
    assertThat(f)
        .extracting(x -> x.check() + " " + x.table() + " " + x.key())
        .containsExactly(
            "enterprise_outside_grids enterprises E201",
            "grid_without_worker grids G005",
            "worker_grid_missing workers W404",
            "exclusive_not_enterprise_grid assignments W001|2025-01-01",
            "missing_info_score info_scores W001|2025-04",
            "missing_assist_score assist_scores W001|2025-04",
            "town_subcenter_heads workers 雁江镇",
            "community_station_managers workers 雁江镇/北村",
            "community_station_managers workers 雁江镇/西村");
    assertThat(f.get(0).detail()).contains("104.625");

    String run = DataQualityReport.write(lake.toString(), f);
    List<Object[]> mart =
        ParquetRows.readFolder(fs, "marts/data_quality", DataQualityReport.COLUMNS);
    assertThat(mart).hasSize(f.size());
    assertThat(mart.get(0))
        .containsExactly("enterprises", "E201", "enterprise_outside_grids", f.get(0).detail());
    assertThat(fs.parquetFiles("marts/data_quality")).singleElement().asString().contains(run);
    assertThat(lake.resolve("_staging")).doesNotExist();
    // rewriting replaces (never appends)
    DataQualityReport.write(lake.toString(), f.subList(0, 2));
    assertThat(ParquetRows.readFolder(fs, "marts/data_quality", DataQualityReport.COLUMNS))
        .hasSize(2);
    assertThat(DataQualityReport.render(f))
        .contains("数据质量报告 / data-quality report")
        .contains("grid_without_worker")
        .contains("网格无网格员 / grid without a worker");
  }

  @Test
  void spotChecksMustBeMinOfTenAndTheGridsEnterprises() throws Exception {
    Path drop = tmp.resolve("drop");
    copy(fixture("basic"), drop);
    StringBuilder ents = new StringBuilder("enterprise_id,name,lon,lat,registered_on\n");
    StringBuilder spot =
        new StringBuilder("check_id,month,grid_id,enterprise_id,knows_worker,checked_on\n");
    for (int i = 0; i < 12; i++) {
      ents.append(
          String.format("E3%02d,企业%d,%.4f,30.105,2020-01-01%n", i, i, 104.6005 + i * 0.0008));
      if (i < 9) {
        spot.append(String.format("S1,2025-03,G001,E3%02d,是,2025-03-20%n", i));
      }
    }
    Files.createDirectories(drop.resolve("enterprises"));
    Files.writeString(drop.resolve("enterprises/more.csv"), ents, StandardCharsets.UTF_8);
    Files.writeString(drop.resolve("spot_checks.csv"), spot, StandardCharsets.UTF_8);
    Path lake = tmp.resolve("lake");
    IngestJob.run(new IngestConfig(drop, lake.toString(), Map.of(), Map.of(), false));
    List<Finding> f = DataQualityReport.run(lake.toString());
    assertThat(f)
        .filteredOn(x -> x.check().equals("spot_check_sample_size"))
        .extracting(x -> x.key() + " " + x.detail())
        .containsExactly("G001|2025-03 抽查 9 家，应为 10 家（min(10, 企业 13)）/ 9 checked, expected 10");
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(DataQualityReportTest.class.getResource("/drops/" + name).toURI());
  }

  private static void copy(Path src, Path target) throws IOException {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = target.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
