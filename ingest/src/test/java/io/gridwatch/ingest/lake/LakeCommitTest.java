package io.gridwatch.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.core.lake.LakeSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeCommitTest {
  @TempDir Path tmp;

  private static void write(LakeFs fs, String file, String id) throws IOException {
    ParquetRows.writeAll(
        fs,
        file,
        LakeSchema.LAYOUTS.columns().subList(0, 2),
        List.<Object[]>of(new Object[] {1, id}));
  }

  @Test
  void commitMovesStagedFilesAndDeletesReplacedOnes() throws IOException {
    LakeFs fs = LakeFs.open(tmp.toString());
    write(fs, "t/part-old.parquet", "old");
    LakeCommit c = new LakeCommit(fs, "run1");
    write(fs, c.stage("t/part-new.parquet"), "new");
    c.deleteOnCommit("t/part-old.parquet");
    assertThat(fs.parquetFiles("t")).containsExactly("t/part-old.parquet");
    c.commit();
    assertThat(fs.parquetFiles("t")).containsExactly("t/part-new.parquet");
    assertThat(tmp.resolve("_staging")).doesNotExist();
  }

  @Test
  void recoverRollsAJournaledRunForward() throws IOException {
    LakeFs fs = LakeFs.open(tmp.toString());
    write(fs, "t/part-old.parquet", "old");
    LakeCommit c = new LakeCommit(fs, "run2");
    write(fs, c.stage("t/part-a.parquet"), "a");
    write(fs, c.stage("u/part-b.parquet"), "b");
    c.deleteOnCommit("t/part-old.parquet");
    // simulate a crash after the commit point and after the first rename
    fs.writeAtomically(
        "_staging/run2.commit",
        "R\t_staging/run2/t/part-a.parquet\tt/part-a.parquet\n"
            + "R\t_staging/run2/u/part-b.parquet\tu/part-b.parquet\n"
            + "D\tt/part-old.parquet\n");
    fs.rename("_staging/run2/t/part-a.parquet", "t/part-a.parquet");

    LakeCommit.recover(tmp.toString());
    assertThat(fs.parquetFiles("t")).containsExactly("t/part-a.parquet");
    assertThat(fs.parquetFiles("u")).containsExactly("u/part-b.parquet");
    assertThat(tmp.resolve("_staging")).doesNotExist();
  }

  @Test
  void recoverDropsUnjournaledStaging() throws IOException {
    LakeFs fs = LakeFs.open(tmp.toString());
    write(fs, "t/part-old.parquet", "old");
    LakeCommit c = new LakeCommit(fs, "run3");
    write(fs, c.stage("t/part-new.parquet"), "new");
    c.deleteOnCommit("t/part-old.parquet");
    Files.writeString(tmp.resolve("_staging/.run3.commit.tmp"), "R\tx\ty\n");

    LakeCommit.recover(tmp.toString());
    assertThat(fs.parquetFiles("t")).containsExactly("t/part-old.parquet");
    assertThat(tmp.resolve("_staging")).doesNotExist();
  }
}
