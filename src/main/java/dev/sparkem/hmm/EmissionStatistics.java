package dev.sparkem.hmm;

import java.io.Serializable;

/**
 * The expected sufficient statistics of an {@link Emission}, summed over sequences: a mergeable
 * value whose size does not depend on the data.
 */
public interface EmissionStatistics extends Serializable {
  /**
   * Adds sequence s of {@code block}, whose state posteriors are {@code gamma[t·n + k]},
   * multiplied by {@code weight}.
   */
  void add(SequenceBlock block, int s, double[] gamma, double weight);

  /**
   * Adds {@code other} into this object.
   *
   * @throws IllegalArgumentException if other is another kind of statistics or has other
   *     dimensions
   */
  void merge(EmissionStatistics other);

  /**
   * The M-step for the emissions.
   *
   * @param previous the emission the statistics were collected under; a state with no expected
   *     observations keeps its previous distribution (its term of the expected log-likelihood
   *     is then 0 whatever its parameters)
   * @param settings the emission's smoothing: the Dirichlet pseudo-count (categorical), the
   *     covariance ridge regCovar (Gaussian) or the rate floor (Poisson)
   * @throws dev.sparkem.engine.DegenerateModelException if a state's distribution collapses
   *     (a variance or rate of 0, which a positive regCovar or rate floor prevents)
   * @throws IllegalArgumentException if settings holds a nonzero value the emission does not use
   */
  Emission maximize(Emission previous, BaumWelchSettings settings);
}
