package dev.sparkem.data;

import dev.sparkem.SparkEmException;

/**
 * The input data cannot be used: unreadable path, missing column, a value that is not a finite
 * number, a row of the wrong width, no rows at all. The message names the input, column and row.
 */
public final class InvalidDataException extends SparkEmException {
  private static final long serialVersionUID = 1L;

  public InvalidDataException(String message) {
    super(message);
  }

  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
