package dev.sparkem.mixture.bernoulli;

import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.FamilyFixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 binary rows drawn from a random 3-component Bernoulli mixture in 20 dimensions are
 * fitted back (maximum likelihood, from the truth blended half-and-half with 1/2) to within 5
 * standard errors derived from n: sqrt(w(1 − w)/n) for weights and sqrt(μ(1 − μ)/(n·w)) for
 * probabilities, up to label switching. The data go in sparse.
 */
class BernoulliRecoveryTest {
  private static final int N = 100_000;
  private static final int D = 20;

  @Test
  void fitsBackTheGeneratingParameters() {
    SplittableRandom random = new SplittableRandom(17);
    BernoulliMixtureParameters truth = BernoulliMixtureSampler.randomMixture(3, D, random);
    BernoulliMixtureSampler sampler = new BernoulliMixtureSampler(truth, random);
    double[][] rows = new double[N][D];
    for (double[] row : rows) {
      sampler.sample(row);
    }
    double[][] start = truth.mu();
    for (double[] row : start) {
      for (int a = 0; a < D; a++) {
        row[a] = 0.5 * row[a] + 0.25;
      }
    }
    PackedData data = FamilyFixtures.pack(rows, 4, BernoulliMixtureFamily.VALUE_DOMAIN, true);
    try {
      FitResult<BernoulliMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
          new BernoulliMixtureFamily(0.0),
          BernoulliMixtureParameters.of(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, start),
          new EmSettings(500, 0, 1e-12), IterationListener.NONE);
      assertMonotone(fit);
      assertTrue(fit.converged(), fit.toString());
      BernoulliMixtureParameters model = fit.model();
      int[] p = FamilyFixtures.match(truth.mu(), model.mu());
      double[] w = truth.weights();
      for (int j = 0; j < 3; j++) {
        double[] expected = truth.mu(j);
        double[] se = new double[D];
        for (int a = 0; a < D; a++) {
          se[a] = Math.sqrt(expected[a] * (1 - expected[a]) / (N * w[j]));
        }
        FamilyFixtures.assertWithinFiveStandardErrors(expected, model.mu(p[j]), se,
            "mu[" + j + "]");
        FamilyFixtures.assertWithinFiveStandardErrors(new double[] {w[j]},
            new double[] {model.weights()[p[j]]},
            new double[] {Math.sqrt(w[j] * (1 - w[j]) / N)}, "weights[" + j + "]");
      }
    } finally {
      data.release();
    }
  }
}
