package dev.sparkem.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a path on any Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://} or a
 * plain local path) as a DataFrame. CSV is read with its header and every value as a string (no
 * schema-inference pass over big data; values are parsed while packing), and in FAILFAST mode so
 * a row with the wrong number of fields is an error, not a silent null.
 */
public final class DatasetReader {
  private DatasetReader() {}

  /**
   * @throws InvalidDataException if the path does not exist or cannot be read in that format
   */
  public static Dataset<Row> read(SparkSession spark, String path, InputFormat format) {
    return read(spark, path, format, null);
  }

  /**
   * Like {@link #read(SparkSession, String, InputFormat)}, with LIBSVM vectors of
   * {@code libsvmWidth} entries ({@code null}: the largest index found, which is narrower than
   * the vocabulary when its last words never occur). A LIBSVM index above the width is an error
   * when the rows are read.
   */
  public static Dataset<Row> read(SparkSession spark, String path, InputFormat format,
      Integer libsvmWidth) {
    try {
      return switch (format) {
        case PARQUET -> spark.read().parquet(path);
        case CSV -> spark.read().option("header", "true").option("mode", "FAILFAST").csv(path);
        case LIBSVM -> libsvmWidth == null ? spark.read().format("libsvm").load(path)
            : spark.read().format("libsvm").option("numFeatures", libsvmWidth).load(path);
      };
    } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
      throw new InvalidDataException(
          "cannot read input '" + path + "' as " + format + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * The error a user should see when a Spark job that reads the input failed: the
   * {@link InvalidDataException} a task threw (Spark wraps it in a job failure), else the root
   * cause's message (a malformed record, an unreadable file) after {@code what}, as an
   * {@link InvalidDataException}.
   */
  public static InvalidDataException readFailure(String what, Exception failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidDataException) {
        return (InvalidDataException) t;
      }
      root = t;
    }
    String detail = firstLine(root.getMessage());
    if (root != failure) {
      detail += " (" + firstLine(failure.getMessage()) + ")";
    }
    return new InvalidDataException(what + ": " + detail, failure);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
