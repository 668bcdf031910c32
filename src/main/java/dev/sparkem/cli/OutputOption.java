package dev.sparkem.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The {@code --output} option of every job, and its atomic output directory. */
final class OutputOption {
  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Output directory (replaced as a whole when the job succeeds).")
  String output;

  /** A staging directory that {@link OutputDirectory#commit()} renames to {@code --output}. */
  OutputDirectory prepare(SparkSession spark) {
    return OutputDirectory.prepare(spark, output);
  }
}
