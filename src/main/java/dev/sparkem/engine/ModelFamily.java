package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;

/**
 * A model family fitted by EM: the E-step of {@link BlockAccumulator} plus a closed-form M-step.
 * A new family is one package implementing this interface; the engine needs nothing else.
 *
 * @param <B> the data block type
 * @param <P> the parameters (immutable, serializable)
 * @param <S> the expected sufficient statistics
 */
public interface ModelFamily<
    B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
    extends BlockAccumulator<B, P, S> {
  /**
   * The M-step: the parameters that maximise the expected complete-data log-likelihood given the
   * summed statistics of a pass under {@code previous}.
   *
   * @throws DegenerateModelException if no valid parameters follow from the statistics (a
   *     component lost all its weight, a covariance is not positive definite)
   */
  P maximize(S stats, P previous);
}
