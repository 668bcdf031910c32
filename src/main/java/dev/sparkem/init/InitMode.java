package dev.sparkem.init;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The built-in start points. Given parameters (a model file) are the other way. */
public enum InitMode {
  /**
   * {@code kmeans}: k-means‖ on the cluster (Spark's KMeans, at most 20 Lloyd iterations); the
   * mixture of its hard clusters is the start point, as scikit-learn's {@code kmeans} init.
   */
  KMEANS("kmeans"),
  /**
   * {@code k-means++}: k-means++ seeding (D² sampling) on a uniform sample of at most
   * {@value GaussianInitializer#SAMPLE_ROWS} rows, then the mixture of the hard clusters around
   * those centres over all the data (scikit-learn's {@code k-means++} init).
   */
  KMEANS_PLUS_PLUS("k-means++"),
  /** {@code random}: k random rows as means, equal weights, the data's covariance for each. */
  RANDOM("random"),
  /**
   * {@code random-responsibilities}: the M-step of posteriors drawn from a flat Dirichlet
   * distribution for every row (scikit-learn's {@code random} init).
   */
  RANDOM_RESPONSIBILITIES("random-responsibilities");

  private final String label;

  InitMode(String label) {
    this.label = label;
  }

  /** Parses a mode by its name (any case). */
  public static InitMode parse(String name) {
    for (InitMode mode : values()) {
      if (mode.label.equalsIgnoreCase(name.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown init mode '" + name + "', expected one of "
        + Arrays.stream(values()).map(InitMode::toString).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}
