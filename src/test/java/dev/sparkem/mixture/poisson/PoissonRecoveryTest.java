package dev.sparkem.mixture.poisson;

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
 * 100,000 rows drawn from a known 3-component Poisson mixture in 5 dimensions (rates from 0.5
 * to 40, which exercises the chunked sampler) are fitted back, started from
 * {@link PoissonStarts#fromRows} of the true rates (each rate + 1/2, equal weights), to within 5
 * standard errors derived from n: sqrt(w(1 − w)/n) for weights and
 * sqrt(λ/(n·w)) for rates, up to label switching.
 */
class PoissonRecoveryTest {
  private static final int N = 100_000;
  private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
  private static final double[][] RATES = {
      {1, 8, 3, 15, 0.5}, {6, 1, 12, 2, 4}, {40, 4, 1, 7, 10}};

  @Test
  void fitsBackTheGeneratingParameters() {
    PoissonMixtureParameters truth = PoissonMixtureParameters.of(WEIGHTS, RATES);
    PoissonMixtureSampler sampler = new PoissonMixtureSampler(truth, new SplittableRandom(5));
    double[][] rows = new double[N][5];
    for (double[] row : rows) {
      sampler.sample(row);
    }
    PackedData data = FamilyFixtures.pack(rows, 4, PoissonMixtureFamily.VALUE_DOMAIN, false);
    try {
      PoissonMixtureParameters start = PoissonStarts.fromRows(new double[][] {
          RATES[0].clone(), RATES[1].clone(), RATES[2].clone()});
      FitResult<PoissonMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
          new PoissonMixtureFamily(), start, new EmSettings(500, 0, 1e-12),
          IterationListener.NONE);
      assertMonotone(fit);
      assertTrue(fit.converged(), fit.toString());
      PoissonMixtureParameters model = fit.model();
      int[] p = FamilyFixtures.match(RATES, model.rates());
      for (int j = 0; j < 3; j++) {
        double[] se = new double[5];
        for (int a = 0; a < 5; a++) {
          se[a] = Math.sqrt(RATES[j][a] / (N * WEIGHTS[j]));
        }
        FamilyFixtures.assertWithinFiveStandardErrors(RATES[j], model.rates(p[j]), se,
            "rates[" + j + "]");
        FamilyFixtures.assertWithinFiveStandardErrors(new double[] {WEIGHTS[j]},
            new double[] {model.weights()[p[j]]},
            new double[] {Math.sqrt(WEIGHTS[j] * (1 - WEIGHTS[j]) / N)}, "weights[" + j + "]");
      }
    } finally {
      data.release();
    }
  }
}
