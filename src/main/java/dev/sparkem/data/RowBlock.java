package dev.sparkem.data;

import java.util.Arrays;

/**
 * A block of {@code rows} data rows of width {@code dimension} with an optional positive weight
 * per row, in one of two layouts: dense (all values row after row in one array, which is also
 * the column-major d×rows matrix whose columns are the rows) or sparse (compressed sparse rows:
 * row i's non-zeros are {@code sparseValues()[rowStarts()[i] .. rowStarts()[i+1])} at the column
 * indices {@code indices()} of the same range, ascending). Blocks are the unit of E-step work and
 * of caching. Immutable by contract: kernels read the arrays without copying and never write.
 */
public final class RowBlock implements DataBlock {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int dimension;
  private final double[] values;
  private final int[] rowStarts;
  private final int[] indices;
  private final double[] weights;

  private RowBlock(int rows, int dimension, double[] values, int[] rowStarts, int[] indices,
      double[] weights) {
    if (rows < 0 || dimension < 1) {
      throw new IllegalArgumentException(
          "block of " + rows + " rows x " + dimension + " columns, expected rows >= 0, columns >= 1");
    }
    if (weights != null && weights.length != rows) {
      throw new IllegalArgumentException(
          "block of " + rows + " rows has " + weights.length + " weights");
    }
    this.rows = rows;
    this.dimension = dimension;
    this.values = values;
    this.rowStarts = rowStarts;
    this.indices = indices;
    this.weights = weights;
  }

  /**
   * A dense block.
   *
   * @param values rows·dimension values, row after row (taken, not copied)
   * @param weights one weight per row, or {@code null} when every row has weight 1
   * @throws IllegalArgumentException if the array lengths do not match rows and dimension
   */
  public static RowBlock dense(int rows, int dimension, double[] values, double[] weights) {
    if (values.length != (long) rows * dimension) {
      throw new IllegalArgumentException("block of " + rows + " rows x " + dimension
          + " columns needs " + ((long) rows * dimension) + " values, found " + values.length);
    }
    return new RowBlock(rows, dimension, values, null, null, weights);
  }

  /**
   * A sparse block in compressed-sparse-row form (arrays taken, not copied).
   *
   * @param rowStarts rows + 1 offsets into {@code indices} and {@code values}, from 0, ascending
   * @param indices the column of every stored value, ascending within a row, in [0, dimension)
   * @param weights one weight per row, or {@code null} when every row has weight 1
   * @throws IllegalArgumentException if the arrays are inconsistent
   */
  public static RowBlock sparse(int rows, int dimension, int[] rowStarts, int[] indices,
      double[] values, double[] weights) {
    if (rowStarts.length != rows + 1 || rowStarts[0] != 0 || rowStarts[rows] != indices.length
        || indices.length != values.length) {
      throw new IllegalArgumentException("sparse block of " + rows + " rows: " + rowStarts.length
          + " row starts, " + indices.length + " indices and " + values.length
          + " values do not fit together");
    }
    return new RowBlock(rows, dimension, values, rowStarts, indices, weights);
  }

  @Override
  public int rows() {
    return rows;
  }

  public int dimension() {
    return dimension;
  }

  /** True for the compressed-sparse-row layout. */
  public boolean isSparse() {
    return rowStarts != null;
  }

  /**
   * The values row after row (rows·dimension): the block's own array when dense (shared, do not
   * modify), a new array when sparse.
   */
  public double[] denseValues() {
    if (!isSparse()) {
      return values;
    }
    double[] dense = new double[rows * dimension];
    for (int i = 0; i < rows; i++) {
      for (int t = rowStarts[i]; t < rowStarts[i + 1]; t++) {
        dense[i * dimension + indices[t]] = values[t];
      }
    }
    return dense;
  }

  /** This block in the dense layout (itself when already dense). */
  public RowBlock toDense() {
    return isSparse() ? dense(rows, dimension, denseValues(), weights) : this;
  }

  /** Sparse layout: the rows + 1 offsets of the rows' entries. */
  public int[] rowStarts() {
    requireSparse();
    return rowStarts;
  }

  /** Sparse layout: the column index of every stored value (shared, do not modify). */
  public int[] indices() {
    requireSparse();
    return indices;
  }

  /** Sparse layout: the stored values (shared, do not modify). */
  public double[] sparseValues() {
    requireSparse();
    return values;
  }

  private void requireSparse() {
    if (!isSparse()) {
      throw new IllegalStateException("the block is dense; use denseValues()");
    }
  }

  /** A copy of row {@code i} (d values). */
  public double[] row(int i) {
    if (!isSparse()) {
      return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
    }
    double[] row = new double[dimension];
    for (int t = rowStarts[i]; t < rowStarts[i + 1]; t++) {
      row[indices[t]] = values[t];
    }
    return row;
  }

  /** The weight of row {@code i} (1 when the block is unweighted). */
  public double weight(int i) {
    return weights == null ? 1.0 : weights[i];
  }

  @Override
  public double totalWeight() {
    if (weights == null) {
      return rows;
    }
    double sum = 0.0;
    for (double w : weights) {
      sum += w;
    }
    return sum;
  }

  /** How many rows of width {@code dimension} fit in {@code budgetBytes} (at least one). */
  public static int rowsForBudget(int dimension, long budgetBytes) {
    long rowsInBudget = budgetBytes / (8L * dimension);
    return (int) Math.max(1, Math.min(rowsInBudget, 1 << 20));
  }
}
