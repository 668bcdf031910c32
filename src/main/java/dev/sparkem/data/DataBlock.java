package dev.sparkem.data;

import java.io.Serializable;

/**
 * A unit of E-step work and of caching: a block of rows ({@link RowBlock}), or of whole sequences
 * for models whose rows are not independent. The engine needs only its size and weight.
 */
public interface DataBlock extends Serializable {
  /** The number of rows (or sequences) in the block. */
  int rows();

  /** Σ of the row (or sequence) weights; the number of rows when unweighted. */
  double totalWeight();
}
