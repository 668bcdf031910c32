package dev.sparkem.mixture.gaussian;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws rows from a Gaussian mixture of any covariance type (x = μ_j + L_j·z with z standard
 * normal, L_j the Cholesky factor or the standard deviations, and j drawn by weight), and makes
 * random well-separated full-covariance mixtures for synthetic data. Not thread-safe: one
 * sampler per task.
 */
public final class GaussianMixtureSampler {
  private final GaussianMixtureParameters model;
  private final double[][] lowers;
  private final double[] cumulativeWeights;
  private final SplittableRandom random;

  /** A sampler of {@code model} driven by {@code random}. */
  public GaussianMixtureSampler(GaussianMixtureParameters model, SplittableRandom random) {
    this.model = model;
    this.random = random;
    int k = model.k();
    this.lowers = new double[k][];
    this.cumulativeWeights = new double[k];
    double[] weights = model.weights();
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
      lowers[j] = diagonal(model) ? null : model.factor(j).lower();
      sum += weights[j];
      cumulativeWeights[j] = sum;
    }
  }

  /** One draw: writes d values to {@code out} and returns the component it came from. */
  public int sample(double[] out) {
    int d = model.dimension();
    double u = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
    int j = 0;
    while (j < cumulativeWeights.length - 1 && u >= cumulativeWeights[j]) {
      j++;
    }
    double[] z = new double[d];
    for (int a = 0; a < d; a++) {
      z[a] = random.nextGaussian();
    }
    double[] mean = model.mean(j);
    double[] lower = lowers[j];
    for (int a = 0; a < d; a++) {
      double v = mean[a];
      if (lower == null) {
        v += Math.sqrt(model.variance(j, a)) * z[a];
      } else {
        for (int b = 0; b <= a; b++) {
          v += lower[b * d + a] * z[b];
        }
      }
      out[a] = v;
    }
    return j;
  }

  private static boolean diagonal(GaussianMixtureParameters model) {
    return model.covarianceType() == CovarianceType.DIAG
        || model.covarianceType() == CovarianceType.SPHERICAL;
  }

  /**
   * A random mixture of k components in d dimensions: weights from a flat Dirichlet floored at
   * 1/(4k) before renormalising, means with independent N(0, 5²) coordinates, covariances
   * B·Bᵀ/d + ½·I with standard normal B (O(k·d³) work: for d in the thousands use
   * {@link #randomDiagonalMixture}).
   */
  public static GaussianMixtureParameters randomMixture(int k, int d, SplittableRandom random) {
    double[] weights = new double[k];
    double[][] means = new double[k][];
    double[][][] covariances = new double[k][d][d];
    for (int j = 0; j < k; j++) {
      weights[j] = unnormalisedWeight(k, random);
      means[j] = randomMean(d, random);
      double[][] b = new double[d][d];
      for (double[] row : b) {
        Arrays.setAll(row, i -> random.nextGaussian());
      }
      for (int a = 0; a < d; a++) {
        for (int c = 0; c < d; c++) {
          double v = 0.0;
          for (int t = 0; t < d; t++) {
            v += b[a][t] * b[c][t];
          }
          covariances[j][a][c] = v / d + (a == c ? 0.5 : 0.0);
        }
      }
    }
    return GaussianMixtureParameters.full(normalised(weights), means, covariances);
  }

  /**
   * A random mixture of k components in d dimensions with diagonal covariances: weights and
   * means as {@link #randomMixture}, variances ½ + U(0, 2), independently per component and
   * coordinate. O(k·d) work and memory.
   */
  public static GaussianMixtureParameters randomDiagonalMixture(int k, int d,
      SplittableRandom random) {
    double[] weights = new double[k];
    double[][] means = new double[k][];
    double[] variances = new double[k * d];
    for (int j = 0; j < k; j++) {
      weights[j] = unnormalisedWeight(k, random);
      means[j] = randomMean(d, random);
      for (int a = 0; a < d; a++) {
        variances[j * d + a] = 0.5 + 2 * random.nextDouble();
      }
    }
    return GaussianMixtureParameters.of(CovarianceType.DIAG, normalised(weights), means,
        variances);
  }

  /** One weight of a flat Dirichlet draw of k, floored at 1/(4k), before renormalising. */
  private static double unnormalisedWeight(int k, SplittableRandom random) {
    return Math.max(-Math.log(1.0 - random.nextDouble()), 1.0 / (4 * k));
  }

  /** The weights divided by their sum, added in order. */
  private static double[] normalised(double[] weights) {
    double sum = 0.0;
    for (double w : weights) {
      sum += w;
    }
    double[] normalised = new double[weights.length];
    for (int j = 0; j < weights.length; j++) {
      normalised[j] = weights[j] / sum;
    }
    return normalised;
  }

  /** A mean of d independent N(0, 5²) coordinates. */
  private static double[] randomMean(int d, SplittableRandom random) {
    double[] mean = new double[d];
    for (int a = 0; a < d; a++) {
      mean[a] = 5.0 * random.nextGaussian();
    }
    return mean;
  }
}
