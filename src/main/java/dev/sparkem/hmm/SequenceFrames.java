package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Packs a DataFrame of sequences ({@link SequenceLayout}) into cached {@link SequenceBlock}s of
 * at most {@link #MAX_SEQUENCES_PER_BLOCK} sequences each.
 * <ul>
 *   <li>Array layout: each partition is packed where it is, without a shuffle. Column types:
 *       {@code array<integer|long>} for symbols or counts ({@code categorical = true}),
 *       {@code array<numeric>} for 1-D real observations, {@code array<array<numeric>>} for
 *       d-dimensional ones. Sequence ids come from the id column, or are row numbers in the
 *       frame's order (0-based).
 *   <li>Long layout: the rows of each sequence are gathered and ordered by position. With
 *       {@code presorted} each partition is assembled where it is (no shuffle), checking that a
 *       sequence's rows are contiguous and their positions increase; otherwise the frame is
 *       repartitioned once by id (keeping its number of partitions) and sorted by position within
 *       partitions. Either way the blocks are cached, so the shuffle is not repeated per pass.
 * </ul>
 * In the long layout, string columns (CSV input is read as text) are cast to numbers; a value
 * that is not a number becomes null and is reported as such.
 * Data errors are {@link InvalidDataException}s (raised when the blocks are computed) naming the
 * sequence id and the position (0-based index within the sequence; in the long layout also the
 * position column's value) of a null, empty, non-finite, negative or mis-dimensioned value.
 */
public final class SequenceFrames {
  /** The most sequences packed into one block. */
  public static final int MAX_SEQUENCES_PER_BLOCK = 4096;

  private SequenceFrames() {}

  /** The array layout with row numbers as ids: {@code blocks(frame, array(column, null, w))}. */
  public static JavaRDD<SequenceBlock> fromArrayColumn(Dataset<Row> frame, String column,
      String weightColumn, boolean categorical) {
    return blocks(frame, SequenceLayout.array(column, null, weightColumn), categorical);
  }

  /**
   * @param categorical true to read integers ≥ 0 (symbols, counts), false for real observations
   * @throws IllegalArgumentException naming a column that is missing or of the wrong type
   */
  public static JavaRDD<SequenceBlock> blocks(Dataset<Row> frame, SequenceLayout layout,
      boolean categorical) {
    JavaRDD<SequenceBlock> blocks = layout.isLong() ? fromLong(frame, layout, categorical)
        : fromArray(frame, layout, categorical);
    return blocks.persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static JavaRDD<SequenceBlock> fromArray(Dataset<Row> frame, SequenceLayout layout,
      boolean categorical) {
    String column = layout.sequenceColumn();
    DataType type = field(frame, column);
    if (!(type instanceof ArrayType array)) {
      throw new IllegalArgumentException("column " + column + " has type " + type.simpleString()
          + ", expected an array");
    }
    DataType element = array.elementType();
    boolean nested = element instanceof ArrayType;
    if (categorical ? !(element instanceof IntegralType)
        : !(element instanceof NumericType
            || nested && ((ArrayType) element).elementType() instanceof NumericType)) {
      throw new IllegalArgumentException("column " + column + " has type " + type.simpleString()
          + ", expected " + (categorical ? "array<int> or array<bigint>"
          : "array<numeric> or array<array<numeric>>"));
    }
    String weightColumn = layout.weightColumn();
    if (weightColumn != null && !(field(frame, weightColumn) instanceof NumericType)) {
      throw new IllegalArgumentException("weight column " + weightColumn + " has type "
          + field(frame, weightColumn).simpleString() + ", expected a numeric type");
    }
    String idColumn = layout.idColumn();
    if (idColumn != null) {
      requireIntegral(frame, idColumn, "id");
    }
    Dataset<Row> selected = frame.select(frame.col(column),
        weightColumn == null ? functions.lit(1.0) : frame.col(weightColumn).cast("double"),
        idColumn == null ? functions.lit(null).cast("long") : frame.col(idColumn).cast("long"));
    JavaRDD<Tuple2<Row, Long>> rows = idColumn == null
        ? selected.javaRDD().zipWithIndex().rdd().toJavaRDD()
        : selected.javaRDD().map(row -> new Tuple2<>(row, id(row, 2, idColumn)));
    return rows.mapPartitions(partition -> {
      Packer packer = new Packer(categorical);
      while (partition.hasNext()) {
        Tuple2<Row, Long> next = partition.next();
        Row row = next._1();
        long id = next._2();
        if (row.isNullAt(0)) {
          throw new InvalidDataException("sequence " + id + ": column " + column + " is null,"
              + " expected a sequence");
        }
        packer.add(id, sequence(row.getList(0), id, categorical),
            row.isNullAt(1) ? Double.NaN : row.getDouble(1));
      }
      return packer.finish();
    });
  }

  /**
   * A block of the one sequence held in an array cell (a {@code List} or Scala {@code Seq}, as
   * Spark hands array values to Java): symbols, numbers, or arrays of numbers.
   *
   * @param id the sequence's id, for messages
   * @throws InvalidDataException naming the id and position of a null, empty, non-finite,
   *     negative or mis-dimensioned value
   */
  public static SequenceBlock single(long id, Object cells, boolean categorical) {
    if (cells == null) {
      throw new InvalidDataException("sequence " + id + " is null, expected a sequence");
    }
    Object sequence = sequence(list(cells), id, categorical);
    long[] ids = {id};
    return categorical ? SequenceBlock.categorical(ids, new int[][] {(int[]) sequence}, null)
        : SequenceBlock.real(ids, new double[][][] {(double[][]) sequence}, null);
  }

  /** The symbols (int[]) or observations (double[][]) of one array cell. */
  private static Object sequence(List<?> cells, long id, boolean categorical) {
    if (categorical) {
      int[] x = new int[cells.size()];
      for (int t = 0; t < x.length; t++) {
        x[t] = symbol(cells.get(t), id, t, "");
      }
      return x;
    }
    double[][] x = new double[cells.size()][];
    for (int t = 0; t < x.length; t++) {
      Object cell = cells.get(t);
      x[t] = cell instanceof Number || cell == null
          ? new double[] {number(cell, id, t, "")} : vector(cell, id, t);
    }
    return x;
  }

  private static List<?> list(Object cell) {
    return cell instanceof List<?> list ? list
        : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) cell);
  }

  private static JavaRDD<SequenceBlock> fromLong(Dataset<Row> frame, SequenceLayout layout,
      boolean categorical) {
    String idColumn = layout.idColumn();
    String positionColumn = layout.positionColumn();
    List<String> observations = layout.observationColumns();
    requireIntegral(frame, idColumn, "id");
    if (!(field(frame, positionColumn) instanceof NumericType || isText(frame, positionColumn))) {
      throw new IllegalArgumentException("position column " + positionColumn + " has type "
          + field(frame, positionColumn).simpleString() + ", expected a numeric type");
    }
    if (categorical && observations.size() != 1) {
      throw new IllegalArgumentException("symbols or counts are read from one observation "
          + "column, found " + observations.size() + ": " + observations);
    }
    for (String name : observations) {
      if (categorical) {
        requireIntegral(frame, name, "observation");
      } else if (!(field(frame, name) instanceof NumericType || isText(frame, name))) {
        throw new IllegalArgumentException("observation column " + name + " has type "
            + field(frame, name).simpleString() + ", expected a numeric type");
      }
    }
    List<Column> columns = new ArrayList<>();
    columns.add(frame.col(idColumn).cast("long"));
    columns.add(frame.col(positionColumn).cast("double"));
    observations.forEach(name -> columns.add(frame.col(name).cast("double")));
    Dataset<Row> selected = frame.select(columns.toArray(new Column[0]));
    if (!layout.presorted()) {
      Column id = selected.col(selected.columns()[0]);
      Column position = selected.col(selected.columns()[1]);
      selected = selected.repartition(frame.rdd().getNumPartitions(), id)
          .sortWithinPartitions(id, position);
    }
    boolean presorted = layout.presorted();
    return selected.javaRDD().mapPartitions(partition -> assemble(partition, categorical,
        observations, idColumn, positionColumn, presorted));
  }

  /** Gathers runs of rows with the same id into sequences. */
  private static Iterator<SequenceBlock> assemble(Iterator<Row> rows, boolean categorical,
      List<String> observations, String idColumn, String positionColumn, boolean presorted) {
    Packer packer = new Packer(categorical);
    Set<Long> finished = new HashSet<>();
    int d = observations.size();
    List<double[]> current = new ArrayList<>();
    long currentId = 0;
    double lastPosition = Double.NaN;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (row.isNullAt(0) || row.isNullAt(1)) {
        throw new InvalidDataException("a row has a null " + (row.isNullAt(0)
            ? "id (column " + idColumn + ")" : "position (column " + positionColumn
            + ") in sequence " + row.getLong(0)) + ", expected a value");
      }
      long id = row.getLong(0);
      double position = row.getDouble(1);
      if (current.isEmpty() || id != currentId) {
        if (!current.isEmpty()) {
          packer.add(currentId, sequence(current, categorical), 1.0);
          finished.add(currentId);
          current.clear();
        }
        if (finished.contains(id)) {
          throw new InvalidDataException("sequence " + id + " continues at position " + position
              + " after rows of other sequences; " + (presorted ? "with --presorted the rows "
              + "of a sequence must be together in one partition, ordered by position"
              : "the rows were not grouped by id"));
        }
        currentId = id;
      } else if (!(position > lastPosition)) {
        throw new InvalidDataException("sequence " + id + " position " + current.size() + " ("
            + positionColumn + " = " + position + ") follows " + positionColumn + " = "
            + lastPosition + ", expected increasing positions" + (presorted
            ? " (with --presorted the rows must be ordered by position)" : " (a duplicate)"));
      }
      int t = current.size();
      String at = " (" + positionColumn + " = " + position + ")";
      double[] x = new double[d];
      for (int a = 0; a < d; a++) {
        Object cell = row.isNullAt(2 + a) ? null : row.getDouble(2 + a);
        x[a] = categorical ? symbol(cell, id, t, at) : number(cell, id, t,
            at + " column " + observations.get(a));
        if (!categorical && !Double.isFinite(x[a])) {
          throw new InvalidDataException("sequence " + id + " position " + t + at + " column "
              + observations.get(a) + ": value is " + x[a] + ", expected a finite number");
        }
      }
      current.add(x);
      lastPosition = position;
    }
    if (!current.isEmpty()) {
      packer.add(currentId, sequence(current, categorical), 1.0);
    }
    return packer.finish();
  }

  private static Object sequence(List<double[]> observations, boolean categorical) {
    if (categorical) {
      return observations.stream().mapToInt(x -> (int) x[0]).toArray();
    }
    return observations.toArray(new double[0][]);
  }

  /** Collects sequences of one partition and cuts them into blocks. */
  private static final class Packer {
    private final boolean categorical;
    private final List<SequenceBlock> blocks = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private final List<Object> sequences = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    Packer(boolean categorical) {
      this.categorical = categorical;
    }

    void add(long id, Object sequence, double weight) {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new InvalidDataException("sequence " + id + ": weight is " + weight
            + ", expected a finite number >= 0");
      }
      ids.add(id);
      sequences.add(sequence);
      weights.add(weight);
      if (ids.size() == MAX_SEQUENCES_PER_BLOCK) {
        flush();
      }
    }

    private void flush() {
      long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
      double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
      blocks.add(categorical
          ? SequenceBlock.categorical(idArray, sequences.toArray(new int[0][]), w)
          : SequenceBlock.real(idArray, sequences.toArray(new double[0][][]), w));
      ids.clear();
      sequences.clear();
      weights.clear();
    }

    Iterator<SequenceBlock> finish() {
      if (!ids.isEmpty()) {
        flush();
      }
      return blocks.iterator();
    }
  }

  private static DataType field(Dataset<Row> frame, String name) {
    if (!Arrays.asList(frame.columns()).contains(name)) {
      throw new IllegalArgumentException("column " + name + " not found, expected one of "
          + Arrays.toString(frame.columns()));
    }
    return frame.schema().apply(name).dataType();
  }

  /** A string column (CSV is read as text): its values are cast, and a failed cast is null. */
  private static boolean isText(Dataset<Row> frame, String name) {
    return field(frame, name) instanceof StringType;
  }

  private static void requireIntegral(Dataset<Row> frame, String name, String role) {
    DataType type = field(frame, name);
    if (!(type instanceof IntegralType || type instanceof StringType)) {
      throw new IllegalArgumentException(role + " column " + name + " has type "
          + type.simpleString() + ", expected an integer type");
    }
  }

  private static long id(Row row, int index, String column) {
    if (row.isNullAt(index)) {
      throw new InvalidDataException("a row has a null id (column " + column + "), expected an"
          + " integer");
    }
    return row.getLong(index);
  }

  private static int symbol(Object cell, long id, int t, String at) {
    if (cell == null) {
      throw new InvalidDataException("sequence " + id + " position " + t + at
          + ": symbol is null, expected an integer >= 0");
    }
    double v = ((Number) cell).doubleValue();
    if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
      throw new InvalidDataException("sequence " + id + " position " + t + at + ": symbol is "
          + (cell instanceof Double ? String.valueOf(v) : String.valueOf(cell))
          + ", expected an integer in 0.." + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  private static double number(Object cell, long id, int t, String at) {
    if (cell == null) {
      throw new InvalidDataException("sequence " + id + " position " + t + at
          + ": value is null, expected a finite number");
    }
    return ((Number) cell).doubleValue();
  }

  private static double[] vector(Object cell, long id, int t) {
    if (cell == null) {
      throw new InvalidDataException("sequence " + id + " position " + t
          + ": observation is null, expected an array of numbers");
    }
    List<?> values = list(cell);
    double[] x = new double[values.size()];
    for (int a = 0; a < x.length; a++) {
      x[a] = number(values.get(a), id, t, "");
    }
    return x;
  }
}
