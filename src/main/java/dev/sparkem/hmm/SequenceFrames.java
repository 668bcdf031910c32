package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Packs a DataFrame with one sequence per row, held in an array column, into cached
 * {@link SequenceBlock}s without a shuffle: each partition becomes blocks of at most
 * {@link #MAX_SEQUENCES_PER_BLOCK} sequences. Column types: {@code array<integer|long>} for
 * categorical symbols (with {@code categorical = true}), {@code array<numeric>} for 1-D real
 * observations, {@code array<array<numeric>>} for d-dimensional ones. Sequence ids are row
 * numbers in the frame's order (0-based).
 */
public final class SequenceFrames {
  /** The most sequences packed into one block. */
  public static final int MAX_SEQUENCES_PER_BLOCK = 4096;

  private SequenceFrames() {}

  /**
   * @param column the array column holding each sequence
   * @param weightColumn a numeric column of sequence weights, or null for all 1
   * @param categorical true to read symbols (integers ≥ 0), false for real observations
   * @throws IllegalArgumentException naming a column that is missing or of the wrong type
   * @throws InvalidDataException (when the blocks are computed) naming the row of a null, empty,
   *     non-finite or mis-dimensioned sequence
   */
  public static JavaRDD<SequenceBlock> fromArrayColumn(Dataset<Row> frame, String column,
      String weightColumn, boolean categorical) {
    DataType type = field(frame, column);
    if (!(type instanceof ArrayType array)) {
      throw new IllegalArgumentException("column " + column + " has type " + type.simpleString()
          + ", expected an array");
    }
    DataType element = array.elementType();
    boolean nested = element instanceof ArrayType;
    if (categorical ? !(element.typeName().equals("integer") || element.typeName().equals("long"))
        : !(element instanceof NumericType
            || nested && ((ArrayType) element).elementType() instanceof NumericType)) {
      throw new IllegalArgumentException("column " + column + " has type " + type.simpleString()
          + ", expected " + (categorical ? "array<int> or array<bigint>"
          : "array<numeric> or array<array<numeric>>"));
    }
    if (weightColumn != null && !(field(frame, weightColumn) instanceof NumericType)) {
      throw new IllegalArgumentException("weight column " + weightColumn + " has type "
          + field(frame, weightColumn).simpleString() + ", expected a numeric type");
    }
    Dataset<Row> selected = weightColumn == null ? frame.select(column)
        : frame.select(frame.col(column), frame.col(weightColumn).cast("double"));
    return selected.javaRDD().zipWithIndex()
        .mapPartitions(rows -> pack(rows, categorical, nested, weightColumn != null, column))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static DataType field(Dataset<Row> frame, String name) {
    if (!Arrays.asList(frame.columns()).contains(name)) {
      throw new IllegalArgumentException("column " + name + " not found, expected one of "
          + Arrays.toString(frame.columns()));
    }
    return frame.schema().apply(name).dataType();
  }

  private static Iterator<SequenceBlock> pack(Iterator<Tuple2<Row, Long>> rows,
      boolean categorical, boolean nested, boolean weighted, String column) {
    List<SequenceBlock> blocks = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<Object> sequences = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    while (rows.hasNext()) {
      Tuple2<Row, Long> next = rows.next();
      Row row = next._1();
      long id = next._2();
      if (row.isNullAt(0)) {
        throw new InvalidDataException("row " + id + ": column " + column + " is null, expected"
            + " a sequence");
      }
      List<Object> cells = row.getList(0);
      if (categorical) {
        int[] x = new int[cells.size()];
        for (int t = 0; t < x.length; t++) {
          x[t] = symbol(cells.get(t), id, t);
        }
        sequences.add(x);
      } else {
        double[][] x = new double[cells.size()][];
        for (int t = 0; t < x.length; t++) {
          x[t] = nested ? vector(cells.get(t), id, t) : new double[] {number(cells.get(t), id, t)};
        }
        sequences.add(x);
      }
      ids.add(id);
      weights.add(weighted ? (row.isNullAt(1) ? Double.NaN : row.getDouble(1)) : 1.0);
      if (ids.size() == MAX_SEQUENCES_PER_BLOCK || !rows.hasNext()) {
        blocks.add(block(ids, sequences, weights, categorical));
        ids.clear();
        sequences.clear();
        weights.clear();
      }
    }
    return blocks.iterator();
  }

  private static SequenceBlock block(List<Long> ids, List<Object> sequences, List<Double> weights,
      boolean categorical) {
    long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    for (int s = 0; s < w.length; s++) {
      if (!(w[s] >= 0) || Double.isInfinite(w[s])) {
        throw new InvalidDataException("row " + idArray[s] + ": weight is " + w[s]
            + ", expected a finite number >= 0");
      }
    }
    return categorical
        ? SequenceBlock.categorical(idArray, sequences.toArray(new int[0][]), w)
        : SequenceBlock.real(idArray, sequences.toArray(new double[0][][]), w);
  }

  private static int symbol(Object cell, long id, int t) {
    if (cell == null) {
      throw new InvalidDataException("row " + id + " position " + t + ": symbol is null,"
          + " expected an integer >= 0");
    }
    long v = ((Number) cell).longValue();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new InvalidDataException("row " + id + " position " + t + ": symbol is " + v
          + ", expected an integer in 0.." + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  private static double number(Object cell, long id, int t) {
    if (cell == null) {
      throw new InvalidDataException("row " + id + " position " + t + ": value is null,"
          + " expected a finite number");
    }
    return ((Number) cell).doubleValue();
  }

  private static double[] vector(Object cell, long id, int t) {
    if (cell == null) {
      throw new InvalidDataException("row " + id + " position " + t + ": observation is null,"
          + " expected an array of numbers");
    }
    List<?> values = cell instanceof List<?> list ? list
        : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) cell);
    double[] x = new double[values.size()];
    for (int a = 0; a < x.length; a++) {
      x[a] = number(values.get(a), id, t);
    }
    return x;
  }
}
