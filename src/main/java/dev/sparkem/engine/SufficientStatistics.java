package dev.sparkem.engine;

import java.io.Serializable;

/**
 * Expected sufficient statistics of a model family, summed over rows: a small mergeable value
 * (size independent of the number of rows). Contract: merging the statistics of the parts of a
 * data set gives the statistics of the whole, up to floating-point round-off.
 *
 * @param <S> the implementing type
 */
public interface SufficientStatistics<S extends SufficientStatistics<S>> extends Serializable {
  /**
   * Adds {@code other} into this object.
   *
   * @throws IllegalArgumentException if {@code other} has other dimensions (components, width)
   */
  void merge(S other);
}
