package dev.sparkem.mixture.gaussian;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.sparkem.data.RowBlock;
import dev.sparkem.testing.BruteForce;
import dev.sparkem.testing.Samples;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One EM step of the full-covariance family on a single block against a direct computation:
 * densities from an explicit inverse and determinant, posteriors by the naive formula, the M-step
 * as two-pass weighted means and covariances.
 */
class FullCovarianceStepTest {
  private static final double TOLERANCE = 1e-10;

  /** Random parameters: k components in d dimensions around {@code offset}, spread 3. */
  private static GaussianMixtureParameters randomParameters(Random random, int k, int d,
      double offset) {
    double[] weights = Samples.uniform(random, k, 0.2, 1);
    double sum = Arrays.stream(weights).sum();
    double[][] means = new double[k][];
    double[][][] covariances = new double[k][][];
    for (int j = 0; j < k; j++) {
      weights[j] /= sum;
      means[j] = Samples.uniform(random, d, offset - 3, offset + 3);
      covariances[j] = Samples.randomSpd(random, d, 1.5);
    }
    return GaussianMixtureParameters.full(weights, means, covariances);
  }

  /** n rows near the parameters' means with weights in [0, 4), some exactly 0. */
  private static RowBlock randomBlock(Random random, int n, int d, double offset) {
    double[] weights = Samples.uniform(random, n, 0, 4);
    weights[n / 2] = 0.0;
    return RowBlock.dense(n, d, Samples.uniform(random, n * d, offset - 6, offset + 6), weights);
  }

  /** log w_j + log N(x_i; μ_j, Σ_j) by explicit inverse and determinant (n×k, row-major). */
  private static double[] bruteLogJoint(GaussianMixtureParameters params, RowBlock block) {
    int k = params.k();
    double[] out = new double[block.rows() * k];
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        out[i * k + j] = Math.log(params.weights()[j])
            + BruteForce.logGaussian(block.row(i), params.mean(j), params.covariance(j));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "k={0} d={1} n={2} offset={3}")
  @CsvSource({"1,1,5,0", "3,2,40,0", "4,5,33,0", "2,3,17,1000", "5,7,64,-50"})
  void logJointDensitiesMatchExplicitInverse(int k, int d, int n, double offset) {
    Random random = new Random(1000L * k + d);
    GaussianMixtureParameters params = randomParameters(random, k, d, offset);
    RowBlock block = randomBlock(random, n, d, offset);
    double[] before = block.denseValues().clone();
    double[] out = new double[n * k];
    params.logJointDensities(block, out);
    double[] expected = bruteLogJoint(params, block);
    for (int t = 0; t < out.length; t++) {
      assertRelative(expected[t], out[t], TOLERANCE, "log joint density of row " + (t / k)
          + ", component " + (t % k));
    }
    assertArrayEquals(before, block.denseValues(), "the block is read, never written");
  }

  @ParameterizedTest(name = "k={0} d={1} n={2} offset={3} regCovar={4}")
  @CsvSource({"1,2,30,0,0", "3,2,40,0,1e-6", "4,5,80,0,0.1", "2,3,50,1000,1e-6"})
  void oneStepMatchesDirectComputation(int k, int d, int n, double offset, double regCovar) {
    Random random = new Random(7000L * k + d);
    GaussianMixtureParameters params = randomParameters(random, k, d, offset);
    RowBlock block = randomBlock(random, n, d, offset);
    GaussianMixtureFamily family = new GaussianMixtureFamily(CovarianceType.FULL, regCovar);

    // E-step: r_ij = weight_i · exp(l_ij) / Σ_j exp(l_ij), log-likelihood Σ_i weight_i · log Σ_j.
    double[] logJoint = bruteLogJoint(params, block);
    double[] r = new double[n * k];
    double logLikelihood = 0.0;
    for (int i = 0; i < n; i++) {
      double density = 0.0;
      for (int j = 0; j < k; j++) {
        density += Math.exp(logJoint[i * k + j]);
      }
      for (int j = 0; j < k; j++) {
        r[i * k + j] = block.weight(i) * Math.exp(logJoint[i * k + j]) / density;
      }
      logLikelihood += block.weight(i) * Math.log(density);
    }
    GaussianStatistics stats = family.zero(params);
    assertRelative(logLikelihood, family.accumulate(params, block, stats), TOLERANCE,
        "block log-likelihood");

    // M-step: weighted mean first, then the weighted covariance about it (two passes).
    GaussianMixtureParameters next = family.maximize(stats, params);
    double total = 0.0;
    for (int j = 0; j < k; j++) {
      double nj = 0.0;
      double[] mean = new double[d];
      for (int i = 0; i < n; i++) {
        nj += r[i * k + j];
        for (int a = 0; a < d; a++) {
          mean[a] += r[i * k + j] * block.denseValues()[i * d + a];
        }
      }
      total += nj;
      assertRelative(nj, stats.weight(j), TOLERANCE, "N_" + j);
      for (int a = 0; a < d; a++) {
        mean[a] /= nj;
      }
      double[][] covariance = new double[d][d];
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            covariance[a][b] += r[i * k + j] * (block.denseValues()[i * d + a] - mean[a])
                * (block.denseValues()[i * d + b] - mean[b]);
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          covariance[a][b] = covariance[a][b] / nj + (a == b ? regCovar : 0.0);
        }
      }
      assertClose(mean, next.mean(j), TOLERANCE, "mean " + j);
      assertClose(covariance, next.covariance(j), TOLERANCE, "covariance " + j);
      assertRelative(nj / block.totalWeight(), next.weights()[j], TOLERANCE, "weight " + j);
    }
    assertRelative(block.totalWeight(), total, TOLERANCE, "Σ_j N_j = Σ_i weight_i");
  }
}
