package dev.sparkem.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.data.ValueDomain;
import dev.sparkem.init.GaussianInitializer;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianMixtureJson;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianMixtureSampler;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Gaussian mixtures of one covariance type with the ridge regCovar: real values, dense blocks,
 * every init mode.
 *
 * @param type the covariance type
 * @param regCovar added to the variances after every M-step, ≥ 0
 */
public record GaussianKind(CovarianceType type, double regCovar)
    implements MixtureKind<GaussianMixtureParameters> {
  /** The default ridge, as scikit-learn's reg_covar. */
  public static final double DEFAULT_REG_COVAR = 1e-6;

  /** @throws IllegalArgumentException if regCovar is negative or not finite */
  public GaussianKind {
    new GaussianMixtureFamily(type, regCovar); // validates
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public String fileFamily() {
    return GaussianMixtureJson.FAMILY;
  }

  @Override
  public GaussianMixtureFamily family() {
    return new GaussianMixtureFamily(type, regCovar);
  }

  @Override
  public Packing packing(Packing base) {
    return base.withDomain(ValueDomain.REAL).withSparse(false);
  }

  @Override
  public List<InitMode> initModes() {
    return List.of(InitMode.KMEANS, InitMode.KMEANS_PLUS_PLUS, InitMode.RANDOM,
        InitMode.RANDOM_RESPONSIBILITIES);
  }

  @Override
  public GaussianMixtureParameters supportedStart(InitMode mode, PackedData data, int k,
      long seed) {
    return GaussianInitializer.start(mode, data, k, type, seed, regCovar);
  }

  /** Also checks the covariance type. */
  @Override
  public void checkGiven(GaussianMixtureParameters given, int k, PackedData data) {
    if (given.k() != k || given.covarianceType() != type) {
      throw new IllegalArgumentException("the start point has k=" + given.k() + " and "
          + given.covarianceType() + " covariances, expected k=" + k + " and " + type);
    }
    MixtureKind.super.checkGiven(given, k, data);
  }

  @Override
  public GaussianMixtureParameters read(JsonNode root, String source) {
    return GaussianMixtureJson.fromJson(root, source);
  }

  @Override
  public String describe(GaussianMixtureParameters model) {
    return String.format(Locale.ROOT, "Gaussian mixture, %s covariance", model.covarianceType());
  }

  @Override
  public String centreName() {
    return "mean";
  }

  @Override
  public double[] centre(GaussianMixtureParameters model, int j) {
    return model.mean(j);
  }

  @Override
  public void record(ObjectNode node) {
    node.put("regCovar", regCovar);
  }

  @Override
  public GaussianMixtureParameters randomModel(int k, int d, SplittableRandom random) {
    return GaussianMixtureSampler.randomMixture(k, d, random);
  }

  @Override
  public RowSampler sampler(GaussianMixtureParameters model, SplittableRandom random,
      int documentLength) {
    return new GaussianMixtureSampler(model, random)::sample;
  }
}
