package dev.sparkem.mixture.multinomial;

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
 * 100,000 documents of 40 words drawn from a known 3-component mixture over 12 words are fitted
 * back (maximum likelihood, from the truth blended half-and-half with the uniform distribution)
 * to within 5 standard errors derived from n: sqrt(w(1 − w)/n) for weights and
 * sqrt(θ(1 − θ)/(n·w·L)) for word probabilities, up to label switching.
 */
class MultinomialRecoveryTest {
  private static final int N = 100_000;
  private static final int V = 12;
  private static final int LENGTH = 40;

  @Test
  void fitsBackTheGeneratingParameters() {
    SplittableRandom random = new SplittableRandom(11);
    MultinomialMixtureParameters truth = MultinomialMixtureSampler.randomMixture(3, V, random);
    MultinomialMixtureSampler sampler = new MultinomialMixtureSampler(truth, random);
    double[][] rows = new double[N][V];
    for (double[] row : rows) {
      sampler.sample(LENGTH, row);
    }
    double[][] start = truth.theta();
    for (double[] row : start) {
      for (int w = 0; w < V; w++) {
        row[w] = 0.5 * row[w] + 0.5 / V;
      }
    }
    PackedData data = FamilyFixtures.pack(rows, 4, MultinomialMixtureFamily.VALUE_DOMAIN, true);
    try {
      FitResult<MultinomialMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
          new MultinomialMixtureFamily(0.0),
          MultinomialMixtureParameters.of(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, start),
          new EmSettings(500, 0, 1e-12), IterationListener.NONE);
      assertMonotone(fit);
      assertTrue(fit.converged(), fit.toString());
      MultinomialMixtureParameters model = fit.model();
      int[] p = FamilyFixtures.match(truth.theta(), model.theta());
      double[] w = truth.weights();
      for (int j = 0; j < 3; j++) {
        double[] expected = truth.theta(j);
        double[] se = new double[V];
        for (int a = 0; a < V; a++) {
          se[a] = Math.sqrt(expected[a] * (1 - expected[a]) / (N * w[j] * LENGTH));
        }
        FamilyFixtures.assertWithinFiveStandardErrors(expected, model.theta(p[j]), se,
            "theta[" + j + "]");
        FamilyFixtures.assertWithinFiveStandardErrors(new double[] {w[j]},
            new double[] {model.weights()[p[j]]},
            new double[] {Math.sqrt(w[j] * (1 - w[j]) / N)}, "weights[" + j + "]");
      }
    } finally {
      data.release();
    }
  }
}
