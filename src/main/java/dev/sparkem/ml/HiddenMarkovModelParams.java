package dev.sparkem.ml;

import dev.sparkem.hmm.BaumWelchSettings;
import dev.sparkem.hmm.EmissionType;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params of the hidden Markov model estimator and model, declared once per owner by
 * {@link #declare}. Sequences are read from an array column, one sequence per row
 * ({@code array<int>} for categorical and Poisson emissions, {@code array<double>} or
 * {@code array<array<double>>} for Gaussian ones).
 *
 * <p>Defaults: {@code k} (states) 2, {@code emission} "categorical", {@code maxIter} 100,
 * {@code tol} 1e-3, {@code seed} 1, {@code initMode} "random", {@code nInit} 1, every
 * pseudo-count, {@code regCovar} and {@code rateFloor} 0, {@code sequenceCol} "sequence", {@code idCol} unset (ids in messages are then
 * −1), {@code pathCol} "path", {@code posteriorsCol} "posteriors", {@code scoreCol} "score" —
 * the jobs' defaults, so {@code fit --family hmm} and this estimator give the same model.
 */
public interface HiddenMarkovModelParams extends Params {
  /** The emission names {@code emission} accepts. */
  List<String> EMISSIONS = Arrays.stream(EmissionType.values()).map(EmissionType::toString)
      .toList();

  /** The number of hidden states, ≥ 1. */
  IntParam k();

  /** categorical, gaussian (diagonal), full-gaussian or poisson. */
  Param<String> emission();

  IntParam maxIter();

  /** EM stops when the log-likelihood per sequence changes by less than this, ≥ 0. */
  DoubleParam tol();

  LongParam seed();

  /** random, or kmeans (not categorical). */
  Param<String> initMode();

  IntParam nInit();

  DoubleParam startPseudoCount();

  DoubleParam transitionPseudoCount();

  /** Categorical emissions only. */
  DoubleParam emissionPseudoCount();

  /**
   * Gaussian and full-gaussian emissions only: added to every variance (covariance diagonal)
   * after each M-step, ≥ 0, in the squared units of the data.
   */
  DoubleParam regCovar();

  /** Poisson emissions only: the lower bound of every rate after each M-step, ≥ 0. */
  DoubleParam rateFloor();

  /** The input array column of sequences. */
  Param<String> sequenceCol();

  /** An integer column naming each sequence in messages; unset or empty: none. */
  Param<String> idCol();

  /** The output column of the Viterbi path (array&lt;int&gt;); empty: not written. */
  Param<String> pathCol();

  /** The output column of the posterior marginals (array of n per position); empty: not written. */
  Param<String> posteriorsCol();

  /** The output column of log p(sequence), natural log; empty: not written. */
  Param<String> scoreCol();

  /** Declared params of one owner (whose uid must be set), with their defaults set. */
  record Declared(IntParam k, Param<String> emission, IntParam maxIter, DoubleParam tol,
      LongParam seed, Param<String> initMode, IntParam nInit, DoubleParam startPseudoCount,
      DoubleParam transitionPseudoCount, DoubleParam emissionPseudoCount, DoubleParam regCovar,
      DoubleParam rateFloor, Param<String> sequenceCol, Param<String> idCol, Param<String> pathCol,
      Param<String> posteriorsCol, Param<String> scoreCol) {}

  /** Declares the params of {@code owner} and sets their defaults. */
  static Declared declare(Params owner) {
    Declared d = new Declared(
        new IntParam(owner, "k", "number of hidden states (>= 1)", ParamValidators.gtEq(1)),
        new Param<>(owner, "emission", "emission, one of " + String.join(", ", EMISSIONS),
            ParamValidators.inArray(EMISSIONS)),
        new IntParam(owner, "maxIter", "maximum number of EM iterations (>= 0)",
            ParamValidators.gtEq(0)),
        new DoubleParam(owner, "tol", "stop when the log-likelihood per sequence changes by "
            + "less than tol (>= 0)", ParamValidators.inRange(0, Double.MAX_VALUE)),
        new LongParam(owner, "seed", "random seed of the initialisation"),
        new Param<>(owner, "initMode", "start point, one of random, kmeans",
            ParamValidators.inArray(List.of("random", "kmeans"))),
        new IntParam(owner, "nInit", "number of restarts; the best final log-likelihood is "
            + "kept (>= 1)", ParamValidators.gtEq(1)),
        pseudoCount(owner, "startPseudoCount", "initial-state"),
        pseudoCount(owner, "transitionPseudoCount", "transition"),
        pseudoCount(owner, "emissionPseudoCount", "symbol (categorical only)"),
        new DoubleParam(owner, "regCovar", "gaussian and full-gaussian emissions: added to "
            + "every variance after each M-step (>= 0)", ParamValidators.inRange(0,
            Double.MAX_VALUE)),
        new DoubleParam(owner, "rateFloor", "poisson emissions: lower bound of every rate "
            + "after each M-step (>= 0)", ParamValidators.inRange(0, Double.MAX_VALUE)),
        new Param<>(owner, "sequenceCol", "sequence column name (array)"),
        new Param<>(owner, "idCol", "sequence id column name (integer); unset or empty: none"),
        new Param<>(owner, "pathCol", "Viterbi path column name; empty: not written"),
        new Param<>(owner, "posteriorsCol", "posterior marginals column name; empty: not "
            + "written"),
        new Param<>(owner, "scoreCol", "log p(sequence) column name; empty: not written"));
    owner.setDefault(d.k(), 2);
    owner.setDefault(d.emission(), "categorical");
    owner.setDefault(d.maxIter(), 100);
    owner.setDefault(d.tol(), 1e-3);
    owner.setDefault(d.seed(), 1L);
    owner.setDefault(d.initMode(), "random");
    owner.setDefault(d.nInit(), 1);
    owner.setDefault(d.startPseudoCount(), 0.0);
    owner.setDefault(d.transitionPseudoCount(), 0.0);
    owner.setDefault(d.emissionPseudoCount(), 0.0);
    owner.setDefault(d.regCovar(), 0.0);
    owner.setDefault(d.rateFloor(), 0.0);
    owner.setDefault(d.sequenceCol(), "sequence");
    owner.setDefault(d.pathCol(), "path");
    owner.setDefault(d.posteriorsCol(), "posteriors");
    owner.setDefault(d.scoreCol(), "score");
    return d;
  }

  private static DoubleParam pseudoCount(Params owner, String name, String what) {
    return new DoubleParam(owner, name, "Dirichlet pseudo-count added to every expected " + what
        + " count (>= 0)", ParamValidators.inRange(0, Double.MAX_VALUE));
  }

  default int getK() {
    return (Integer) getOrDefault(k());
  }

  default EmissionType getEmission() {
    return EmissionType.parse(getOrDefault(emission()));
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

  default String getInitMode() {
    return getOrDefault(initMode());
  }

  default int getNInit() {
    return (Integer) getOrDefault(nInit());
  }

  /** The M-step's pseudo-counts, ridge and rate floor (start and transitions are learned). */
  default BaumWelchSettings getEstimation() {
    return new BaumWelchSettings((Double) getOrDefault(startPseudoCount()),
        (Double) getOrDefault(transitionPseudoCount()),
        (Double) getOrDefault(emissionPseudoCount()), true, true,
        (Double) getOrDefault(regCovar()), (Double) getOrDefault(rateFloor()));
  }

  default String getSequenceCol() {
    return getOrDefault(sequenceCol());
  }

  /** The id column, or null when unset or empty. */
  default String getIdCol() {
    return isDefined(idCol()) && !getOrDefault(idCol()).isEmpty() ? getOrDefault(idCol())
        : null;
  }

  default String getPathCol() {
    return getOrDefault(pathCol());
  }

  default String getPosteriorsCol() {
    return getOrDefault(posteriorsCol());
  }

  default String getScoreCol() {
    return getOrDefault(scoreCol());
  }
}
