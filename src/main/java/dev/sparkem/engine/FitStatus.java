package dev.sparkem.engine;

/** How a fit ended. */
public enum FitStatus {
  /** The log-likelihood per unit weight met a tolerance of {@link EmSettings}. */
  CONVERGED,
  /** {@link EmSettings#maxIterations()} M-steps ran without meeting a tolerance. */
  MAX_ITERATIONS,
  /**
   * The next parameters could not be formed (a component lost all its weight, a covariance is not
   * positive definite) or the log-likelihood is not finite; the result holds the last valid
   * parameters and a message naming the problem.
   */
  DEGENERATE,
  /**
   * The fit had not stopped yet: only in the {@link EmState} handed to a checkpoint after an
   * iteration, never in a returned result.
   */
  RUNNING
}
