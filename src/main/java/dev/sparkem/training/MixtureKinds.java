package dev.sparkem.training;

import dev.sparkem.mixture.bernoulli.BernoulliMixtureFamily;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.multinomial.MultinomialMixtureFamily;
import dev.sparkem.mixture.poisson.PoissonMixtureFamily;
import java.util.List;

/** The mixture families by name, with their default settings. */
public final class MixtureKinds {
  /** The names the jobs take, in the order they are listed. */
  public static final List<String> NAMES = List.of("gaussian", "multinomial", "bernoulli",
      "poisson");

  private MixtureKinds() {}

  /**
   * The family called {@code name} (one of {@link #NAMES}, any case) with default settings: full
   * covariances and regCovar 1e-6, or the family's default alpha or rate floor.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static MixtureKind<?> withDefaults(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "gaussian" -> new GaussianKind(CovarianceType.FULL, GaussianKind.DEFAULT_REG_COVAR);
      case "multinomial" -> new MultinomialKind(MultinomialMixtureFamily.DEFAULT_ALPHA);
      case "bernoulli" -> new BernoulliKind(BernoulliMixtureFamily.DEFAULT_ALPHA);
      case "poisson" -> new PoissonKind(PoissonMixtureFamily.DEFAULT_RATE_FLOOR);
      default -> throw new IllegalArgumentException("family is '" + name + "', expected one of "
          + String.join(", ", NAMES));
    };
  }

  /**
   * The family whose model files say {@code family: fileFamily} (e.g.
   * {@code multinomial-mixture}), with default settings; {@code null} (a file without the key)
   * means Gaussian, as hand-written start points need only weights, means and covariances.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static MixtureKind<?> ofFileFamily(String fileFamily) {
    if (fileFamily == null) {
      return withDefaults("gaussian");
    }
    for (String name : NAMES) {
      MixtureKind<?> kind = withDefaults(name);
      if (kind.fileFamily().equals(fileFamily)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("family is '" + fileFamily + "', expected one of "
        + String.join(", ", NAMES.stream().map(n -> withDefaults(n).fileFamily()).toList()));
  }
}
