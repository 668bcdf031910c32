package dev.sparkem.hmm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of HMM emission by the names the model file and the jobs use: {@code categorical}
 * (symbols 0..M−1), {@code gaussian} (diagonal covariance), {@code full-gaussian} and
 * {@code poisson} (counts).
 */
public enum EmissionType {
  CATEGORICAL("categorical", true),
  GAUSSIAN("gaussian", false),
  FULL_GAUSSIAN("full-gaussian", false),
  POISSON("poisson", true);

  private final String label;
  private final boolean discrete;

  EmissionType(String label, boolean discrete) {
    this.label = label;
    this.discrete = discrete;
  }

  /** True when observations are integers read into a categorical block (symbols, counts). */
  public boolean discrete() {
    return discrete;
  }

  /** The type of {@code emission}. */
  public static EmissionType of(Emission emission) {
    if (emission instanceof CategoricalEmission) {
      return CATEGORICAL;
    }
    if (emission instanceof GaussianEmission) {
      return GAUSSIAN;
    }
    if (emission instanceof FullGaussianEmission) {
      return FULL_GAUSSIAN;
    }
    if (emission instanceof PoissonEmission) {
      return POISSON;
    }
    throw new IllegalArgumentException("emission " + emission.getClass().getName()
        + " has no model-file type, expected one of " + names());
  }

  /**
   * The type called {@code name} (any case).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static EmissionType parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (EmissionType type : values()) {
      if (type.label.equals(wanted)) {
        return type;
      }
    }
    throw new IllegalArgumentException("emission is '" + name + "', expected one of " + names());
  }

  /** The accepted names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(EmissionType::toString).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label;
  }
}
