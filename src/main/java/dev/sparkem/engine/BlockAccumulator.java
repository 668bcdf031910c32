package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;

/**
 * The E-step half of a model family: how one block of rows adds to the statistics under fixed
 * parameters. Runs on the executors, so implementations must be serializable and stateless.
 *
 * @param <B> the data block type (rows, or sequences)
 * @param <P> the parameters (immutable, serializable: they are broadcast)
 * @param <S> the statistics
 */
public interface BlockAccumulator<
    B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
    extends Serializable {
  /** Empty statistics for a pass under {@code params}. */
  S zero(P params);

  /**
   * Adds the expected sufficient statistics of {@code block} under {@code params} to
   * {@code stats} and returns the block's log-likelihood Σ_i w_i·log p(x_i; params) (natural log,
   * weighted by the row weights).
   */
  double accumulate(P params, B block, S stats);

  /**
   * About how many numbers (doubles) the statistics under {@code params} hold, e.g. k·V for the
   * word sums of a multinomial mixture: the pass reduces statistics by part when this is large
   * (see {@link DistributedPass}). Default 0: small.
   */
  default long statisticsValues(P params) {
    return 0;
  }
}
