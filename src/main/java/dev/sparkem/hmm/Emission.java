package dev.sparkem.hmm;

import java.io.Serializable;

/**
 * The emission distributions p(x | state k) of an n-state HMM, one per state. Implementations
 * are immutable and serializable (they are broadcast inside {@link HmmParameters}). A new kind
 * of emission (a Gaussian mixture per state, say) is one implementation of this interface and of
 * {@link EmissionStatistics}; forward–backward, Viterbi and the family need nothing else.
 */
public interface Emission extends Serializable {
  /** The number of states n. */
  int states();

  /** The number of free parameters (for BIC/AIC). */
  int parameterCount();

  /**
   * Fills {@code out[t·n + k]} with log p(x_t | k) (natural log, densities for real data) for
   * every position t of sequence {@code s} of {@code block}.
   *
   * @throws dev.sparkem.data.InvalidDataException naming the sequence id and position if the
   *     block does not fit this emission (a symbol out of range, another dimension)
   */
  void logDensities(SequenceBlock block, int s, double[] out);

  /** Empty statistics for a pass under this emission. */
  EmissionStatistics zeroStatistics();

  /**
   * The log density, up to a constant, of the Dirichlet prior with this pseudo-count that the
   * M-step of {@link EmissionStatistics#maximize} maximises against; 0 when pseudoCount is 0.
   */
  double logPrior(double pseudoCount);
}
