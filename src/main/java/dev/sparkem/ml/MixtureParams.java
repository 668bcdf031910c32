package dev.sparkem.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params every mixture estimator and model share (Gaussian and count families), with their
 * getters. Each implementation declares the params once (see {@link ParamSet}) and returns them
 * from the public no-argument accessors below, which is how Spark finds params by reflection.
 *
 * <p>Defaults: {@code k} 2, {@code maxIter} 100, {@code tol} 1e-3, {@code seed} 1 (the jobs'
 * default, so the API and {@code fit} give the same model), {@code featuresCol} "features",
 * {@code predictionCol} "prediction", {@code probabilityCol} "probability",
 * {@code logLikelihoodCol} "logLikelihood", {@code weightCol} unset, {@code initMode} the
 * family's default ("kmeans" for Gaussian, "random" for the count families), {@code nInit} 1.
 */
public interface MixtureParams extends Params {
  /** The number of components, ≥ 1. */
  IntParam k();

  /** The most EM iterations (M-steps), ≥ 0; 0 scores the start point only. */
  IntParam maxIter();

  /**
   * EM stops when the log-likelihood per unit weight (nats per row when unweighted) changes by
   * less than this, ≥ 0; scikit-learn's {@code tol}, and the jobs' {@code --tol}.
   */
  DoubleParam tol();

  /** The seed of the start point of restart 0; later restarts derive theirs from it. */
  LongParam seed();

  /** The input column of feature vectors (Spark ML {@code Vector}s). */
  Param<String> featuresCol();

  /** The output column of the most probable component (int, 0..k−1). */
  Param<String> predictionCol();

  /** The output column of the k posterior probabilities (vector); empty: not written. */
  Param<String> probabilityCol();

  /** The output column of log p(x), natural log (double); empty: not written. */
  Param<String> logLikelihoodCol();

  /**
   * The input column of row weights (finite, ≥ 0; a row of weight w counts as w rows); unset or
   * empty: every row has weight 1. Used by fitting only.
   */
  Param<String> weightCol();

  /**
   * {@code kmeans} (k-means‖), {@code k-means++}, {@code random} (k random rows) or
   * {@code random-responsibilities}; the count families take only the last two.
   */
  Param<String> initMode();

  /** The number of restarts, ≥ 1; the one with the best final log-likelihood is kept. */
  IntParam nInit();

  default int getK() {
    return (Integer) getOrDefault(k());
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getProbabilityCol() {
    return getOrDefault(probabilityCol());
  }

  default String getLogLikelihoodCol() {
    return getOrDefault(logLikelihoodCol());
  }

  /** The weight column, or {@code null} when unset or empty. */
  default String getWeightCol() {
    return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty()
        ? getOrDefault(weightCol()) : null;
  }

  default String getInitMode() {
    return getOrDefault(initMode());
  }

  default int getNInit() {
    return (Integer) getOrDefault(nInit());
  }
}
