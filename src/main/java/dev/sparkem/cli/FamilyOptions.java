package dev.sparkem.cli;

import dev.sparkem.mixture.bernoulli.BernoulliMixtureFamily;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.multinomial.MultinomialMixtureFamily;
import dev.sparkem.mixture.poisson.PoissonMixtureFamily;
import dev.sparkem.training.BernoulliKind;
import dev.sparkem.training.GaussianKind;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
import dev.sparkem.training.MultinomialKind;
import dev.sparkem.training.PoissonKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --family} and the options of the count families; with the Gaussian options of the
 * command it makes the {@link MixtureKind} to fit, rejecting options that do not apply to the
 * family when they are given explicitly.
 */
final class FamilyOptions {
  @Option(names = "--family", paramLabel = "NAME", defaultValue = "gaussian",
      description = "Mixture family: gaussian (real values), multinomial (word counts; sparse), "
          + "bernoulli (0/1 values) or poisson (counts); or hmm, a hidden Markov model over "
          + "sequences (see --emission) (default: ${DEFAULT-VALUE}).")
  String family;

  @Option(names = "--alpha", paramLabel = "A",
      description = "multinomial and bernoulli only: smoothing, the pseudo-count added to every "
          + "word (multinomial) or to each outcome of every column (bernoulli), >= 0 "
          + "(default: 0.01).")
  Double alpha;

  @Option(names = "--rate-floor", paramLabel = "F",
      description = "poisson mixtures (> 0, default: 1e-10) and hmm poisson emissions (>= 0, "
          + "default: 0) only: lower bound of every rate after each M-step.")
  Double rateFloor;

  /**
   * The family to fit with its settings.
   *
   * @param covariance the command's {@code --covariance}, or null when not given
   * @param regCovar the command's {@code --reg-covar}, or null when not given
   * @throws IllegalArgumentException naming the option, for an unknown family, an option given
   *     for a family it does not apply to, or a value out of range
   */
  MixtureKind<?> kind(String covariance, Double regCovar) {
    String name = family.trim().toLowerCase(Locale.ROOT);
    if (!MixtureKinds.NAMES.contains(name)) {
      throw new IllegalArgumentException("--family is '" + family + "', expected one of "
          + String.join(", ", MixtureKinds.NAMES));
    }
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("--covariance", covariance);
    given.put("--reg-covar", regCovar);
    given.put("--alpha", alpha);
    given.put("--rate-floor", rateFloor);
    List<String> applicable = switch (name) {
      case "gaussian" -> List.of("--covariance", "--reg-covar");
      case "poisson" -> List.of("--rate-floor");
      default -> List.of("--alpha");
    };
    given.forEach((option, value) -> {
      if (value != null && !applicable.contains(option)) {
        throw new IllegalArgumentException(option + " does not apply to the " + name
            + " family, which takes " + String.join(", ", applicable));
      }
    });
    return switch (name) {
      case "gaussian" -> new GaussianKind(
          covariance == null ? CovarianceType.FULL : CovarianceType.parse(covariance),
          regCovar == null ? GaussianKind.DEFAULT_REG_COVAR : regCovar);
      case "multinomial" ->
          new MultinomialKind(alpha == null ? MultinomialMixtureFamily.DEFAULT_ALPHA : alpha);
      case "bernoulli" ->
          new BernoulliKind(alpha == null ? BernoulliMixtureFamily.DEFAULT_ALPHA : alpha);
      default -> new PoissonKind(
          rateFloor == null ? PoissonMixtureFamily.DEFAULT_RATE_FLOOR : rateFloor);
    };
  }
}
