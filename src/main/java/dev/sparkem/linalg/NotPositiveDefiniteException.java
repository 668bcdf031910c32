package dev.sparkem.linalg;

/**
 * Thrown when a matrix that must be symmetric positive definite is not: its Cholesky factorisation
 * broke down at {@link #failedPivot()} (0-based), or it holds a non-finite entry.
 */
public final class NotPositiveDefiniteException extends ArithmeticException {
  private static final long serialVersionUID = 1L;
  private final int failedPivot;

  NotPositiveDefiniteException(String message, int failedPivot) {
    super(message);
    this.failedPivot = failedPivot;
  }

  /** The 0-based index of the leading minor that is not positive, or -1 for a non-finite entry. */
  public int failedPivot() {
    return failedPivot;
  }
}
