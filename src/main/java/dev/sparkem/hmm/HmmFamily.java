package dev.sparkem.hmm;

import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;

/**
 * Baum–Welch as an EM model family. The E-step runs scaled forward–backward on each sequence of
 * a block; the M-step is closed form (pseudo-counts and what is learned from
 * {@link BaumWelchSettings}):
 * <ul>
 *   <li>π_k = (Σ_s w_s γ_1(k) + α_π) / (Σ_s w_s + n·α_π), or the previous π when it is fixed;
 *   <li>a_ij = (ξ_ij + α_A) / (Σ_j ξ_ij + n·α_A), or the previous A when it is fixed;
 *   <li>emissions by {@link EmissionStatistics#maximize} with the emission pseudo-count β
 *       (categorical), the covariance ridge (Gaussian) or the rate floor (Poisson).
 * </ul>
 * With pseudo-counts the M-step maximises the posterior under Dirichlet(α + 1) priors, returned
 * by {@link #logPrior} so the engine checks monotonicity of the right objective. Pseudo-counts
 * of 0 (the default) give plain maximum likelihood. A transition row or emission state with no
 * expected counts keeps its previous value.
 */
public final class HmmFamily
    implements ModelFamily<SequenceBlock, HmmParameters, HmmStatistics> {
  private static final long serialVersionUID = 1L;

  private final BaumWelchSettings settings;

  /** Plain maximum likelihood. */
  public HmmFamily() {
    this(BaumWelchSettings.MAXIMUM_LIKELIHOOD);
  }

  /**
   * Learns every parameter, smoothing transitions and emissions (not the start distribution).
   *
   * @param transitionPseudoCount α ≥ 0 added to every expected transition count
   * @param emissionPseudoCount β ≥ 0 added to every expected emission count (categorical
   *     emissions only; must be 0 for Gaussian and Poisson ones)
   * @throws IllegalArgumentException if a pseudo-count is negative or not finite
   */
  public HmmFamily(double transitionPseudoCount, double emissionPseudoCount) {
    this(new BaumWelchSettings(0, transitionPseudoCount, emissionPseudoCount, true, true));
  }

  /** @throws NullPointerException if settings is null */
  public HmmFamily(BaumWelchSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  /** The M-step's pseudo-counts and what it learns. */
  public BaumWelchSettings settings() {
    return settings;
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
    double[] start = settings.learnStart()
        ? Probabilities.maximizeRows(stats.initial, previous.startArray(), 1, n,
            settings.startPseudoCount())
        : previous.startArray();
    double[] a = settings.learnTransitions()
        ? Probabilities.maximizeRows(stats.transitions, previous.transitionArray(), n, n,
            settings.transitionPseudoCount())
        : previous.transitionArray();
    Emission emission = stats.emission.maximize(previous.emission(), settings);
    return HmmParameters.fromMaximization(start, a, emission);
  }

  @Override
  public double logPrior(HmmParameters params) {
    return (settings.learnStart()
        ? Probabilities.dirichletLogPrior(params.startArray(), settings.startPseudoCount()) : 0)
        + (settings.learnTransitions() ? Probabilities.dirichletLogPrior(
            params.transitionArray(), settings.transitionPseudoCount()) : 0)
        + params.emission().logPrior(settings.emissionPseudoCount());
  }
}
