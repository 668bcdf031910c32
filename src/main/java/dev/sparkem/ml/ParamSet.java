package dev.sparkem.ml;

import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.multinomial.MultinomialMixtureFamily;
import dev.sparkem.mixture.poisson.PoissonMixtureFamily;
import dev.sparkem.training.GaussianKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The declarations of {@link MixtureParams} for one owner: every param with its doc string and
 * validator, and the defaults; the family-specific params are declared by {@link Gaussian} and
 * {@link Counts}. Setters go through {@link #checked} so that a bad value fails with a message
 * naming the param, the value and what was expected, rather than Spark's generic "given invalid
 * value".
 */
final class ParamSet {
  static final List<String> COVARIANCE_TYPES = Arrays.stream(CovarianceType.values())
      .map(CovarianceType::toString).collect(Collectors.toList());
  static final List<String> INIT_MODES = Arrays.stream(InitMode.values())
      .map(InitMode::toString).collect(Collectors.toList());
  static final List<String> COUNT_FAMILIES = List.of("multinomial", "bernoulli", "poisson");

  final IntParam k;
  final IntParam maxIter;
  final DoubleParam tol;
  final LongParam seed;
  final Param<String> featuresCol;
  final Param<String> predictionCol;
  final Param<String> probabilityCol;
  final Param<String> logLikelihoodCol;
  final Param<String> weightCol;
  final Param<String> initMode;
  final IntParam nInit;

  /**
   * Declares the shared params of {@code owner} (whose uid must be set) and sets their defaults,
   * {@code defaultInit} for {@code initMode}.
   */
  ParamSet(Params owner, InitMode defaultInit) {
    k = new IntParam(owner, "k", "number of components (>= 1)", ParamValidators.gtEq(1));
    maxIter = new IntParam(owner, "maxIter", "maximum number of EM iterations (>= 0)",
        ParamValidators.gtEq(0));
    tol = new DoubleParam(owner, "tol", "stop when the log-likelihood per unit weight changes by "
        + "less than tol (>= 0)", ParamValidators.inRange(0, Double.MAX_VALUE));
    seed = new LongParam(owner, "seed", "random seed of the initialisation");
    featuresCol = new Param<>(owner, "featuresCol", "features column name (vectors)");
    predictionCol = new Param<>(owner, "predictionCol", "prediction column name (int)");
    probabilityCol = new Param<>(owner, "probabilityCol",
        "column name of the posterior probabilities (vector); empty: not written");
    logLikelihoodCol = new Param<>(owner, "logLikelihoodCol",
        "column name of log p(x), natural log (double); empty: not written");
    weightCol = new Param<>(owner, "weightCol",
        "weight column name (finite, >= 0); unset or empty: all weights are 1");
    initMode = new Param<>(owner, "initMode", "start point, one of "
        + String.join(", ", INIT_MODES), ParamValidators.inArray(INIT_MODES));
    nInit = new IntParam(owner, "nInit", "number of restarts; the best final log-likelihood is "
        + "kept (>= 1)", ParamValidators.gtEq(1));
    owner.setDefault(k, 2);
    owner.setDefault(maxIter, 100);
    owner.setDefault(tol, 1e-3);
    owner.setDefault(seed, 1L);
    owner.setDefault(featuresCol, "features");
    owner.setDefault(predictionCol, "prediction");
    owner.setDefault(probabilityCol, "probability");
    owner.setDefault(logLikelihoodCol, "logLikelihood");
    owner.setDefault(initMode, defaultInit.toString());
    owner.setDefault(nInit, 1);
  }

  /** The params of a Gaussian mixture: covariance type and ridge. */
  static final class Gaussian {
    final Param<String> covarianceType;
    final DoubleParam regCovar;

    Gaussian(Params owner) {
      covarianceType = new Param<>(owner, "covarianceType", "covariance type, one of "
          + String.join(", ", COVARIANCE_TYPES), ParamValidators.inArray(COVARIANCE_TYPES));
      regCovar = new DoubleParam(owner, "regCovar", "added to every variance after each M-step "
          + "(>= 0)", ParamValidators.inRange(0, Double.MAX_VALUE));
      owner.setDefault(covarianceType, CovarianceType.FULL.toString());
      owner.setDefault(regCovar, GaussianKind.DEFAULT_REG_COVAR);
    }
  }

  /** The params of a count or binary mixture: the family, its smoothing and rate floor. */
  static final class Counts {
    final Param<String> family;
    final DoubleParam alpha;
    final DoubleParam rateFloor;

    Counts(Params owner) {
      family = new Param<>(owner, "family", "component family, one of "
          + String.join(", ", COUNT_FAMILIES), ParamValidators.inArray(COUNT_FAMILIES));
      alpha = new DoubleParam(owner, "alpha", "multinomial and bernoulli: pseudo-count added to "
          + "every word (Dirichlet) or to each outcome of every column (Beta) (>= 0)",
          ParamValidators.inRange(0, Double.MAX_VALUE));
      rateFloor = new DoubleParam(owner, "rateFloor", "poisson: lower bound of every rate after "
          + "each M-step (> 0)", ParamValidators.gt(0));
      owner.setDefault(family, "multinomial");
      owner.setDefault(alpha, MultinomialMixtureFamily.DEFAULT_ALPHA);
      owner.setDefault(rateFloor, PoissonMixtureFamily.DEFAULT_RATE_FLOOR);
    }
  }

  /**
   * {@code value} if {@code param}'s validator accepts it.
   *
   * @throws IllegalArgumentException "NAME is VALUE, expected WHAT" otherwise
   */
  static <T> T checked(Param<T> param, T value) {
    if (value == null || !Boolean.TRUE.equals(param.isValid().apply(value))) {
      throw new IllegalArgumentException(param.name() + " is " + value + ", expected "
          + expectation(param.doc()));
    }
    return value;
  }

  /** The expected values as the doc string states them: its last parenthesis or "one of" list. */
  private static String expectation(String doc) {
    int oneOf = doc.indexOf("one of ");
    if (oneOf >= 0) {
      return doc.substring(oneOf);
    }
    int open = doc.lastIndexOf('(');
    return open >= 0 ? doc.substring(open + 1, doc.length() - 1) : "a valid value";
  }

  /** A covariance type in its canonical spelling (any case accepted). */
  static String covarianceType(String value) {
    try {
      return CovarianceType.parse(String.valueOf(value)).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("covarianceType: " + e.getMessage(), e);
    }
  }

  /** A count family name in its canonical spelling (any case accepted). */
  static String family(String value) {
    String name = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    if (!COUNT_FAMILIES.contains(name)) {
      throw new IllegalArgumentException("family is '" + value + "', expected one of "
          + String.join(", ", COUNT_FAMILIES));
    }
    return name;
  }

  /** An init mode in its canonical spelling (any case accepted). */
  static String initMode(String value) {
    String name = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    if (!INIT_MODES.contains(name)) {
      throw new IllegalArgumentException("initMode is '" + value + "', expected one of "
          + String.join(", ", INIT_MODES));
    }
    return name;
  }

  /** A column name: not null. */
  static String column(Param<String> param, String value) {
    if (value == null) {
      throw new IllegalArgumentException(param.name() + " is null, expected a column name");
    }
    return value;
  }
}
