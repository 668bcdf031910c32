package dev.sparkem.data;

import java.util.Arrays;

/**
 * A block of {@code rows} data rows of width {@code dimension}, packed row after row in one
 * contiguous array (so the same array is the column-major d×rows matrix whose columns are the
 * rows), with an optional positive weight per row. Blocks are the unit of E-step work and of
 * caching. Immutable by contract: kernels read {@link #values()} without copying and never write.
 */
public final class RowBlock implements DataBlock {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int dimension;
  private final double[] values;
  private final double[] weights;

  /**
   * @param values rows·dimension values, row after row
   * @param weights one weight per row, or {@code null} when every row has weight 1
   * @throws IllegalArgumentException if the array lengths do not match rows and dimension
   */
  public RowBlock(int rows, int dimension, double[] values, double[] weights) {
    if (rows < 0 || dimension < 1 || values.length != (long) rows * dimension) {
      throw new IllegalArgumentException("block of " + rows + " rows x " + dimension
          + " columns needs " + ((long) rows * dimension) + " values, found " + values.length);
    }
    if (weights != null && weights.length != rows) {
      throw new IllegalArgumentException(
          "block of " + rows + " rows has " + weights.length + " weights");
    }
    this.rows = rows;
    this.dimension = dimension;
    this.values = values;
    this.weights = weights;
  }

  @Override
  public int rows() {
    return rows;
  }

  public int dimension() {
    return dimension;
  }

  /** The packed values, row after row; shared, not copied: do not modify. */
  public double[] values() {
    return values;
  }

  /** A copy of row {@code i} (d values). */
  public double[] row(int i) {
    return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
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
