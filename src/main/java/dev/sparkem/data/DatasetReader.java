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
    try {
      return switch (format) {
        case PARQUET -> spark.read().parquet(path);
        case CSV -> spark.read().option("header", "true").option("mode", "FAILFAST").csv(path);
        case LIBSVM -> spark.read().format("libsvm").load(path);
      };
    } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
      throw new InvalidDataException(
          "cannot read input '" + path + "' as " + format + ": " + firstLine(e.getMessage()), e);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
