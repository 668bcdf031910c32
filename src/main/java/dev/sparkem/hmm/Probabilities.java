package dev.sparkem.hmm;

/** Checks and M-steps shared by the probability vectors and stochastic matrices of an HMM. */
final class Probabilities {
  /** How far a given probability row may sum from 1 before it is rejected. */
  static final double SUM_TOLERANCE = 1e-6;

  private Probabilities() {}

  /**
   * A copy of a probability row, rescaled to sum to 1.
   *
   * @throws IllegalArgumentException naming {@code name}, the row and the entry
   */
  static double[] row(double[] values, String name, int row) {
    return row(values, name, row, true);
  }

  /**
   * A copy of a probability row, rescaled to sum to 1 when {@code rescale}, else kept exactly
   * as given (a stored model is read back bit for bit).
   *
   * @throws IllegalArgumentException naming {@code name}, the row and the entry
   */
  static double[] row(double[] values, String name, int row, boolean rescale) {
    double sum = 0.0;
    for (int j = 0; j < values.length; j++) {
      double v = values[j];
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + "[" + row + "][" + j + "] is " + v
            + ", expected a probability in [0, 1]");
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(name + " row " + row + " sums to " + sum
          + ", expected 1 within " + SUM_TOLERANCE);
    }
    double[] copy = new double[values.length];
    for (int j = 0; j < values.length; j++) {
      copy[j] = rescale ? values[j] / sum : values[j];
    }
    return copy;
  }

  /**
   * Row-wise (counts + α)/(Σ counts + width·α); a row with no counts and α = 0 keeps the
   * previous row, which is still a maximiser since that row does not enter the objective.
   */
  static double[] maximizeRows(double[] counts, double[] previous, int rows, int width,
      double pseudoCount) {
    double[] result = new double[rows * width];
    for (int i = 0; i < rows; i++) {
      double sum = 0.0;
      for (int j = 0; j < width; j++) {
        sum += counts[i * width + j];
      }
      double denominator = sum + width * pseudoCount;
      for (int j = 0; j < width; j++) {
        result[i * width + j] = denominator > 0
            ? (counts[i * width + j] + pseudoCount) / denominator
            : previous[i * width + j];
      }
    }
    return result;
  }

  /** α·Σ log p over all entries: the log density, up to a constant, of Dirichlet(α + 1). */
  static double dirichletLogPrior(double[] probabilities, double pseudoCount) {
    if (pseudoCount == 0) {
      return 0.0;
    }
    double sum = 0.0;
    for (double p : probabilities) {
      sum += Math.log(p);
    }
    return pseudoCount * sum;
  }
}
