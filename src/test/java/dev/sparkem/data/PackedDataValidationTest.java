package dev.sparkem.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkem.testing.Frames;
import dev.sparkem.testing.SharedSpark;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad DataFrames through {@link FeatureColumns} and {@link PackedData#pack}: an
 * {@link InvalidDataException} whose message names the row (within its partition), the column,
 * the value found and what was expected, and no cached blocks left behind.
 */
class PackedDataValidationTest {
  /** x0, x1, w: six rows in two partitions (rows 0–2 and 3–5), row 4 replaced by {@code bad}. */
  private static Dataset<Row> frame(Object[] bad) {
    Object[][] rows = new Object[6][];
    for (int i = 0; i < 6; i++) {
      rows[i] = i == 4 ? bad : new Object[] {1.0 * i, 2.0 * i, 1.0};
    }
    return Frames.of(SharedSpark.doubles("x0", "x1", "w"), 2, rows);
  }

  private static PackedData pack(Dataset<Row> data, List<String> features, String weight) {
    return PackedData.pack(data, FeatureColumns.resolve(data, features, List.of("w")), weight,
        Packing.DEFAULT.withStorage(StorageLevel.MEMORY_ONLY()));
  }

  private static Set<Integer> cachedRdds() {
    return new TreeSet<>(JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext())
        .getPersistentRDDs().keySet());
  }

  /** Asserts the exact message, and that a failed pack leaves no cached blocks behind. */
  private static void assertRejected(String message, Executable packing) {
    Set<Integer> before = cachedRdds();
    InvalidDataException e = assertThrows(InvalidDataException.class, packing);
    assertEquals(message, e.getMessage());
    assertEquals(before, cachedRdds(), "cached RDDs after a failed pack");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteFeatureIsNamedWithItsRow(double value) {
    assertRejected("input row 1 of partition 1: column 'x1' is " + value
        + ", expected a finite number",
        () -> pack(frame(new Object[] {4.0, value, 1.0}), List.of("x0", "x1"), null));
  }

  @Test
  void missingFeatureValueIsNamed() {
    assertRejected("input row 1 of partition 1: column 'x0' is missing (null)",
        () -> pack(frame(new Object[] {null, 8.0, 1.0}), List.of("x0", "x1"), null));
  }

  @Test
  void nonNumericStringIsQuoted() {
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("s", DataTypes.StringType, true),
        DataTypes.createStructField("x1", DataTypes.DoubleType, true)));
    Dataset<Row> data = Frames.of(schema, 1, new Object[] {" 2.5 ", 1.0},
        new Object[] {"12abc", 1.0});
    assertRejected("input row 1 of partition 0: column 's' is '12abc', expected a number",
        () -> pack(data, List.of(), null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {-2.0, Double.NaN, Double.POSITIVE_INFINITY})
  void badWeightIsNamed(double weight) {
    assertRejected("input row 1 of partition 1: weight column 'w' is " + weight
        + ", expected a finite number >= 0",
        () -> pack(frame(new Object[] {4.0, 8.0, weight}), List.of(), "w"));
  }

  @Test
  void zeroTotalWeightIsRejected() {
    Dataset<Row> data = Frames.weighted(new double[][] {{1, 2}, {3, 4}}, new double[2], 1);
    assertRejected("total weight of the input is 0.0, expected a positive number",
        () -> pack(data, List.of(), "w"));
  }

  @Test
  void missingWeightColumnIsNamed() {
    Dataset<Row> data = SharedSpark.frame(new double[][] {{1, 2}}, 1);
    assertRejected("weight column 'w' is missing from the input (columns found: x0, x1)",
        () -> pack(data, List.of(), "w"));
  }

  @Test
  void emptyInputIsRejected() {
    Dataset<Row> empty = Frames.of(SharedSpark.doubles("x0", "x1"), 2);
    assertRejected("input has no rows", () -> pack(empty, List.of(), null));
  }

  @Test
  void missingOrNonNumericColumnsAreNamed() {
    Dataset<Row> data = SharedSpark.frame(new double[][] {{1, 2}}, 1);
    assertRejected("feature column 'zz' is missing from the input (columns found: x0, x1)",
        () -> FeatureColumns.resolve(data, List.of("x0", "zz"), List.of()));
    StructType schema = SharedSpark.doubles("x0").add("flag", DataTypes.BooleanType);
    Dataset<Row> flags = Frames.of(schema, 1, new Object[] {1.0, true});
    assertRejected("feature column 'flag' has type boolean, expected a number (or one column "
        + "of vectors)", () -> FeatureColumns.resolve(flags, List.of(), List.of()));
    Dataset<Row> onlyWeight = Frames.of(SharedSpark.doubles("w"), 1, new Object[] {1.0});
    assertRejected("input has no feature columns (columns: w)",
        () -> FeatureColumns.resolve(onlyWeight, List.of(), List.of("w")));
    assertRejected("found 2 feature columns [x0, x1], expected 3",
        () -> FeatureColumns.expect(data, List.of("x0", "x1"), 3));
  }

  private static Dataset<Row> vectors(Vector... rows) {
    StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField(
        FeatureColumns.DEFAULT_VECTOR_COLUMN, SQLDataTypes.VectorType(), true)));
    Object[][] cells = new Object[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      cells[i] = new Object[] {rows[i]};
    }
    return Frames.of(schema, 1, cells);
  }

  @Test
  void vectorOfTheWrongWidthIsNamed() {
    Dataset<Row> data = vectors(Vectors.dense(1, 2), Vectors.dense(3, 4),
        Vectors.dense(5, 6, 7));
    FeatureColumns features = FeatureColumns.resolve(data, List.of(), List.of());
    assertEquals(2, features.dimension(), "width of the first row");
    assertRejected("input row 2 of partition 0: column 'features' has 3 values, expected 2",
        () -> pack(data, List.of(), null));
    Dataset<Row> narrow = vectors(Vectors.dense(1, 2));
    assertRejected("input row 0 of partition 0: column 'features' has 2 values, expected 3",
        () -> PackedData.pack(narrow, FeatureColumns.expect(narrow, List.of("features"), 3),
            null, Packing.DEFAULT.withStorage(StorageLevel.MEMORY_ONLY())));
    assertRejected("input has no rows", () -> pack(vectors(), List.of(), null));
    Dataset<Row> mixed = vectors(Vectors.dense(1, 2)).withColumn("x0", functions.lit(1.0));
    assertRejected("feature column 'features' has type vector, expected a number (or one column "
        + "of vectors)",
        () -> FeatureColumns.resolve(mixed, List.of("features", "x0"), List.of()));
  }

  @Test
  void nonFiniteVectorEntryIsNamedWithItsIndex() {
    assertRejected("input row 1 of partition 0: column 'features[1]' is NaN, expected a finite "
        + "number", () -> pack(vectors(Vectors.dense(1, 2), Vectors.dense(1, Double.NaN)),
            List.of(), null));
    assertRejected("input row 0 of partition 0: column 'features[4]' is -Infinity, expected a "
        + "finite number", () -> pack(vectors(Vectors.sparse(6, new int[] {1, 4},
            new double[] {2, Double.NEGATIVE_INFINITY})), List.of(), null));
  }
}
