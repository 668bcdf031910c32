package dev.sparkem.mixture.bernoulli;

import dev.sparkem.data.RowBlock;
import dev.sparkem.data.ValueDomain;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.mixture.ComponentSums;
import dev.sparkem.mixture.NonZeros;
import dev.sparkem.mixture.Posteriors;

/**
 * The mixture of independent Bernoullis as an EM model family over binary rows, dense or sparse,
 * in O(nnz·k) per block.
 *
 * <p>M-step with smoothing α ≥ 0: μ_ja = (S_ja + α)/(N_j + 2α), w_j = N_j/N, where
 * S_ja = Σ_i r_ij·x_ia and N_j = Σ_i r_ij. For α &gt; 0 this is the MAP step under a
 * Beta(1 + α, 1 + α) prior on every μ_ja (α pseudo-observations of each outcome), which keeps
 * every probability strictly inside (0, 1); EM then increases log p(x) + α·Σ_ja [log μ_ja +
 * log(1 − μ_ja)], which {@link #logPrior} supplies to the engine's monotonicity and convergence
 * checks; the reported trace stays the log-likelihood. The default α is {@value #DEFAULT_ALPHA}.
 * α = 0 is maximum likelihood, where probabilities can reach exactly 0 or 1 (a column that is
 * always 0 gives μ = 0); scoring handles those exactly (0·log 0 = 0).
 */
public final class BernoulliMixtureFamily
    implements ModelFamily<RowBlock, BernoulliMixtureParameters, ComponentSums> {
  private static final long serialVersionUID = 1L;

  /** The values this family accepts: 0 or 1. Pass it to the packing. */
  public static final ValueDomain VALUE_DOMAIN = ValueDomain.BINARY;
  /** The default smoothing α. */
  public static final double DEFAULT_ALPHA = 1e-2;

  private final double alpha;

  /**
   * @param alpha the pseudo-count added to each outcome of every column, ≥ 0
   * @throws IllegalArgumentException if alpha is negative or not finite
   */
  public BernoulliMixtureFamily(double alpha) {
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha is " + alpha + ", expected a finite number >= 0");
    }
    this.alpha = alpha;
  }

  public double alpha() {
    return alpha;
  }

  @Override
  public ComponentSums zero(BernoulliMixtureParameters params) {
    return new ComponentSums(params.k(), params.dimension());
  }

  /** k·d sums: large statistics are reduced per component. */
  @Override
  public long statisticsValues(BernoulliMixtureParameters params) {
    return ComponentSums.values(params.k(), params.dimension());
  }

  @Override
  public double accumulate(BernoulliMixtureParameters params, RowBlock block,
      ComponentSums stats) {
    if (block.dimension() != params.dimension()) {
      throw new IllegalArgumentException("found rows of width " + block.dimension()
          + ", expected " + params.dimension());
    }
    NonZeros x = NonZeros.of(block);
    double[] responsibilities = new double[block.rows() * params.k()];
    params.logJointDensities(x, responsibilities);
    double logLikelihood = Posteriors.normalize(responsibilities, params.k(), block, null);
    stats.add(x, responsibilities);
    return logLikelihood;
  }

  /**
   * @throws DegenerateModelException naming the component, if a component lost all its weight
   */
  @Override
  public BernoulliMixtureParameters maximize(ComponentSums stats,
      BernoulliMixtureParameters previous) {
    int k = stats.k();
    int d = stats.dimension();
    double[] weights = stats.mixingWeights();
    double[] mu = new double[k * d];
    for (int j = 0; j < k; j++) {
      double n = stats.weight(j);
      for (int a = 0; a < d; a++) {
        mu[j * d + a] = Math.min(1.0, (stats.sum(j, a) + alpha) / (n + 2 * alpha));
      }
    }
    return BernoulliMixtureParameters.fromMaximization(k, d, weights, mu);
  }

  /**
   * α·Σ_ja [log μ_ja + log(1 − μ_ja)], the log Beta(1 + α, 1 + α) prior up to a constant; 0 when
   * α = 0.
   */
  @Override
  public double logPrior(BernoulliMixtureParameters params) {
    return alpha == 0.0 ? 0.0 : alpha * params.sumLogMuAndComplement();
  }
}
