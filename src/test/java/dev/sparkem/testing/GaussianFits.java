package dev.sparkem.testing;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;

/** Full-covariance fits that always check the EM guarantee, and ways to compare them. */
public final class GaussianFits {
  private GaussianFits() {}

  /** Fits with {@link GaussianMixtureFamily} and asserts the monotone log-likelihood. */
  public static FitResult<GaussianMixtureParameters> fit(PackedData data,
      GaussianMixtureParameters start, EmSettings settings, double regCovar) {
    FitResult<GaussianMixtureParameters> result = ExpectationMaximization.fit(data.blocks(),
        new GaussianMixtureFamily(CovarianceType.FULL, regCovar), start, settings, IterationListener.NONE);
    NumericAssertions.assertMonotone(result);
    return result;
  }

  /** Weights, means and covariances agree within {@code tolerance} relative to their scale. */
  public static void assertSameParameters(GaussianMixtureParameters expected,
      GaussianMixtureParameters actual, double tolerance, String what) {
    assertEquals(expected.k(), actual.k(), what + ": k");
    assertClose(expected.weights(), actual.weights(), tolerance, what + ": weights");
    assertClose(expected.means(), actual.means(), tolerance, what + ": means");
    assertClose(expected.covariances(), actual.covariances(), tolerance, what + ": covariances");
  }

  /** Same parameters, same iteration count and the same trace, each within {@code tolerance}. */
  public static void assertSameFit(FitResult<GaussianMixtureParameters> expected,
      FitResult<GaussianMixtureParameters> actual, double tolerance, String what) {
    assertEquals(expected.status(), actual.status(), what + ": status");
    assertEquals(expected.iterations(), actual.iterations(), what + ": iterations");
    double[] e = expected.logLikelihoods();
    double[] a = actual.logLikelihoods();
    for (int t = 0; t < e.length; t++) {
      NumericAssertions.assertRelative(e[t], a[t], tolerance, what + ": log-likelihood " + t);
    }
    assertSameParameters(expected.model(), actual.model(), tolerance, what);
  }

  /** Bit for bit the same parameters and trace. */
  public static void assertIdentical(FitResult<GaussianMixtureParameters> expected,
      FitResult<GaussianMixtureParameters> actual) {
    assertArrayEquals(expected.logLikelihoods(), actual.logLikelihoods(), "trace");
    assertArrayEquals(expected.model().weights(), actual.model().weights(), "weights");
    for (int j = 0; j < expected.model().k(); j++) {
      assertArrayEquals(expected.model().mean(j), actual.model().mean(j), "mean " + j);
      assertArrayEquals(NumericAssertions.flatten(expected.model().covariance(j)),
          NumericAssertions.flatten(actual.model().covariance(j)), "covariance " + j);
    }
  }

  /** Every weight, mean and covariance entry is a finite number. */
  public static void assertFinite(GaussianMixtureParameters params) {
    for (double w : params.weights()) {
      assertTrue(Double.isFinite(w), "weight " + w + " in " + params);
    }
    for (int j = 0; j < params.k(); j++) {
      for (double v : params.mean(j)) {
        assertTrue(Double.isFinite(v), "mean entry " + v + " of component " + j);
      }
      for (double v : NumericAssertions.flatten(params.covariance(j))) {
        assertTrue(Double.isFinite(v), "covariance entry " + v + " of component " + j);
      }
    }
  }
}
