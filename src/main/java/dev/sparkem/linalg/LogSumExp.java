package dev.sparkem.linalg;

/** Numerically safe log Σ exp(v_j), the normaliser of log-space probabilities. */
public final class LogSumExp {
  private LogSumExp() {}

  /**
   * Returns log Σ_{j<len} exp(values[offset + j]), shifting by the maximum so that nothing
   * overflows or underflows to a wrong answer. All terms −∞ gives −∞; any NaN or +∞ gives it back.
   */
  public static double of(double[] values, int offset, int len) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = offset; j < offset + len; j++) {
      double v = values[j];
      if (v > max || Double.isNaN(v)) {
        max = v;
        if (Double.isNaN(v)) {
          return v;
        }
      }
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0.0;
    for (int j = offset; j < offset + len; j++) {
      sum += Math.exp(values[j] - max);
    }
    return max + Math.log(sum);
  }
}
