package dev.sparkem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.engine.FitResult;
import java.util.Arrays;

/** Numeric assertions shared by the tests. */
public final class NumericAssertions {
  private NumericAssertions() {}

  /**
   * Asserts max|actual − expected| ≤ tolerance·max(|expected|): relative to the array's scale,
   * so that entries near zero (off-diagonal covariances) do not demand more digits than exist.
   */
  public static void assertClose(double[] expected, double[] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 0.0;
    double worst = 0.0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    assertTrue(worst <= tolerance * scale, what + ": max abs difference " + worst
        + " exceeds " + tolerance + " x scale " + scale + "\n expected " + Arrays.toString(expected)
        + "\n actual   " + Arrays.toString(actual));
  }

  public static void assertClose(double[][] expected, double[][] actual, double tolerance,
      String what) {
    assertClose(flatten(expected), flatten(actual), tolerance, what);
  }

  public static void assertClose(double[][][] expected, double[][][] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int j = 0; j < expected.length; j++) {
      assertClose(expected[j], actual[j], tolerance, what + "[" + j + "]");
    }
  }

  public static void assertRelative(double expected, double actual, double tolerance,
      String what) {
    assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
        what + ": expected " + expected + ", found " + actual + " (relative difference "
            + Math.abs(actual - expected) / Math.abs(expected) + " > " + tolerance + ")");
  }

  /**
   * The EM guarantee: the objective trace (the log-likelihood, plus the log prior of a smoothed
   * fit) never decreases by more than 1e-9 relative.
   */
  public static void assertMonotone(FitResult<?> result) {
    assertTrue(result.decreases().isEmpty(), "the engine recorded decreases at iterations "
        + result.decreases());
    double[] trace = result.objectives();
    for (int t = 1; t < trace.length; t++) {
      assertTrue(trace[t] >= trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]),
          "objective decreased at iteration " + t + ": " + trace[t - 1] + " -> " + trace[t]);
    }
  }

  public static double[] flatten(double[][] m) {
    return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
  }
}
