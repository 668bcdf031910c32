package dev.sparkem.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a DataFrame hold the features, and the resulting row width. Either one column
 * of Spark ML vectors, or one or more scalar columns (numbers, or strings that parse as numbers,
 * as CSV gives). Immutable.
 */
public final class FeatureColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The column name used for vectors when no columns are named (LIBSVM, Spark ML). */
  public static final String DEFAULT_VECTOR_COLUMN = "features";

  private final List<String> names;
  private final boolean vector;
  private final int dimension;

  private FeatureColumns(List<String> names, boolean vector, int dimension) {
    this.names = List.copyOf(names);
    this.vector = vector;
    this.dimension = dimension;
  }

  /**
   * Resolves the feature columns of {@code data}.
   *
   * @param requested the names to use, or an empty list for the default: the vector column
   *     {@value #DEFAULT_VECTOR_COLUMN} if there is one, else every column except
   *     {@code excluded}
   * @param excluded columns that are never features (the weight column), may be empty
   * @throws InvalidDataException if a named column is missing or of a type that is not numeric,
   *     or if a vector column is mixed with others
   */
  public static FeatureColumns resolve(
      Dataset<Row> data, List<String> requested, List<String> excluded) {
    StructType schema = data.schema();
    List<String> names = new ArrayList<>(requested);
    if (names.isEmpty()) {
      if (Arrays.asList(schema.fieldNames()).contains(DEFAULT_VECTOR_COLUMN)
          && isVector(schema.apply(DEFAULT_VECTOR_COLUMN).dataType())) {
        names.add(DEFAULT_VECTOR_COLUMN);
      } else {
        for (String f : schema.fieldNames()) {
          if (!excluded.contains(f)) {
            names.add(f);
          }
        }
      }
    }
    if (names.isEmpty()) {
      throw new InvalidDataException("input has no feature columns (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
    for (String name : names) {
      if (!Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new InvalidDataException("feature column '" + name + "' is missing from the input "
            + "(columns found: " + String.join(", ", schema.fieldNames()) + ")");
      }
    }
    StructField first = schema.apply(names.get(0));
    if (names.size() == 1 && isVector(first.dataType())) {
      return new FeatureColumns(names, true, vectorWidth(data, first.name()));
    }
    for (String name : names) {
      DataType type = schema.apply(name).dataType();
      if (!(type instanceof NumericType) && !(type instanceof StringType)) {
        throw new InvalidDataException("feature column '" + name + "' has type "
            + type.simpleString() + ", expected a number (or one column of vectors)");
      }
    }
    return new FeatureColumns(names, false, names.size());
  }

  /**
   * Feature columns known in advance (from a fitted model): {@code names} with row width
   * {@code dimension}; checked against {@code data}'s schema only, so it runs no Spark job and
   * accepts empty input (a vector of another width fails when its row is read).
   */
  public static FeatureColumns expect(Dataset<Row> data, List<String> names, int dimension) {
    StructType schema = data.schema();
    if (names.size() == 1 && Arrays.asList(schema.fieldNames()).contains(names.get(0))
        && isVector(schema.apply(names.get(0)).dataType())) {
      return new FeatureColumns(names, true, dimension);
    }
    FeatureColumns found = resolve(data, names, List.of());
    if (found.dimension != dimension) {
      throw new InvalidDataException("found " + found.dimension + " feature columns "
          + names + ", expected " + dimension);
    }
    return found;
  }

  private static boolean isVector(DataType type) {
    return type.sameType(SQLDataTypes.VectorType());
  }

  private static int vectorWidth(Dataset<Row> data, String column) {
    List<Row> first = data.select(column).takeAsList(1);
    if (first.isEmpty()) {
      throw new InvalidDataException("input has no rows");
    }
    Object v = first.get(0).get(0);
    if (v == null) {
      throw new InvalidDataException("input row 0: column '" + column + "' is missing (null)");
    }
    return ((Vector) v).size();
  }

  /** The feature column names, in order. */
  public List<String> names() {
    return names;
  }

  /** True when the features are one column of Spark ML vectors. */
  public boolean isVector() {
    return vector;
  }

  /** The row width d. */
  public int dimension() {
    return dimension;
  }
}
