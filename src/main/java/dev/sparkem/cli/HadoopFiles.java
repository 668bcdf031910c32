package dev.sparkem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/** Small text files (model files) on any Hadoop file system, with Spark's Hadoop settings. */
final class HadoopFiles {
  private HadoopFiles() {}

  static FileSystem fileSystem(SparkSession spark, Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of '" + path + "'", e);
    }
  }

  /**
   * Reads a whole text file.
   *
   * @throws IllegalArgumentException if it does not exist, is a directory or cannot be read
   */
  static String readText(SparkSession spark, String location) {
    Path path = new Path(location);
    FileSystem fs = fileSystem(spark, path);
    try {
      if (!fs.exists(path) || fs.getFileStatus(path).isDirectory()) {
        throw new IllegalArgumentException(
            "'" + location + "' " + (fs.exists(path) ? "is a directory" : "does not exist")
                + ", expected a file");
      }
      try (InputStream in = fs.open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read '" + location + "': " + e.getMessage(), e);
    }
  }

  /**
   * The files under {@code location} (a file, a directory read recursively, or a glob) in one
   * line: their number, total size and newest modification time, e.g. {@code "3 files, 10240
   * bytes, newest modified 2026-12-02T01:00:00Z"}; {@code "missing"} when nothing matches. It
   * changes when the data does, so checkpoints can tell whether they belong to it.
   */
  static String describeFiles(SparkSession spark, String location) {
    Path path = new Path(location);
    FileSystem fs = fileSystem(spark, path);
    try {
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        return "missing";
      }
      long files = 0;
      long bytes = 0;
      long newest = 0;
      for (FileStatus match : matches) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus file = it.next();
          files++;
          bytes += file.getLen();
          newest = Math.max(newest, file.getModificationTime());
        }
      }
      return files + " files, " + bytes + " bytes, newest modified "
          + Instant.ofEpochMilli(newest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of '" + location + "'", e);
    }
  }

  /** Writes {@code bytes} to a new file {@code path}. */
  static void writeBytes(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
    }
  }
}
