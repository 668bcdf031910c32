package dev.sparkem.mixture;

/**
 * Validation shared by the mixture parameter classes. Every method throws
 * {@link IllegalArgumentException} with a message that names the offending entry, the value
 * found and what was expected.
 */
public final class MixtureChecks {
  private MixtureChecks() {}

  /**
   * Checks k ≥ 1 weights, each finite and &gt; 0, summing to 1 within 1e-6, and returns them
   * rescaled to sum to 1 (a copy) unless they already do within round-off
   * ({@link #sumsToOne(double, int)}): written parameters then read back bit for bit.
   */
  public static double[] weights(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("weights is empty, expected at least one component");
    }
    double sum = 0.0;
    for (int j = 0; j < weights.length; j++) {
      if (!(weights[j] > 0) || !Double.isFinite(weights[j])) {
        throw new IllegalArgumentException(
            "weights[" + j + "] is " + weights[j] + ", expected a finite number > 0");
      }
      sum += weights[j];
    }
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw new IllegalArgumentException("weights sum to " + sum + ", expected 1");
    }
    double[] scaled = weights.clone();
    if (!sumsToOne(sum, weights.length)) {
      for (int j = 0; j < weights.length; j++) {
        scaled[j] /= sum;
      }
    }
    return scaled;
  }

  /**
   * Whether {@code sum}, the sum of {@code n} probabilities, is 1 within the round-off of forming
   * and adding them (n·ulp(1)). Such probabilities are used as they are rather than rescaled, so
   * that parameters written by an M-step (each entry a correctly rounded quotient) and read back
   * from a model file or checkpoint are bit for bit the same.
   */
  public static boolean sumsToOne(double sum, int n) {
    return Math.abs(sum - 1.0) <= n * Math.ulp(1.0);
  }

  /**
   * Checks that {@code rows} holds k rows of the same length d ≥ 1 and returns them row after
   * row in one array (a copy, k·d values).
   *
   * @param name the parameter's name in messages, e.g. "theta"
   */
  public static double[] rows(double[][] rows, int k, String name) {
    if (rows.length != k) {
      throw new IllegalArgumentException(
          name + " has " + rows.length + " rows, expected one per component (" + k + ")");
    }
    int d = rows[0].length;
    if (d == 0) {
      throw new IllegalArgumentException(name + "[0] is empty, expected at least one column");
    }
    double[] flat = new double[k * d];
    for (int j = 0; j < k; j++) {
      if (rows[j].length != d) {
        throw new IllegalArgumentException(
            name + "[" + j + "] has " + rows[j].length + " values, expected " + d);
      }
      System.arraycopy(rows[j], 0, flat, j * d, d);
    }
    return flat;
  }

  /** The message for entry (j, a) of {@code name}: "name[j][a] is v, expected what". */
  public static IllegalArgumentException entry(String name, int j, int a, double v,
      String expected) {
    return new IllegalArgumentException(
        name + "[" + j + "][" + a + "] is " + v + ", expected " + expected);
  }
}
