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
 * DataFrames of sequences in the array layout (one sequence per row) and the long layout (one
 * observation per row, by id and position; shuffled, or presorted without a shuffle): the blocks
 * hold the same sequences, weights and statistics as the in-memory builder; bad rows and columns
 * are named by sequence id and position.
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

  private static final StructType LONG = new StructType().add("id", DataTypes.LongType, true)
      .add("t", DataTypes.IntegerType, true).add("x", DataTypes.IntegerType, true);

  /** The sequences as long-layout rows, in partitions by id (presorted) or dealt out at random. */
  private static Dataset<Row> longFrame(int[][] sequences, boolean presorted, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < sequences.length; s++) {
      for (int t = 0; t < sequences[s].length; t++) {
        rows.add(RowFactory.create((long) s, 3 * t + 1, sequences[s][t]));
      }
    }
    if (!presorted) {
      java.util.Collections.shuffle(rows, new java.util.Random(1L));
      return SharedSpark.session().createDataFrame(rows, LONG).repartition(partitions);
    }
    // contiguous runs of whole sequences per partition, in order
    List<Row> ordered = new ArrayList<>(rows);
    return SharedSpark.session().createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
            SharedSpark.session().sparkContext()).parallelize(ordered, 1), LONG)
        .repartitionByRange(partitions, new org.apache.spark.sql.Column("id"))
        .sortWithinPartitions("id", "t");
  }

  @Test
  void longLayoutShuffledOrPresortedGivesTheSameSequences() {
    int[][] sequences = HmmFitTest.generate(HmmFitTest.TRUE_CATEGORICAL, 40, 12, 5L);
    JavaRDD<SequenceBlock> direct = SequenceBlocks.categorical(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
            SharedSpark.session().sparkContext()), sequences, null, 2);
    double expected = logLikelihood(direct, HmmFitTest.START);
    for (boolean presorted : new boolean[] {false, true}) {
      Dataset<Row> frame = longFrame(sequences, presorted, 3);
      JavaRDD<SequenceBlock> blocks = SequenceFrames.blocks(frame,
          SequenceLayout.longFormat("id", "t", List.of("x"), presorted), true);
      assertEquals(40, blocks.map(SequenceBlock::rows).reduce(Integer::sum));
      assertEquals(expected, logLikelihood(blocks, HmmFitTest.START), 1e-10 * Math.abs(expected),
          "presorted " + presorted);
      for (SequenceBlock block : blocks.collect()) {
        for (int s = 0; s < block.rows(); s++) {
          int[] original = sequences[(int) block.id(s)];
          assertEquals(original.length, block.length(s));
          for (int t = 0; t < original.length; t++) {
            assertEquals(original[t], block.symbol(s, t));
          }
        }
      }
      int before = shuffles(frame.javaRDD().toDebugString());
      assertEquals(presorted ? before : before + 1, shuffles(blocks.toDebugString()),
          "presorted data are assembled without a shuffle, other data with exactly one");
      blocks.unpersist();
    }
    direct.unpersist();
  }

  private static int shuffles(String lineage) {
    return lineage.split("ShuffledRowRDD", -1).length - 1;
  }

  @Test
  void presortedDataThatIsNotGroupedOrOrderedIsNamed() {
    List<Row> rows = List.of(RowFactory.create(7L, 0, 1), RowFactory.create(8L, 0, 1),
        RowFactory.create(7L, 1, 2));
    Dataset<Row> frame = SharedSpark.session().createDataFrame(rows, LONG).coalesce(1);
    SparkException split = assertThrows(SparkException.class, () -> SequenceFrames.blocks(frame,
        SequenceLayout.longFormat("id", "t", List.of("x"), true), true).count());
    assertTrue(String.valueOf(split.getCause()).contains("sequence 7 continues at position 1.0 "
        + "after rows of other sequences; with --presorted"), String.valueOf(split.getCause()));
    List<Row> backwards = List.of(RowFactory.create(7L, 5, 1), RowFactory.create(7L, 2, 2));
    SparkException order = assertThrows(SparkException.class, () -> SequenceFrames.blocks(
        SharedSpark.session().createDataFrame(backwards, LONG).coalesce(1),
        SequenceLayout.longFormat("id", "t", List.of("x"), true), true).count());
    assertTrue(String.valueOf(order.getCause()).contains("sequence 7 position 1 (t = 2.0) "
        + "follows t = 5.0"), String.valueOf(order.getCause()));
  }

  @Test
  void longLayoutNamesANullOrNaNObservationBySequenceAndPosition() {
    StructType schema = new StructType().add("id", DataTypes.LongType, true)
        .add("t", DataTypes.IntegerType, true).add("a", DataTypes.DoubleType, true)
        .add("b", DataTypes.DoubleType, true);
    List<Row> rows = List.of(RowFactory.create(3L, 0, 1.0, 2.0),
        RowFactory.create(3L, 1, 1.0, Double.NaN));
    SparkException nan = assertThrows(SparkException.class, () -> SequenceFrames.blocks(
        SharedSpark.session().createDataFrame(rows, schema),
        SequenceLayout.longFormat("id", "t", List.of("a", "b"), false), false).count());
    assertTrue(String.valueOf(nan.getCause()).contains("sequence 3 position 1 (t = 1.0) column b:"
        + " value is NaN, expected a finite number"), String.valueOf(nan.getCause()));
  }

  @Test
  void arrayLayoutTakesIdsFromAColumn() {
    StructType schema = new StructType().add("sid", DataTypes.LongType, true)
        .add("x", DataTypes.createArrayType(DataTypes.IntegerType, true), true);
    List<Row> rows = List.of(RowFactory.create(41L, new Integer[] {0, 1}),
        RowFactory.create(42L, new Integer[] {}));
    SparkException empty = assertThrows(SparkException.class, () -> SequenceFrames.blocks(
        SharedSpark.session().createDataFrame(rows, schema),
        SequenceLayout.array("x", "sid", null), true).count());
    assertTrue(String.valueOf(empty.getCause()).contains("sequence 42 is empty"),
        String.valueOf(empty.getCause()));
  }
}
