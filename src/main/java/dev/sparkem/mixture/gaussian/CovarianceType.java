package dev.sparkem.mixture.gaussian;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The covariance structures of scikit-learn's {@code GaussianMixture}, with the same names,
 * meanings and shapes of {@code covariances} in the model file.
 */
public enum CovarianceType {
  /** Each component its own d×d covariance; shape k×d×d (mclust VVV). */
  FULL,
  /** One d×d covariance shared by all components; shape d×d (mclust EEE). */
  TIED,
  /** Each component its own diagonal covariance; shape k×d (mclust VVI). */
  DIAG,
  /** Each component its own single variance; shape k (mclust VII). */
  SPHERICAL;

  /** Parses {@code full}, {@code tied}, {@code diag} or {@code spherical} (any case). */
  public static CovarianceType parse(String name) {
    for (CovarianceType type : values()) {
      if (type.name().equalsIgnoreCase(name.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown covariance type '" + name + "', expected one of "
        + Arrays.stream(values()).map(CovarianceType::toString).collect(Collectors.joining(", ")));
  }

  /**
   * The number of free covariance parameters of k components in d dimensions (scikit-learn's
   * count): k·d(d+1)/2, d(d+1)/2, k·d or k.
   */
  public int parameterCount(int k, int d) {
    return switch (this) {
      case FULL -> k * d * (d + 1) / 2;
      case TIED -> d * (d + 1) / 2;
      case DIAG -> k * d;
      case SPHERICAL -> k;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
