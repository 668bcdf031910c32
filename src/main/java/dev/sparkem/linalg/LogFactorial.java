package dev.sparkem.linalg;

/**
 * log(x!) = lnΓ(x + 1) for counts x ≥ 0 (natural log): exact sums of logarithms below
 * {@value #TABLE_SIZE}, Stirling's series above it (absolute error below 1e-15 there).
 */
public final class LogFactorial {
  static final int TABLE_SIZE = 1024;
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double[] TABLE = new double[TABLE_SIZE];

  static {
    for (int i = 2; i < TABLE_SIZE; i++) {
      TABLE[i] = TABLE[i - 1] + Math.log(i);
    }
  }

  private LogFactorial() {}

  /**
   * log(x!) for a count {@code x} (an integer-valued double ≥ 0; not checked here, the data
   * packing checks the value domain).
   */
  public static double of(double x) {
    if (x < TABLE_SIZE) {
      return TABLE[(int) x];
    }
    double n = x + 1.0;
    double inverse = 1.0 / n;
    double inverse2 = inverse * inverse;
    double series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260
        - inverse2 / 1680)));
    return (n - 0.5) * Math.log(n) - n + HALF_LOG_2PI + series;
  }
}
