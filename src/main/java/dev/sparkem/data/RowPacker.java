package dev.sparkem.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * Turns one partition of rows into {@link RowBlock}s of the dense or sparse layout within a byte
 * budget, reading and checking every value with a {@link RowReader}; errors name the row
 * (0-based) within its file, or within the partition when the rows were not read from files
 * ({@link RowOrigin}). A block is built from consecutive rows, read lazily: the
 * rows of a block are consumed from the input when the block is requested. Used by
 * {@link PackedData} for fitting and by the predictor for scoring.
 */
public final class RowPacker
    implements Function2<Integer, Iterator<Row>, Iterator<RowBlock>> {
  private static final long serialVersionUID = 1L;
  /** Bytes of one stored sparse entry: an int index and a double value. */
  private static final int SPARSE_ENTRY_BYTES = 12;

  private final RowReader reader;
  private final Packing packing;

  /**
   * @param reader reads and checks the values of one row
   * @param packing the layout (dense or sparse) and byte budget of a block
   */
  public RowPacker(RowReader reader, Packing packing) {
    this.reader = reader;
    this.packing = packing;
  }

  @Override
  public Iterator<RowBlock> call(Integer partition, Iterator<Row> rows) {
    return new Iterator<>() {
      private final RowOrigin origin = new RowOrigin(partition);
      private final Supplier<String> where = origin::describe;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public RowBlock next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException();
        }
        return packing.sparse() ? nextSparse() : nextDense();
      }

      private Row take() {
        Row row = rows.next();
        origin.next();
        return row;
      }

      private RowBlock nextDense() {
        int d = reader.dimension();
        int capacity = RowBlock.rowsForBudget(d, packing.blockBytes());
        double[] values = new double[capacity * d];
        double[] weights = reader.weighted() ? new double[capacity] : null;
        int n = 0;
        while (n < capacity && rows.hasNext()) {
          Row row = take();
          reader.readFeatures(row, values, n * d, where);
          if (weights != null) {
            weights[n] = reader.readWeight(row, where);
          }
          n++;
        }
        return RowBlock.dense(n, d, Arrays.copyOf(values, n * d),
            weights == null ? null : Arrays.copyOf(weights, n));
      }

      private RowBlock nextSparse() {
        SparseRows block = new SparseRows(reader.weighted());
        long budget = packing.blockBytes() / SPARSE_ENTRY_BYTES;
        while (rows.hasNext() && block.entries() < budget && block.rows() < (1 << 20)) {
          Row row = take();
          reader.readNonZeros(row, where, block::add);
          block.endRow(reader.weighted() ? reader.readWeight(row, where) : 1.0);
        }
        return block.build(reader.dimension());
      }
    };
  }

  /** Growable compressed-sparse-row arrays. */
  private static final class SparseRows {
    private int[] rowStarts = new int[64];
    private int[] indices = new int[1024];
    private double[] values = new double[1024];
    private double[] weights;
    private int rows;
    private int entries;

    SparseRows(boolean weighted) {
      weights = weighted ? new double[64] : null;
    }

    int rows() {
      return rows;
    }

    int entries() {
      return entries;
    }

    void add(int column, double value) {
      if (entries == indices.length) {
        indices = Arrays.copyOf(indices, 2 * entries);
        values = Arrays.copyOf(values, 2 * entries);
      }
      indices[entries] = column;
      values[entries++] = value;
    }

    void endRow(double weight) {
      if (rows + 1 == rowStarts.length) {
        rowStarts = Arrays.copyOf(rowStarts, 2 * rowStarts.length);
        weights = weights == null ? null : Arrays.copyOf(weights, rowStarts.length);
      }
      if (weights != null) {
        weights[rows] = weight;
      }
      rowStarts[++rows] = entries;
    }

    RowBlock build(int dimension) {
      return RowBlock.sparse(rows, dimension, Arrays.copyOf(rowStarts, rows + 1),
          Arrays.copyOf(indices, entries), Arrays.copyOf(values, entries),
          weights == null ? null : Arrays.copyOf(weights, rows));
    }
  }
}
