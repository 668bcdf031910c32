package dev.sparkem;

/**
 * Root of the project's exceptions for problems in the data or in the numbers, as opposed to a
 * caller's mistake ({@link IllegalArgumentException}) or a bug ({@link IllegalStateException}).
 * The jobs report the message of any {@code SparkEmException} found in a failure's cause chain and
 * exit with a non-zero code; messages name what was found, where, and what was expected.
 */
public abstract class SparkEmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SparkEmException(String message) {
    super(message);
  }

  protected SparkEmException(String message, Throwable cause) {
    super(message, cause);
  }
}
