package dev.sparkem.ml;

import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.mixture.bernoulli.BernoulliMixtureParameters;
import dev.sparkem.mixture.multinomial.MultinomialMixtureParameters;
import dev.sparkem.mixture.poisson.PoissonMixtureParameters;
import dev.sparkem.training.BernoulliKind;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MultinomialKind;
import dev.sparkem.training.PoissonKind;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;

/**
 * The params of {@link CountMixture} and {@link CountMixtureModel}: the shared
 * {@link MixtureParams} plus the component family ({@code multinomial}, the default;
 * {@code bernoulli}; {@code poisson}), the smoothing {@code alpha} of the multinomial and
 * Bernoulli families (default 0.01) and the {@code rateFloor} of the Poisson family (default
 * 1e-10). The default {@code initMode} is {@code random}.
 */
public interface CountMixtureParams extends MixtureParams {
  /** {@code multinomial} (word counts), {@code bernoulli} (0/1) or {@code poisson} (counts). */
  Param<String> family();

  /**
   * Multinomial and Bernoulli: the pseudo-count added to every word (Dirichlet) or to each
   * outcome of every column (Beta), ≥ 0; ignored by Poisson.
   */
  DoubleParam alpha();

  /** Poisson: the lower bound of every rate after each M-step, &gt; 0; ignored by the others. */
  DoubleParam rateFloor();

  default String getFamily() {
    return getOrDefault(family());
  }

  default double getAlpha() {
    return (Double) getOrDefault(alpha());
  }

  default double getRateFloor() {
    return (Double) getOrDefault(rateFloor());
  }

  /** The family these params select, with their alpha or rate floor. */
  default MixtureKind<?> countKind() {
    return switch (getFamily()) {
      case "multinomial" -> new MultinomialKind(getAlpha());
      case "bernoulli" -> new BernoulliKind(getAlpha());
      case "poisson" -> new PoissonKind(getRateFloor());
      default -> throw new IllegalStateException("family is '" + getFamily() + "'");
    };
  }

  /**
   * The {@code family} value of count-family parameters.
   *
   * @throws IllegalArgumentException if {@code parameters} are of another family (Gaussian)
   */
  static String familyOf(MixtureModel parameters) {
    if (parameters instanceof MultinomialMixtureParameters) {
      return "multinomial";
    }
    if (parameters instanceof BernoulliMixtureParameters) {
      return "bernoulli";
    }
    if (parameters instanceof PoissonMixtureParameters) {
      return "poisson";
    }
    throw new IllegalArgumentException("parameters of type " + parameters.getClass()
        .getSimpleName() + ", expected multinomial, bernoulli or poisson mixture parameters");
  }
}
