package dev.sparkem.engine;

/**
 * When EM stops. Convergence is judged on the log-likelihood per unit weight (the mean over rows
 * when unweighted), so the rule does not change with the size of the data: EM has converged at
 * iteration t when |ℓ_t − ℓ_{t−1}| &lt; {@code tolerance} or &lt; {@code relativeTolerance}·|ℓ_t|.
 * Both comparisons are strict, so tolerances of 0 run exactly {@code maxIterations} iterations.
 *
 * @param maxIterations the most M-steps to run, ≥ 0 (0 scores the start point only)
 * @param tolerance absolute threshold on the change of the mean log-likelihood (nats), ≥ 0;
 *     scikit-learn's {@code tol} has the same meaning
 * @param relativeTolerance threshold relative to |ℓ_t|, ≥ 0
 */
public record EmSettings(int maxIterations, double tolerance, double relativeTolerance) {
  /** scikit-learn's defaults: 100 iterations, tolerance 1e-3, no relative tolerance. */
  public static final EmSettings DEFAULT = new EmSettings(100, 1e-3, 0.0);

  /** @throws IllegalArgumentException if a value is negative or not finite */
  public EmSettings {
    if (maxIterations < 0) {
      throw new IllegalArgumentException("maxIterations is " + maxIterations + ", expected >= 0");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance is " + tolerance + ", expected >= 0");
    }
    if (!(relativeTolerance >= 0) || Double.isInfinite(relativeTolerance)) {
      throw new IllegalArgumentException(
          "relativeTolerance is " + relativeTolerance + ", expected >= 0");
    }
  }

  /** True when the step from {@code previousMean} to {@code mean} meets either tolerance. */
  public boolean converged(double previousMean, double mean) {
    double change = Math.abs(mean - previousMean);
    return change < tolerance || change < relativeTolerance * Math.abs(mean);
  }
}
