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
   * rescaled to sum to 1 (a copy).
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
    double[] scaled = new double[weights.length];
    for (int j = 0; j < weights.length; j++) {
      scaled[j] = weights[j] / sum;
    }
    return scaled;
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
