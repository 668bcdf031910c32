package dev.sparkem.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * DataFrames with one sequence per row in an array column: the blocks hold the same sequences,
 * weights and statistics as the in-memory builder; bad rows and columns are named.
 */
class SequenceFramesTest {
  private static final StructType SYMBOLS = new StructType()
      .add("x", DataTypes.createArrayType(DataTypes.IntegerType, true), true)
      .add("w", DataTypes.DoubleType, true);
  private static final StructType VECTORS = new StructType().add("x",
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, true), true), true);

  private static Dataset<Row> frame(List<Row> rows, StructType schema, int partitions) {
    return SharedSpark.session().createDataFrame(rows, schema).repartition(partitions);
  }

  private static double logLikelihood(JavaRDD<SequenceBlock> blocks, HmmParameters params) {
    HmmFamily family = new HmmFamily();
    return blocks.map(b -> family.accumulate(params, b, family.zero(params)))
        .collect().stream().mapToDouble(Double::doubleValue).sum();
  }

  @Test
  void categoricalArrayColumnGivesTheSameStatistics() {
    int[][] sequences = HmmFitTest.generate(HmmFitTest.TRUE_CATEGORICAL, 60, 12, 3L);
    List<Row> rows = new ArrayList<>();
    double[] weights = new double[sequences.length];
    for (int s = 0; s < sequences.length; s++) {
      weights[s] = 1 + s % 2;
      rows.add(RowFactory.create(Arrays.stream(sequences[s]).boxed().toArray(Integer[]::new),
          weights[s]));
    }
    JavaRDD<SequenceBlock> fromFrame =
        SequenceFrames.fromArrayColumn(frame(rows, SYMBOLS, 3), "x", "w", true);
    JavaRDD<SequenceBlock> direct = SequenceBlocks.categorical(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
            SharedSpark.session().sparkContext()), sequences, weights, 2);
    assertEquals(60, fromFrame.map(SequenceBlock::rows).reduce(Integer::sum));
    assertEquals(90.0, fromFrame.map(SequenceBlock::totalWeight).reduce(Double::sum), 1e-12);
    double a = logLikelihood(fromFrame, HmmFitTest.START);
    double b = logLikelihood(direct, HmmFitTest.START);
    assertEquals(b, a, 1e-10 * Math.abs(b));
    fromFrame.unpersist();
    direct.unpersist();
  }

  @Test
  void vectorArrayColumnIsRead() {
    List<Row> rows = List.of(
        RowFactory.create((Object) new Object[] {new Double[] {1.0, 2.0}, new Double[] {3.0, 4.0}}),
        RowFactory.create((Object) new Object[] {new Double[] {5.0, 6.0}}));
    JavaRDD<SequenceBlock> blocks =
        SequenceFrames.fromArrayColumn(frame(rows, VECTORS, 1), "x", null, false);
    List<SequenceBlock> list = blocks.collect();
    assertEquals(1, list.size());
    SequenceBlock block = list.get(0);
    assertEquals(2, block.dimension());
    assertEquals(3, block.length(0) + block.length(1));
    double sum = 0.0;
    for (int s = 0; s < 2; s++) {
      for (int t = 0; t < block.length(s); t++) {
        sum += block.value(s, t, 0) + block.value(s, t, 1);
      }
    }
    assertEquals(21.0, sum, 0.0);
    blocks.unpersist();
  }

  @Test
  void badRowsAndColumnsAreNamed() {
    List<Row> rows = List.of(RowFactory.create(new Integer[] {0, 1}, 1.0),
        RowFactory.create(new Integer[] {}, 1.0));
    SparkException empty = assertThrows(SparkException.class, () -> SequenceFrames
        .fromArrayColumn(frame(rows, SYMBOLS, 1), "x", "w", true).count());
    assertTrue(String.valueOf(empty.getCause()).contains("sequence 1 is empty"),
        String.valueOf(empty.getCause()));
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> SequenceFrames.fromArrayColumn(frame(rows, SYMBOLS, 1), "w", null, false));
    assertTrue(type.getMessage().contains("column w has type double"), type.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SequenceFrames.fromArrayColumn(frame(rows, SYMBOLS, 1), "y", null, true));
    assertTrue(missing.getMessage().contains("column y not found"), missing.getMessage());
  }
}
