package dev.sparkem.mixture.gaussian;

import static dev.sparkem.testing.GaussianFits.assertFinite;
import static dev.sparkem.testing.GaussianFits.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.testing.GaussianFits;
import dev.sparkem.testing.Samples;
import dev.sparkem.testing.SharedSpark;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fit that cannot go on ends {@link FitStatus#DEGENERATE} with a message naming the problem,
 * finite parameters, and the last valid model (the one a fit stopped one iteration earlier gives).
 */
class DegeneracyTest {
  private static final double[][] IDENTITY = {{1, 0}, {0, 1}};
  private static final EmSettings SETTINGS = new EmSettings(50, 0, 0);

  private static GaussianMixtureParameters twoComponents(double[] second, double[][] covariance) {
    return GaussianMixtureParameters.full(new double[] {0.5, 0.5},
        new double[][] {{0, 0}, second}, new double[][][] {IDENTITY, covariance});
  }

  /** Checks what every degenerate fit must satisfy and returns its message. */
  private static String assertDegenerate(FitResult<GaussianMixtureParameters> result,
      PackedData data, GaussianMixtureParameters start, double regCovar) {
    assertEquals(FitStatus.DEGENERATE, result.status(), result::toString);
    assertFalse(result.converged());
    assertTrue(result.iterations() < SETTINGS.maxIterations(), result::toString);
    assertFinite(result.model());
    assertTrue(Arrays.stream(result.logLikelihoods()).allMatch(Double::isFinite),
        result::toString);
    String message = result.message().orElseThrow();
    assertFalse(message.contains("NaN"), message);
    FitResult<GaussianMixtureParameters> earlier = GaussianFits.fit(data, start,
        new EmSettings(result.iterations(), 0, 0), regCovar);
    assertEquals(FitStatus.MAX_ITERATIONS, earlier.status(), earlier::toString);
    assertIdentical(earlier, result);
    return message;
  }

  /**
   * Component 1 starts 1000 standard deviations from every row: its densities underflow to 0,
   * so the first M-step finds it with no weight at all.
   */
  @Test
  void componentWithNoResponsibilityIsNamed() {
    double[][] rows = Samples.mixture(new Random(1), 100, new double[][] {{0, 0}, {3, 1}}, 1.0);
    PackedData data = SharedSpark.pack(rows, 2);
    try {
      GaussianMixtureParameters start = twoComponents(new double[] {1e3, 1e3}, IDENTITY);
      FitResult<GaussianMixtureParameters> result = GaussianFits.fit(data, start, SETTINGS, 1e-6);
      String message = assertDegenerate(result, data, start, 1e-6);
      assertEquals(0, result.iterations());
      assertSame(start, result.model(), "the start point is the last valid model");
      assertTrue(message.startsWith("M-step of iteration 1: component 1 lost all its weight"),
          message);
      assertTrue(message.contains("sum to 0.0 over 100.0 units of weight"), message);
    } finally {
      data.release();
    }
  }

  /**
   * Ten copies of one point far from a cloud of 60: with regCovar = 0, component 1 shrinks onto
   * the point until the cloud's responsibilities underflow and its covariance is exactly 0.
   */
  @Test
  void componentCollapsingOntoOnePointIsNamed() {
    double[][] cloud = Samples.mixture(new Random(2), 60, new double[][] {{0, 0}}, 1.0);
    double[][] rows = Arrays.copyOf(cloud, 70);
    Arrays.fill(rows, 60, 70, new double[] {8, 8});
    PackedData data = SharedSpark.pack(rows, 3);
    try {
      GaussianMixtureParameters start = twoComponents(new double[] {8, 8}, IDENTITY);
      FitResult<GaussianMixtureParameters> result = GaussianFits.fit(data, start, SETTINGS, 0.0);
      String message = assertDegenerate(result, data, start, 0.0);
      assertTrue(result.iterations() >= 1, "collapses after at least one valid step");
      assertTrue(message.startsWith("M-step of iteration " + (result.iterations() + 1)
          + ": component 1: covariance matrix is not positive definite"), message);
      assertTrue(message.contains("collapsed onto too few distinct points"), message);
    } finally {
      data.release();
    }
  }

  /** A row so far out that no component gives it any density: log-likelihood −∞ at the start. */
  @Test
  void rowWithZeroDensityEverywhereStopsAtTheStart() {
    double[][] rows = Samples.mixture(new Random(3), 40, new double[][] {{0, 0}}, 1.0);
    rows[17] = new double[] {1e200, -1e200};
    PackedData data = SharedSpark.pack(rows, 2);
    try {
      GaussianMixtureParameters start = twoComponents(new double[] {1, 1}, IDENTITY);
      FitResult<GaussianMixtureParameters> result = GaussianFits.fit(data, start, SETTINGS, 1e-6);
      assertEquals(FitStatus.DEGENERATE, result.status(), result::toString);
      assertSame(start, result.model());
      assertEquals(0, result.iterations());
      assertEquals("the log-likelihood after iteration 0 is -Infinity (a row has zero density "
          + "under every component)", result.message().orElseThrow());
    } finally {
      data.release();
    }
  }
}
