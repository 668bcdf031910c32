package dev.sparkem.mixture.multinomial;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static dev.sparkem.testing.NumericAssertions.assertRelative;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.FamilyFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Five EM iterations on seven tiny documents, recomputed here with plain double loops straight
 * from the model's definition (no code shared with the implementation): parameters, the
 * log-likelihood (multinomial coefficient included) and the MAP objective of every iteration
 * agree to 1e-12.
 */
class MultinomialBruteForceTest {
  private static final double[][] X = {
      {3, 0, 1, 2}, {0, 4, 1, 0}, {1, 1, 1, 1}, {5, 0, 0, 1}, {0, 2, 3, 0}, {2, 2, 0, 0},
      {0, 0, 6, 1}};
  private static final double[] W0 = {0.4, 0.6};
  private static final double[][] THETA0 = {{0.4, 0.1, 0.2, 0.3}, {0.1, 0.4, 0.3, 0.2}};
  private static final int ITERATIONS = 5;

  private static double logFactorial(double x) {
    double s = 0.0;
    for (int i = 2; i <= x; i++) {
      s += Math.log(i);
    }
    return s;
  }

  @ParameterizedTest(name = "alpha={0}")
  @ValueSource(doubles = {0.0, 0.5})
  void everyIterationMatchesPlainLoops(double alpha) {
    int n = X.length;
    int k = W0.length;
    int v = X[0].length;
    double[] w = W0.clone();
    double[][] theta = {THETA0[0].clone(), THETA0[1].clone()};
    double[] logLikelihoods = new double[ITERATIONS + 1];
    double[] objectives = new double[ITERATIONS + 1];
    double[][] weightsAfter = new double[ITERATIONS + 1][];
    double[][][] thetaAfter = new double[ITERATIONS + 1][][];
    for (int t = 0; t <= ITERATIONS; t++) {
      weightsAfter[t] = w.clone();
      thetaAfter[t] = new double[][] {theta[0].clone(), theta[1].clone()};
      double ll = 0.0;
      double[][] r = new double[n][k];
      for (int i = 0; i < n; i++) {
        double length = 0.0;
        double coefficient = 0.0;
        for (int a = 0; a < v; a++) {
          length += X[i][a];
          coefficient -= logFactorial(X[i][a]);
        }
        coefficient += logFactorial(length);
        double p = 0.0;
        for (int j = 0; j < k; j++) {
          double prod = w[j];
          for (int a = 0; a < v; a++) {
            prod *= Math.pow(theta[j][a], X[i][a]);
          }
          r[i][j] = prod;
          p += prod;
        }
        for (int j = 0; j < k; j++) {
          r[i][j] /= p;
        }
        ll += Math.log(p) + coefficient;
      }
      double prior = 0.0;
      for (int j = 0; j < k; j++) {
        for (int a = 0; a < v; a++) {
          prior += alpha * Math.log(theta[j][a]);
        }
      }
      logLikelihoods[t] = ll;
      objectives[t] = ll + prior;
      for (int j = 0; j < k; j++) {
        double nj = 0.0;
        double words = 0.0;
        double[] s = new double[v];
        for (int i = 0; i < n; i++) {
          nj += r[i][j];
          for (int a = 0; a < v; a++) {
            s[a] += r[i][j] * X[i][a];
            words += r[i][j] * X[i][a];
          }
        }
        w[j] = nj / n;
        for (int a = 0; a < v; a++) {
          theta[j][a] = (s[a] + alpha) / (words + alpha * v);
        }
      }
    }

    PackedData data = FamilyFixtures.pack(X, 2, MultinomialMixtureFamily.VALUE_DOMAIN, true);
    MultinomialMixtureFamily family = new MultinomialMixtureFamily(alpha);
    MultinomialMixtureParameters start = MultinomialMixtureParameters.of(W0, THETA0);
    try {
      for (int t = 1; t <= ITERATIONS; t++) {
        FitResult<MultinomialMixtureParameters> fit = ExpectationMaximization.fit(
            data.blocks(), family, start, new EmSettings(t, 0, 0), IterationListener.NONE);
        assertMonotone(fit);
        assertClose(weightsAfter[t], fit.model().weights(), 1e-12, "weights after " + t);
        assertClose(thetaAfter[t], fit.model().theta(), 1e-12, "theta after " + t);
        for (int s = 0; s <= t; s++) {
          assertRelative(logLikelihoods[s], fit.logLikelihoods()[s], 1e-12,
              "log-likelihood after " + s);
          assertRelative(objectives[s], fit.objectives()[s], 1e-12, "objective after " + s);
        }
      }
    } finally {
      data.release();
    }
  }
}
