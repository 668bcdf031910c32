package dev.sparkem.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The {@code --output} and {@code --overwrite} options of every job. */
final class OutputOption {
  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Output directory; it appears whole when the job succeeds, or not at all.")
  String output;

  @Option(names = "--overwrite", arity = "0..1", paramLabel = "true|false",
      description = "Replace an existing --output (only once the job has succeeded).")
  boolean overwrite;

  /**
   * A staging directory that {@link OutputDirectory#commit()} renames to {@code --output}.
   *
   * @throws IllegalArgumentException if {@code --output} exists and {@code --overwrite} is not set
   */
  OutputDirectory prepare(SparkSession spark) {
    return OutputDirectory.prepare(spark, output, overwrite);
  }
}
