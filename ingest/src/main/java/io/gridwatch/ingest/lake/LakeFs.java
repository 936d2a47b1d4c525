package io.gridwatch.ingest.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The lake root on a Hadoop {@link FileSystem} (local paths, {@code file:}, {@code hdfs://}, {@code
 * s3a://}). Local lakes use the raw local file system so that no {@code .crc} side files appear.
 * All paths handed in and out are relative to the lake root unless stated otherwise.
 */
public final class LakeFs {
  private final Configuration conf;
  private final FileSystem fs;
  private final Path root;

  private LakeFs(Configuration conf, FileSystem fs, Path root) {
    this.conf = conf;
    this.fs = fs;
    this.root = root;
  }

  /** Opens the lake at a path or Hadoop URI; the folder need not exist yet. */
  public static LakeFs open(String lake) throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    Path raw = new Path(lake);
    FileSystem fs = raw.getFileSystem(conf);
    return new LakeFs(conf, fs, fs.makeQualified(raw));
  }

  /** The Hadoop configuration used for every reader and writer of this lake. */
  public Configuration conf() {
    return conf;
  }

  /** The qualified lake root. */
  public Path root() {
    return root;
  }

  /** The absolute path of a lake-relative path ({@code ""} is the root). */
  public Path path(String relative) {
    return relative.isEmpty() ? root : new Path(root, relative);
  }

  /** True when the lake-relative path exists. */
  public boolean exists(String relative) throws IOException {
    return fs.exists(path(relative));
  }

  /**
   * Visible Parquet files directly inside a lake-relative folder (names not starting with {@code _}
   * or {@code .}), sorted by name; empty when the folder is missing.
   */
  public List<String> parquetFiles(String folder) throws IOException {
    List<String> out = new ArrayList<>();
    for (FileStatus st : list(folder)) {
      String n = st.getPath().getName();
      if (st.isFile() && n.endsWith(".parquet") && !n.startsWith("_") && !n.startsWith(".")) {
        out.add(join(folder, n));
      }
    }
    return out;
  }

  /** Visible sub-folders directly inside a lake-relative folder, sorted by name. */
  public List<String> folders(String folder) throws IOException {
    List<String> out = new ArrayList<>();
    for (FileStatus st : list(folder)) {
      String n = st.getPath().getName();
      if (st.isDirectory() && !n.startsWith("_") && !n.startsWith(".")) {
        out.add(join(folder, n));
      }
    }
    return out;
  }

  /** Every entry directly inside a lake-relative folder (including hidden), sorted by name. */
  public List<FileStatus> list(String folder) throws IOException {
    Path p = path(folder);
    if (!fs.exists(p)) {
      return List.of();
    }
    List<FileStatus> all = new ArrayList<>(List.of(fs.listStatus(p)));
    all.sort(Comparator.comparing(s -> s.getPath().getName()));
    return all;
  }

  /** Moves a file; creates the target's parent; returns false when the source is missing. */
  public boolean rename(String from, String to) throws IOException {
    Path src = path(from);
    if (!fs.exists(src)) {
      return false;
    }
    Path dst = path(to);
    fs.mkdirs(dst.getParent());
    if (!fs.rename(src, dst)) {
      throw new IOException("rename failed: " + src + " -> " + dst);
    }
    return true;
  }

  /** Deletes a file or folder recursively if it exists. */
  public void delete(String relative) throws IOException {
    Path p = path(relative);
    if (fs.exists(p)) {
      fs.delete(p, true);
    }
  }

  /** Creates (or overwrites) a lake-relative file for streaming output; creates its parent. */
  public OutputStream createFile(String relative) throws IOException {
    return fs.create(path(relative), true);
  }

  /** Opens a lake-relative file for streaming input. */
  public InputStream openFile(String relative) throws IOException {
    return fs.open(path(relative));
  }

  /** Writes a small UTF-8 text file atomically (temporary sibling, then rename). */
  public void writeAtomically(String relative, String text) throws IOException {
    Path target = path(relative);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    fs.mkdirs(target.getParent());
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("rename failed: " + tmp + " -> " + target);
    }
  }

  /** Reads a small UTF-8 text file. */
  public String readText(String relative) throws IOException {
    try (InputStream in = fs.open(path(relative))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Joins lake-relative path segments with {@code /}. */
  public static String join(String folder, String name) {
    return folder.isEmpty() ? name : folder + "/" + name;
  }
}
