package dev.sparkem.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/** The schema checks of {@code transformSchema}, shared by the estimator and the model. */
final class Schemas {
  private Schemas() {}

  /**
   * The input schema plus the output columns whose names are not empty.
   *
   * @throws IllegalArgumentException if the features column is missing or not of vectors, or an
   *     output column exists already or two outputs share a name
   */
  static StructType output(StructType schema, MixtureParams params) {
    requireVectors(schema, params.getFeaturesCol());
    List<String> names = new ArrayList<>();
    StructType out = schema;
    String[][] outputs = {
        {"predictionCol", params.getPredictionCol()},
        {"probabilityCol", params.getProbabilityCol()},
        {"logLikelihoodCol", params.getLogLikelihoodCol()}};
    DataType[] types = {DataTypes.IntegerType, SQLDataTypes.VectorType(), DataTypes.DoubleType};
    for (int i = 0; i < outputs.length; i++) {
      String param = outputs[i][0];
      String name = outputs[i][1];
      if (name.isEmpty()) {
        continue;
      }
      if (has(schema, name)) {
        throw new IllegalArgumentException(param + " is '" + name + "', but the input already "
            + "has a column of that name (columns: " + String.join(", ", schema.fieldNames())
            + ")");
      }
      if (names.contains(name)) {
        throw new IllegalArgumentException(
            param + " is '" + name + "', the same name as another output column");
      }
      names.add(name);
      out = out.add(name, types[i], false);
    }
    return out;
  }

  /** @throws IllegalArgumentException if {@code column} is missing or not a vector column */
  static void requireVectors(StructType schema, String column) {
    DataType type = type(schema, column, "featuresCol");
    if (!type.sameType(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("featuresCol '" + column + "' has type "
          + type.simpleString() + ", expected vectors (assemble numeric columns with "
          + "VectorAssembler)");
    }
  }

  /** @throws IllegalArgumentException if {@code column} is missing or not numeric */
  static void requireNumbers(StructType schema, String column) {
    DataType type = type(schema, column, "weightCol");
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException("weightCol '" + column + "' has type "
          + type.simpleString() + ", expected a number");
    }
  }

  private static DataType type(StructType schema, String column, String param) {
    if (!has(schema, column)) {
      throw new IllegalArgumentException(param + " '" + column + "' is missing from the input "
          + "(columns: " + String.join(", ", schema.fieldNames()) + ")");
    }
    return schema.apply(column).dataType();
  }

  private static boolean has(StructType schema, String column) {
    return Arrays.asList(schema.fieldNames()).contains(column);
  }
}
