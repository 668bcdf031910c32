package dev.sparkem.engine;

import dev.sparkem.SparkEmException;

/**
 * The M-step cannot produce valid parameters: a component lost all its weight, or its covariance
 * is not positive definite. The message names the component and what was found.
 */
public final class DegenerateModelException extends SparkEmException {
  private static final long serialVersionUID = 1L;

  public DegenerateModelException(String message) {
    super(message);
  }

  public DegenerateModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
