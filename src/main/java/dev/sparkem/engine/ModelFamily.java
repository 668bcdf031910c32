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

  /**
   * The log prior density log p(θ) of {@code params}, up to an additive constant, when the M-step
   * maximises the posterior (a smoothed fit) rather than the likelihood; 0 (the default) for
   * maximum likelihood. EM guarantees that log p(x; θ) + log p(θ) never decreases, so the engine
   * checks monotonicity and convergence on that objective; the log-likelihood alone may then
   * decrease slightly near a MAP optimum.
   */
  default double logPrior(P params) {
    return 0.0;
  }

  /**
   * How far, per unit weight, the objective may legitimately fall in the iteration from
   * {@code previous} to {@code next}: 0 (the default) for an exact M-step, which EM guarantees
   * never decreases it. A family whose M-step is regularised in a way that is not a fixed prior
   * (scikit-learn's covariance ridge) returns a proven bound of the decrease it can cause; the
   * engine reports only decreases beyond it.
   */
  default double decreaseAllowance(P previous, P next) {
    return 0.0;
  }
}
