package dev.sparkem.hmm;

import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;

/**
 * Baum–Welch as an EM model family. The E-step runs scaled forward–backward on each sequence of
 * a block; the M-step is closed form:
 * <ul>
 *   <li>π_k = Σ_s w_s γ_1(k) / Σ_s w_s (free initial distribution, never smoothed);
 *   <li>a_ij = (ξ_ij + α) / (Σ_j ξ_ij + n·α) with α the transition pseudo-count;
 *   <li>emissions by {@link EmissionStatistics#maximize} with the emission pseudo-count.
 * </ul>
 * With pseudo-counts the M-step maximises the posterior under Dirichlet(α + 1) priors, returned
 * by {@link #logPrior} so the engine checks monotonicity of the right objective. Pseudo-counts
 * of 0 (the default) give plain maximum likelihood. A transition row or emission state with no
 * expected counts keeps its previous value.
 */
public final class HmmFamily
    implements ModelFamily<SequenceBlock, HmmParameters, HmmStatistics> {
  private static final long serialVersionUID = 1L;

  private final double transitionPseudoCount;
  private final double emissionPseudoCount;

  /** Plain maximum likelihood. */
  public HmmFamily() {
    this(0.0, 0.0);
  }

  /**
   * @param transitionPseudoCount α ≥ 0 added to every expected transition count
   * @param emissionPseudoCount β ≥ 0 added to every expected emission count (categorical
   *     emissions only; must be 0 for Gaussian and Poisson ones)
   * @throws IllegalArgumentException if a pseudo-count is negative or not finite
   */
  public HmmFamily(double transitionPseudoCount, double emissionPseudoCount) {
    check(transitionPseudoCount, "transitionPseudoCount");
    check(emissionPseudoCount, "emissionPseudoCount");
    this.transitionPseudoCount = transitionPseudoCount;
    this.emissionPseudoCount = emissionPseudoCount;
  }

  private static void check(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " is " + value + ", expected a finite number >= 0");
    }
  }

  @Override
  public HmmStatistics zero(HmmParameters params) {
    return new HmmStatistics(params.states(), params.emission().zeroStatistics());
  }

  @Override
  public double accumulate(HmmParameters params, SequenceBlock block, HmmStatistics stats) {
    double ll = 0.0;
    for (int s = 0; s < block.rows(); s++) {
      ll += stats.add(params, block, s);
    }
    return ll;
  }

  /** @throws DegenerateModelException if no sequence carries weight, or an emission collapses */
  @Override
  public HmmParameters maximize(HmmStatistics stats, HmmParameters previous) {
    int n = stats.states();
    double total = 0.0;
    for (int k = 0; k < n; k++) {
      total += stats.initial[k];
    }
    if (!(total > 0)) {
      throw new DegenerateModelException("the expected initial-state counts sum to " + total
          + ", expected > 0 (no sequence carries weight)");
    }
    double[] start = new double[n];
    for (int k = 0; k < n; k++) {
      start[k] = stats.initial[k] / total;
    }
    double[] a = Probabilities.maximizeRows(stats.transitions, previous.transitionArray(), n, n,
        transitionPseudoCount);
    Emission emission = stats.emission.maximize(previous.emission(), emissionPseudoCount);
    return HmmParameters.fromMaximization(start, a, emission);
  }

  @Override
  public double logPrior(HmmParameters params) {
    return Probabilities.dirichletLogPrior(params.transitionArray(), transitionPseudoCount)
        + params.emission().logPrior(emissionPseudoCount);
  }
}
