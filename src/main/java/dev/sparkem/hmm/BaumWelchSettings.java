package dev.sparkem.hmm;

import java.io.Serializable;

/**
 * What the Baum–Welch M-step learns and how it is smoothed: Dirichlet pseudo-counts added to the
 * expected initial-state, transition and emission counts (so that no probability collapses to 0
 * for want of data), a covariance ridge for Gaussian emissions and a rate floor for Poisson ones
 * (so that no variance or rate collapses to 0), and whether the start distribution and the
 * transition matrix are learned or kept fixed at their starting values. Every smoothing value
 * defaults to 0, plain maximum likelihood.
 *
 * @param startPseudoCount α_π ≥ 0 added to every expected initial-state count
 * @param transitionPseudoCount α_A ≥ 0 added to every expected transition count
 * @param emissionPseudoCount β ≥ 0 added to every expected emission count (categorical
 *     emissions only; must be 0 for Gaussian and Poisson ones)
 * @param learnStart false to keep the start distribution fixed
 * @param learnTransitions false to keep the transition matrix fixed
 * @param regCovar ≥ 0, in the squared units of the data, added to every variance (the diagonal
 *     of every covariance) after each M-step, like the mixtures' regCovar and hmmlearn's
 *     min_covar (Gaussian emissions only; must be 0 for the others)
 * @param rateFloor ≥ 0, the lower bound of every rate after each M-step, like the Poisson
 *     mixture's rate floor (Poisson emissions only; must be 0 for the others)
 */
public record BaumWelchSettings(double startPseudoCount, double transitionPseudoCount,
    double emissionPseudoCount, boolean learnStart, boolean learnTransitions, double regCovar,
    double rateFloor) implements Serializable {
  /** Plain maximum likelihood of every parameter. */
  public static final BaumWelchSettings MAXIMUM_LIKELIHOOD =
      new BaumWelchSettings(0, 0, 0, true, true);

  /**
   * @throws IllegalArgumentException naming a pseudo-count, regCovar or rateFloor that is
   *     negative or not finite
   */
  public BaumWelchSettings {
    check(startPseudoCount, "startPseudoCount");
    check(transitionPseudoCount, "transitionPseudoCount");
    check(emissionPseudoCount, "emissionPseudoCount");
    check(regCovar, "regCovar");
    check(rateFloor, "rateFloor");
  }

  /**
   * Settings with no covariance ridge and no rate floor.
   *
   * @throws IllegalArgumentException naming a pseudo-count that is negative or not finite
   */
  public BaumWelchSettings(double startPseudoCount, double transitionPseudoCount,
      double emissionPseudoCount, boolean learnStart, boolean learnTransitions) {
    this(startPseudoCount, transitionPseudoCount, emissionPseudoCount, learnStart,
        learnTransitions, 0, 0);
  }

  /**
   * These settings with another covariance ridge and rate floor.
   *
   * @throws IllegalArgumentException if either is negative or not finite
   */
  public BaumWelchSettings withFloors(double regCovar, double rateFloor) {
    return new BaumWelchSettings(startPseudoCount, transitionPseudoCount, emissionPseudoCount,
        learnStart, learnTransitions, regCovar, rateFloor);
  }

  private static void check(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " is " + value + ", expected a finite number >= 0");
    }
  }

  /**
   * Rejects the emission smoothing values that an emission does not use.
   *
   * @param emission the emission's name, for the message
   * @param used the names among emissionPseudoCount, regCovar and rateFloor that it uses
   * @throws IllegalArgumentException naming the first nonzero value not in {@code used}
   */
  void requireUnusedZero(String emission, String... used) {
    java.util.List<String> uses = java.util.List.of(used);
    String[] names = {"emissionPseudoCount", "regCovar", "rateFloor"};
    double[] values = {emissionPseudoCount, regCovar, rateFloor};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != 0 && !uses.contains(names[i])) {
        throw new IllegalArgumentException(names[i] + " is " + values[i] + ", expected 0 for "
            + emission + " emissions (it does not apply to them)");
      }
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
