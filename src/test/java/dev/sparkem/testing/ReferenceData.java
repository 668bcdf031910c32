package dev.sparkem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.data.DatasetReader;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.InputFormat;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The reference fits and data sets copied from the project's shared reference folder into
 * {@code src/test/resources/reference} (see its README there for where they came from).
 */
public final class ReferenceData {
  public static final Path ROOT = Path.of("src/test/resources/reference");

  private ReferenceData() {}

  public static JsonNode json(String name) {
    try {
      return new ObjectMapper().readTree(ROOT.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The first {@code d} columns of a data file of the reference folder: comma- or
   * whitespace-separated, with or without a header line.
   */
  public static double[][] firstColumns(String file, int d) {
    try {
      List<double[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(ROOT.resolve(file))) {
        String[] tokens = line.trim().split("[,\\s]+");
        if (line.isBlank() || !tokens[0].matches("[-+0-9.eE]+")) {
          continue;
        }
        double[] row = new double[d];
        for (int a = 0; a < d; a++) {
          row[a] = Double.parseDouble(tokens[a]);
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every number of a nested JSON array, row after row. */
  public static double[] flatten(JsonNode node) {
    if (!node.isArray()) {
      return new double[] {node.asDouble()};
    }
    java.util.stream.DoubleStream.Builder values = java.util.stream.DoubleStream.builder();
    for (JsonNode child : node) {
      for (double v : flatten(child)) {
        values.add(v);
      }
    }
    return values.build().toArray();
  }

  /**
   * The first d columns of a reference data file, packed and cached: CSV files go through the
   * jobs' own CSV reader; the whitespace-separated Spark example data is parsed here and spread
   * over 3 partitions.
   */
  public static PackedData pack(String file, int d) {
    if (!file.endsWith(".csv")) {
      return SharedSpark.pack(firstColumns(file, d), 3);
    }
    Dataset<Row> frame =
        DatasetReader.read(SharedSpark.session(), ROOT.resolve(file).toString(), InputFormat.CSV);
    List<String> columns = Arrays.asList(frame.columns()).subList(0, d);
    return PackedData.pack(frame, FeatureColumns.resolve(frame, columns, List.of()), null,
        Packing.DEFAULT.withStorage(StorageLevel.MEMORY_ONLY()));
  }

  public static double[] vector(JsonNode node) {
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).asDouble();
    }
    return v;
  }

  public static double[][] matrix(JsonNode node) {
    double[][] m = new double[node.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = vector(node.get(i));
    }
    return m;
  }

  public static double[][][] matrices(JsonNode node) {
    double[][][] m = new double[node.size()][][];
    for (int i = 0; i < m.length; i++) {
      m[i] = matrix(node.get(i));
    }
    return m;
  }
}
