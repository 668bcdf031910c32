package dev.sparkem.mixture.poisson;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static dev.sparkem.testing.NumericAssertions.assertRelative;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.FamilyFixtures;
import org.junit.jupiter.api.Test;

/**
 * Five EM iterations on eight tiny count rows, recomputed here with plain double loops from the
 * model's definition (no code shared with the implementation): parameters and log-likelihood
 * (−log x! included) of every iteration agree to 1e-12. Column 2 is 0 in every row, so its rates
 * sit on the floor from the first M-step.
 */
class PoissonBruteForceTest {
  private static final double[][] X = {
      {3, 0, 0}, {0, 4, 0}, {1, 1, 0}, {5, 0, 0}, {0, 2, 0}, {2, 7, 0}, {9, 1, 0}, {0, 0, 0}};
  private static final double[] W0 = {0.3, 0.7};
  private static final double[][] RATES0 = {{4.0, 0.5, 1.0}, {1.0, 3.0, 2.0}};
  private static final double FLOOR = 1e-10;
  private static final int ITERATIONS = 5;

  private static double logFactorial(double x) {
    double s = 0.0;
    for (int i = 2; i <= x; i++) {
      s += Math.log(i);
    }
    return s;
  }

  @Test
  void everyIterationMatchesPlainLoops() {
    int n = X.length;
    int k = W0.length;
    int d = X[0].length;
    double[] w = W0.clone();
    double[][] rates = {RATES0[0].clone(), RATES0[1].clone()};
    double[] logLikelihoods = new double[ITERATIONS + 1];
    double[][] weightsAfter = new double[ITERATIONS + 1][];
    double[][][] ratesAfter = new double[ITERATIONS + 1][][];
    for (int t = 0; t <= ITERATIONS; t++) {
      weightsAfter[t] = w.clone();
      ratesAfter[t] = new double[][] {rates[0].clone(), rates[1].clone()};
      double ll = 0.0;
      double[][] r = new double[n][k];
      for (int i = 0; i < n; i++) {
        double p = 0.0;
        for (int j = 0; j < k; j++) {
          double logDensity = Math.log(w[j]);
          for (int a = 0; a < d; a++) {
            logDensity += X[i][a] * Math.log(rates[j][a]) - rates[j][a] - logFactorial(X[i][a]);
          }
          r[i][j] = Math.exp(logDensity);
          p += r[i][j];
        }
        for (int j = 0; j < k; j++) {
          r[i][j] /= p;
        }
        ll += Math.log(p);
      }
      logLikelihoods[t] = ll;
      for (int j = 0; j < k; j++) {
        double nj = 0.0;
        double[] s = new double[d];
        for (int i = 0; i < n; i++) {
          nj += r[i][j];
          for (int a = 0; a < d; a++) {
            s[a] += r[i][j] * X[i][a];
          }
        }
        w[j] = nj / n;
        for (int a = 0; a < d; a++) {
          rates[j][a] = Math.max(s[a] / nj, FLOOR);
        }
      }
    }

    PackedData data = FamilyFixtures.pack(X, 2, PoissonMixtureFamily.VALUE_DOMAIN, false);
    PoissonMixtureParameters start = PoissonMixtureParameters.of(W0, RATES0);
    try {
      for (int t = 1; t <= ITERATIONS; t++) {
        FitResult<PoissonMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
            new PoissonMixtureFamily(FLOOR), start, new EmSettings(t, 0, 0),
            IterationListener.NONE);
        assertMonotone(fit);
        assertClose(weightsAfter[t], fit.model().weights(), 1e-12, "weights after " + t);
        for (int j = 0; j < k; j++) {
          assertClose(ratesAfter[t][j], fit.model().rates(j), 1e-12, "rates[" + j + "] after " + t);
        }
        for (int s = 0; s <= t; s++) {
          assertRelative(logLikelihoods[s], fit.logLikelihoods()[s], 1e-12,
              "log-likelihood after " + s);
        }
      }
    } finally {
      data.release();
    }
  }
}
