package dev.sparkem.mixture.bernoulli;

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
 * Five EM iterations on eight tiny binary rows, recomputed here with plain double loops in
 * probability space (no code shared with the implementation): parameters, log-likelihood and
 * MAP objective of every iteration agree to 1e-12. Column 3 is always 0 and column 4 always 1,
 * so maximum likelihood (α = 0) drives probabilities to exactly 0 and 1.
 */
class BernoulliBruteForceTest {
  private static final double[][] X = {
      {1, 0, 1, 0, 1}, {0, 1, 1, 0, 1}, {1, 1, 0, 0, 1}, {0, 0, 0, 0, 1}, {1, 0, 0, 0, 1},
      {0, 1, 0, 0, 1}, {1, 1, 1, 0, 1}, {0, 0, 1, 0, 1}};
  private static final double[] W0 = {0.45, 0.55};
  private static final double[][] MU0 = {{0.7, 0.2, 0.6, 0.3, 0.5}, {0.3, 0.6, 0.4, 0.2, 0.6}};
  private static final int ITERATIONS = 5;

  @ParameterizedTest(name = "alpha={0}")
  @ValueSource(doubles = {0.0, 0.3})
  void everyIterationMatchesPlainLoops(double alpha) {
    int n = X.length;
    int k = W0.length;
    int d = X[0].length;
    double[] w = W0.clone();
    double[][] mu = {MU0[0].clone(), MU0[1].clone()};
    double[] logLikelihoods = new double[ITERATIONS + 1];
    double[] objectives = new double[ITERATIONS + 1];
    double[][] weightsAfter = new double[ITERATIONS + 1][];
    double[][][] muAfter = new double[ITERATIONS + 1][][];
    for (int t = 0; t <= ITERATIONS; t++) {
      weightsAfter[t] = w.clone();
      muAfter[t] = new double[][] {mu[0].clone(), mu[1].clone()};
      double ll = 0.0;
      double[][] r = new double[n][k];
      for (int i = 0; i < n; i++) {
        double p = 0.0;
        for (int j = 0; j < k; j++) {
          double prod = w[j];
          for (int a = 0; a < d; a++) {
            prod *= Math.pow(mu[j][a], X[i][a]) * Math.pow(1 - mu[j][a], 1 - X[i][a]);
          }
          r[i][j] = prod;
          p += prod;
        }
        for (int j = 0; j < k; j++) {
          r[i][j] /= p;
        }
        ll += Math.log(p);
      }
      double prior = 0.0;
      if (alpha > 0) {
        for (int j = 0; j < k; j++) {
          for (int a = 0; a < d; a++) {
            prior += alpha * (Math.log(mu[j][a]) + Math.log(1 - mu[j][a]));
          }
        }
      }
      logLikelihoods[t] = ll;
      objectives[t] = ll + prior;
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
          mu[j][a] = (s[a] + alpha) / (nj + 2 * alpha);
        }
      }
    }

    PackedData data = FamilyFixtures.pack(X, 2, BernoulliMixtureFamily.VALUE_DOMAIN, false);
    BernoulliMixtureParameters start = BernoulliMixtureParameters.of(W0, MU0);
    try {
      for (int t = 1; t <= ITERATIONS; t++) {
        FitResult<BernoulliMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
            new BernoulliMixtureFamily(alpha), start, new EmSettings(t, 0, 0),
            IterationListener.NONE);
        assertMonotone(fit);
        assertClose(weightsAfter[t], fit.model().weights(), 1e-12, "weights after " + t);
        assertClose(muAfter[t], fit.model().mu(), 1e-12, "mu after " + t);
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
