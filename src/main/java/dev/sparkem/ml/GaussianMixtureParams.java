package dev.sparkem.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;

/**
 * The params of {@link GaussianMixture} and {@link GaussianMixtureModel}: the shared
 * {@link MixtureParams} plus the covariance type (default "full") and its ridge (default 1e-6).
 */
public interface GaussianMixtureParams extends MixtureParams {
  /** {@code full}, {@code tied}, {@code diag} or {@code spherical}, as scikit-learn's. */
  Param<String> covarianceType();

  /** Added to every variance after each M-step, ≥ 0, as scikit-learn's {@code reg_covar}. */
  DoubleParam regCovar();

  default String getCovarianceType() {
    return getOrDefault(covarianceType());
  }

  default double getRegCovar() {
    return (Double) getOrDefault(regCovar());
  }
}
