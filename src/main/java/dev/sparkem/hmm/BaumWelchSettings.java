package dev.sparkem.hmm;

import java.io.Serializable;

/**
 * What the Baum–Welch M-step learns and how it is smoothed: Dirichlet pseudo-counts added to the
 * expected initial-state, transition and emission counts (so that no probability collapses to 0
 * for want of data), and whether the start distribution and the transition matrix are learned or
 * kept fixed at their starting values.
 *
 * @param startPseudoCount α_π ≥ 0 added to every expected initial-state count
 * @param transitionPseudoCount α_A ≥ 0 added to every expected transition count
 * @param emissionPseudoCount β ≥ 0 added to every expected emission count (categorical
 *     emissions only; must be 0 for Gaussian and Poisson ones)
 * @param learnStart false to keep the start distribution fixed
 * @param learnTransitions false to keep the transition matrix fixed
 */
public record BaumWelchSettings(double startPseudoCount, double transitionPseudoCount,
    double emissionPseudoCount, boolean learnStart, boolean learnTransitions)
    implements Serializable {
  /** Plain maximum likelihood of every parameter. */
  public static final BaumWelchSettings MAXIMUM_LIKELIHOOD =
      new BaumWelchSettings(0, 0, 0, true, true);

  /** @throws IllegalArgumentException naming a pseudo-count that is negative or not finite */
  public BaumWelchSettings {
    check(startPseudoCount, "startPseudoCount");
    check(transitionPseudoCount, "transitionPseudoCount");
    check(emissionPseudoCount, "emissionPseudoCount");
  }

  private static void check(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " is " + value + ", expected a finite number >= 0");
    }
  }

  /**
   * The free parameters of {@code params} that this M-step estimates, as BIC and AIC count them:
   * (n − 1) for a learned start distribution, n(n − 1) for a learned transition matrix, plus
   * the emission's.
   */
  public int parameterCount(HmmParameters params) {
    int n = params.states();
    return (learnStart ? n - 1 : 0) + (learnTransitions ? n * (n - 1) : 0)
        + params.emission().parameterCount();
  }
}
