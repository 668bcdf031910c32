package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.mixture.Posteriors;

/**
 * The Gaussian mixture with full covariances as an EM model family. E-step: log joint densities
 * through the Cholesky factors, posteriors by log-sum-exp, statistics about the current means.
 * M-step (scikit-learn's rules): N_j = Σ r_ij, w_j = N_j / Σ N, μ_j = Σ r x / N_j,
 * Σ_j = Σ r (x − μ_j)(x − μ_j)ᵀ / N_j + regCovar·I.
 */
public final class FullCovarianceFamily
    implements ModelFamily<RowBlock, GaussianMixtureParameters, FullCovarianceStatistics> {
  private static final long serialVersionUID = 1L;

  /** scikit-learn's default covariance ridge. */
  public static final double DEFAULT_REG_COVAR = 1e-6;

  private final double regCovar;

  /**
   * @param regCovar added to the diagonal of every covariance after each M-step, ≥ 0
   * @throws IllegalArgumentException if regCovar is negative or not finite
   */
  public FullCovarianceFamily(double regCovar) {
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("regCovar is " + regCovar + ", expected >= 0");
    }
    this.regCovar = regCovar;
  }

  public double regCovar() {
    return regCovar;
  }

  @Override
  public FullCovarianceStatistics zero(GaussianMixtureParameters params) {
    double[] centres = new double[params.k() * params.dimension()];
    for (int j = 0; j < params.k(); j++) {
      System.arraycopy(params.mean(j), 0, centres, j * params.dimension(), params.dimension());
    }
    return new FullCovarianceStatistics(params.k(), params.dimension(), centres);
  }

  @Override
  public double accumulate(GaussianMixtureParameters params, RowBlock block,
      FullCovarianceStatistics stats) {
    double[] responsibilities = new double[block.rows() * params.k()];
    double[] scratch = new double[block.rows() * block.dimension()];
    params.logJointDensities(block, responsibilities, scratch);
    double logLikelihood = Posteriors.normalize(responsibilities, params.k(), block, null);
    stats.add(block, responsibilities, scratch);
    return logLikelihood;
  }

  @Override
  public GaussianMixtureParameters maximize(
      FullCovarianceStatistics stats, GaussianMixtureParameters previous) {
    int k = stats.k();
    int d = stats.dimension();
    double total = 0.0;
    for (int j = 0; j < k; j++) {
      total += stats.weight(j);
    }
    double[] weights = new double[k];
    double[] means = new double[k * d];
    double[] covariances = new double[k * d * d];
    for (int j = 0; j < k; j++) {
      double n = stats.weight(j);
      if (!(n > 0)) {
        throw new DegenerateModelException("component " + j + " lost all its weight (its "
            + "posterior probabilities sum to " + n + " over " + total + " units of weight)");
      }
      weights[j] = n / total;
      double[] centre = stats.centre(j);
      double[] offset = stats.firstMoment(j);
      for (int a = 0; a < d; a++) {
        offset[a] /= n;
        means[j * d + a] = centre[a] + offset[a];
      }
      for (int b = 0; b < d; b++) {
        for (int a = b; a < d; a++) {
          double c = stats.scatter(j, a, b) / n - offset[a] * offset[b];
          covariances[(j * d + b) * d + a] = c;
          covariances[(j * d + a) * d + b] = c;
        }
        covariances[(j * d + b) * d + b] += regCovar;
      }
    }
    return GaussianMixtureParameters.fromMaximization(k, d, weights, means, covariances);
  }
}
