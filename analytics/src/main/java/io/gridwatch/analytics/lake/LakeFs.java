package io.gridwatch.analytics.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Hadoop FileSystem helpers for the lake (works for local paths, hdfs:// and s3a://). */
public final class LakeFs {
  private LakeFs() {}

  /** {@code <parent>/<name>} for a lake path or URI. */
  public static String child(String parent, String name) {
    return parent.endsWith("/") ? parent + name : parent + "/" + name;
  }

  /** The Hadoop configuration of the session. */
  public static Configuration conf(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** True when {@code path} is a folder holding at least one visible data file (recursively). */
  public static boolean hasData(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf(spark));
      return fs.exists(p) && hasVisibleFile(fs, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static boolean hasVisibleFile(FileSystem fs, Path dir) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        continue;
      }
      if (s.isFile() ? n.endsWith(".parquet") : hasVisibleFile(fs, s.getPath())) {
        return true;
      }
    }
    return false;
  }

  /** Names of the visible sub-folders of {@code path} (empty when it does not exist), sorted. */
  public static List<String> subfolders(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf(spark));
      List<String> out = new ArrayList<>();
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        String n = s.getPath().getName();
        if (s.isDirectory() && !n.startsWith("_") && !n.startsWith(".")) {
          out.add(n);
        }
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }

  /**
   * Writes {@code df} as Parquet to {@code target}, replacing it: the data goes to a hidden {@code
   * _tmp_} sibling first and is renamed into place, so readers never see a partial mart.
   */
  public static void replaceParquet(Dataset<Row> df, String target) {
    Path t = new Path(target);
    String id = UUID.randomUUID().toString();
    Path tmp = new Path(t.getParent(), "_tmp_" + t.getName() + "_" + id);
    Path old = new Path(t.getParent(), "_old_" + t.getName() + "_" + id);
    df.write().mode(SaveMode.Overwrite).parquet(tmp.toString());
    try {
      FileSystem fs = t.getFileSystem(conf(df.sparkSession()));
      boolean hadOld = fs.exists(t);
      if (hadOld && !fs.rename(t, old)) {
        throw new IOException("rename failed: " + t + " -> " + old);
      }
      if (!fs.rename(tmp, t)) {
        if (hadOld) {
          fs.rename(old, t);
        }
        throw new IOException("rename failed: " + tmp + " -> " + t);
      }
      if (hadOld) {
        fs.delete(old, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + target, e);
    }
  }
}
