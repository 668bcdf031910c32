package dev.sparkem.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.Packing;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.bernoulli.BernoulliMixtureFamily;
import dev.sparkem.mixture.bernoulli.BernoulliMixtureParameters;
import dev.sparkem.mixture.bernoulli.BernoulliMixtureSampler;
import dev.sparkem.mixture.bernoulli.BernoulliStarts;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/** Mixtures of independent Bernoullis with smoothing alpha: values 0 or 1, dense blocks. */
public final class BernoulliKind extends CountKind<BernoulliMixtureParameters> {
  private static final long serialVersionUID = 1L;

  private final double alpha;

  /**
   * @param alpha the pseudo-count added to each outcome of every column, ≥ 0
   *     ({@link BernoulliMixtureFamily#DEFAULT_ALPHA} by default)
   * @throws IllegalArgumentException if alpha is negative or not finite
   */
  public BernoulliKind(double alpha) {
    new BernoulliMixtureFamily(alpha); // validates
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "bernoulli";
  }

  @Override
  public String fileFamily() {
    return BernoulliMixtureParameters.FAMILY;
  }

  @Override
  public BernoulliMixtureFamily family() {
    return new BernoulliMixtureFamily(alpha);
  }

  @Override
  public Packing packing(Packing base) {
    return base.withDomain(BernoulliMixtureFamily.VALUE_DOMAIN).withSparse(false);
  }

  @Override
  BernoulliMixtureParameters randomRows(JavaRDD<RowBlock> blocks, int k, long seed) {
    return BernoulliStarts.randomRows(blocks, k, seed);
  }

  @Override
  BernoulliMixtureParameters randomResponsibilities(JavaRDD<RowBlock> blocks, int k, long seed) {
    return BernoulliStarts.randomResponsibilities(blocks, k, seed, family());
  }

  @Override
  public BernoulliMixtureParameters read(JsonNode root, String source) {
    return BernoulliMixtureParameters.fromJson(root, source);
  }

  @Override
  public String describe(BernoulliMixtureParameters model) {
    return String.format(Locale.ROOT, "Bernoulli mixture, alpha=%s", alpha);
  }

  @Override
  public String centreName() {
    return "P(x=1)";
  }

  @Override
  public double[] centre(BernoulliMixtureParameters model, int j) {
    return model.mu(j);
  }

  @Override
  public void record(ObjectNode node) {
    node.put("alpha", alpha);
  }

  @Override
  public BernoulliMixtureParameters randomModel(int k, int d, SplittableRandom random) {
    return BernoulliMixtureSampler.randomMixture(k, d, random);
  }

  @Override
  public RowSampler sampler(BernoulliMixtureParameters model, SplittableRandom random,
      int documentLength) {
    return new BernoulliMixtureSampler(model, random)::sample;
  }
}
