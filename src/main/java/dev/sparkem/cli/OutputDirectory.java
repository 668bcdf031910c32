package dev.sparkem.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output directory that appears whole or not at all, and replaces an existing one only when
 * asked. Everything is written into a hidden
 * staging directory beside the target ({@code .NAME.staging-UUID}); {@link #commit()} then moves
 * any previous result aside, renames the staging directory to the target and deletes the previous
 * result. A job that fails before the commit leaves the previous result untouched, and
 * {@link #close()} removes the staging directory. On HDFS each rename is atomic; on object stores
 * (s3a) renames are copies, so the window between the two renames is longer but the previous
 * result is still only deleted after the new one is in place.
 */
final class OutputDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputDirectory.class);

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;

  private OutputDirectory(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Prepares a staging directory for {@code location}; nothing is created yet.
   *
   * @param overwrite whether an existing directory at {@code location} may be replaced
   * @throws IllegalArgumentException if the target is a file, or exists and overwrite is false
   */
  static OutputDirectory prepare(SparkSession spark, String location, boolean overwrite) {
    Path target = new Path(location);
    FileSystem fs = HadoopFiles.fileSystem(spark, target);
    Path qualified = fs.makeQualified(target);
    try {
      if (fs.exists(qualified) && !fs.getFileStatus(qualified).isDirectory()) {
        throw new IllegalArgumentException(
            "--output '" + location + "' is a file, expected a directory (or a new path)");
      }
      if (fs.exists(qualified) && !overwrite) {
        throw new IllegalArgumentException(
            "--output '" + location + "' exists; pass --overwrite to replace it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect --output '" + location + "'", e);
    }
    Path staging = new Path(qualified.getParent(),
        "." + qualified.getName() + ".staging-" + UUID.randomUUID());
    return new OutputDirectory(fs, qualified, staging, overwrite);
  }

  /** The staging directory (does not exist until something is written into it). */
  Path staging() {
    return staging;
  }

  /** The final location. */
  Path target() {
    return target;
  }

  /** Writes a text file (UTF-8) into the staging directory. */
  void writeText(String name, String text) {
    writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file into the staging directory. */
  void writeBytes(String name, byte[] bytes) {
    try {
      fs.mkdirs(staging);
      HadoopFiles.writeBytes(fs, new Path(staging, name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write '" + name + "' under " + staging, e);
    }
  }

  /**
   * Replaces the target with the staging directory. A previous result that cannot be deleted
   * once the new one is in place is left beside it (hidden, named in a warning) rather than
   * failing the job.
   *
   * @throws IllegalArgumentException if the target appeared since {@link #prepare} and
   *     overwriting was not allowed
   * @throws UncheckedIOException if a rename fails; the previous result is then back in place
   */
  void commit() {
    Path previous = new Path(target.getParent(),
        "." + target.getName() + ".previous-" + UUID.randomUUID());
    boolean hadPrevious;
    try {
      hadPrevious = fs.exists(target);
      if (hadPrevious && !overwrite) {
        throw new IllegalArgumentException(
            "--output '" + target + "' appeared while the job ran; pass --overwrite to replace it");
      }
      if (hadPrevious && !fs.rename(target, previous)) {
        throw new IOException("cannot move the previous result " + target + " aside");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the output " + target, e);
    }
    try {
      if (!fs.rename(staging, target)) {
        throw new IOException("cannot rename " + staging + " to " + target);
      }
    } catch (IOException e) {
      if (hadPrevious) {
        restore(previous, e);
      }
      throw new UncheckedIOException("cannot commit the output " + target, e);
    }
    committed = true;
    if (hadPrevious) {
      try {
        fs.delete(previous, true);
      } catch (IOException e) {
        LOG.warn("the new result is in {}, but the previous one could not be deleted from {}: {}",
            target, previous, e.toString());
      }
    }
  }

  /** Moves the previous result back after a failed commit; says where it is if that fails. */
  private void restore(Path previous, IOException failure) {
    try {
      if (fs.rename(previous, target)) {
        return;
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    failure.addSuppressed(new IOException("the previous result could not be moved back to "
        + target + "; it is in " + previous));
  }

  /** Removes the staging directory unless it was committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the staging directory " + staging, e);
      }
    }
  }
}
