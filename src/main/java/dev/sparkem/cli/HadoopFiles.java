package dev.sparkem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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

  /** Writes {@code bytes} to a new file {@code path}. */
  static void writeBytes(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
    }
  }
}
