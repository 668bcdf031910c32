package dev.sparkem.cli;

import dev.sparkem.data.DatasetReader;
import dev.sparkem.data.InputFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The input options shared by the jobs that read data. */
final class InputOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "Input path on any Hadoop file system (file://, hdfs://, s3a://, or local).")
  String input;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "parquet, csv (with a header line) or libsvm. Default: csv for a path ending "
          + "in .csv, libsvm for .libsvm or .svm, else parquet.")
  String format;

  @Option(names = "--features", split = ",", paramLabel = "COLUMN",
      description = "Feature columns, comma-separated (or one vector column). Default: the "
          + "'features' vector column if there is one, else every column.")
  List<String> features = new ArrayList<>();

  @Option(names = "--partitions", paramLabel = "N",
      description = "Repartition the input into N partitions (default: as read).")
  Integer partitions;

  @Option(names = "--num-features", paramLabel = "N",
      description = "libsvm only: the vector width (default: the largest index found in the "
          + "input, as Spark infers it; predict takes the model's width).")
  Integer numFeatures;

  /** The format named by {@code --format}, or the one the path's extension suggests. */
  InputFormat format() {
    if (format != null) {
      return InputFormat.parse(format);
    }
    String path = input.toLowerCase(Locale.ROOT);
    if (path.endsWith(".csv")) {
      return InputFormat.CSV;
    }
    if (path.endsWith(".libsvm") || path.endsWith(".svm")) {
      return InputFormat.LIBSVM;
    }
    return InputFormat.PARQUET;
  }

  /** Reads the input, repartitioned when asked. */
  Dataset<Row> read(SparkSession spark) {
    return read(spark, null);
  }

  /**
   * Reads the input, repartitioned when asked; LIBSVM vectors get {@code --num-features}, else
   * {@code defaultWidth} (when not {@code null}), else the width Spark infers.
   */
  Dataset<Row> read(SparkSession spark, Integer defaultWidth) {
    InputFormat format = format();
    if (numFeatures != null && (format != InputFormat.LIBSVM || numFeatures < 1)) {
      throw new IllegalArgumentException("--num-features is " + numFeatures + ", expected a "
          + "width >= 1 for libsvm input (the input is read as " + format + ")");
    }
    Integer width = numFeatures != null ? numFeatures
        : format == InputFormat.LIBSVM ? defaultWidth : null;
    Dataset<Row> data = DatasetReader.read(spark, input, format, width);
    if (partitions != null) {
      if (partitions < 1) {
        throw new IllegalArgumentException("--partitions is " + partitions + ", expected >= 1");
      }
      data = data.repartition(partitions);
    }
    return data;
  }
}
