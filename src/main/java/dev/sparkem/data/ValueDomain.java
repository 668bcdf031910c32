package dev.sparkem.data;

/** Which feature values a model family accepts; every value is checked while packing. */
public enum ValueDomain {
  /** Any finite number (Gaussian families). */
  REAL("a finite number"),
  /** Integers ≥ 0 (multinomial and Poisson families). */
  COUNT("a count (an integer >= 0)"),
  /** 0 or 1 (Bernoulli family). */
  BINARY("0 or 1");

  private final String expected;

  ValueDomain(String expected) {
    this.expected = expected;
  }

  /** What a valid value is, for messages: "expected " + this. */
  public String expected() {
    return expected;
  }

  /** True when {@code value} belongs to the domain. */
  public boolean contains(double value) {
    return switch (this) {
      case REAL -> Double.isFinite(value);
      case COUNT -> value >= 0 && value == Math.rint(value) && !Double.isInfinite(value);
      case BINARY -> value == 0.0 || value == 1.0;
    };
  }
}
