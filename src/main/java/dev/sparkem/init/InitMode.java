package dev.sparkem.init;

import java.util.Locale;

/** The built-in start points. Given parameters (a model file) are the third way. */
public enum InitMode {
  /**
   * k-means‖ (Spark's KMeans, at most 20 Lloyd iterations); the mixture of its hard clusters is
   * the start point, as scikit-learn's {@code kmeans} init.
   */
  KMEANS,
  /** k distinct random rows as means, equal weights, the data's covariance for every component. */
  RANDOM;

  /** Parses {@code kmeans} or {@code random} (any case). */
  public static InitMode parse(String name) {
    for (InitMode mode : values()) {
      if (mode.name().equalsIgnoreCase(name.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown init mode '" + name + "', expected kmeans, random or a model file path");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
