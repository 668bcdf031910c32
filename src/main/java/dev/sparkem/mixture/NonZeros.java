package dev.sparkem.mixture;

import dev.sparkem.data.RowBlock;

/**
 * The non-zero entries of a block in compressed-sparse-row form, whatever the block's layout: a
 * sparse block's own arrays (shared, do not modify), or those of a dense block gathered in one
 * O(n·d) scan. Count and binary families score and add rows through this one view, so that
 * their kernels cost O(nnz·k) and a dense and a sparse block of the same rows give the same
 * numbers (the same terms, summed in the same order).
 *
 * @param rowStarts rows + 1 offsets
 * @param indices the column of each entry, ascending within a row
 * @param values the non-zero values
 */
public record NonZeros(int[] rowStarts, int[] indices, double[] values) {
  /** The non-zero entries of {@code block}. */
  public static NonZeros of(RowBlock block) {
    if (block.isSparse()) {
      return new NonZeros(block.rowStarts(), block.indices(), block.sparseValues());
    }
    int n = block.rows();
    int d = block.dimension();
    double[] dense = block.denseValues();
    int count = 0;
    for (double v : dense) {
      if (v != 0.0) {
        count++;
      }
    }
    int[] starts = new int[n + 1];
    int[] indices = new int[count];
    double[] values = new double[count];
    int t = 0;
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double v = dense[i * d + a];
        if (v != 0.0) {
          indices[t] = a;
          values[t++] = v;
        }
      }
      starts[i + 1] = t;
    }
    return new NonZeros(starts, indices, values);
  }

  /** The number of rows. */
  public int rows() {
    return rowStarts.length - 1;
  }
}
