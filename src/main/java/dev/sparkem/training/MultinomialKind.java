package dev.sparkem.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.Packing;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.multinomial.MultinomialMixtureFamily;
import dev.sparkem.mixture.multinomial.MultinomialMixtureParameters;
import dev.sparkem.mixture.multinomial.MultinomialMixtureSampler;
import dev.sparkem.mixture.multinomial.MultinomialStarts;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SparseVector;

/**
 * Multinomial mixtures (mixture of unigrams) with smoothing alpha: counts, sparse blocks (the
 * E-step costs O(nnz·k)); all-zero rows are skipped with a counted warning.
 */
public final class MultinomialKind extends CountKind<MultinomialMixtureParameters> {
  private static final long serialVersionUID = 1L;

  private final double alpha;

  /**
   * @param alpha the pseudo-count added to every word of every component, ≥ 0
   *     ({@link MultinomialMixtureFamily#DEFAULT_ALPHA} by default)
   * @throws IllegalArgumentException if alpha is negative or not finite
   */
  public MultinomialKind(double alpha) {
    new MultinomialMixtureFamily(alpha); // validates
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "multinomial";
  }

  @Override
  public String fileFamily() {
    return MultinomialMixtureParameters.FAMILY;
  }

  @Override
  public MultinomialMixtureFamily family() {
    return new MultinomialMixtureFamily(alpha);
  }

  @Override
  public Packing packing(Packing base) {
    return base.withDomain(MultinomialMixtureFamily.VALUE_DOMAIN).withSparse(true);
  }

  @Override
  MultinomialMixtureParameters randomRows(JavaRDD<RowBlock> blocks, int k, long seed) {
    return MultinomialStarts.randomRows(blocks, k, seed);
  }

  @Override
  MultinomialMixtureParameters randomResponsibilities(JavaRDD<RowBlock> blocks, int k,
      long seed) {
    return MultinomialStarts.randomResponsibilities(blocks, k, seed, family());
  }

  @Override
  public MultinomialMixtureParameters read(JsonNode root, String source) {
    return MultinomialMixtureParameters.fromJson(root, source);
  }

  @Override
  public String describe(MultinomialMixtureParameters model) {
    return String.format(Locale.ROOT, "multinomial mixture, alpha=%s, V=%d", alpha,
        model.dimension());
  }

  @Override
  public String centreName() {
    return "word probabilities";
  }

  @Override
  public double[] centre(MultinomialMixtureParameters model, int j) {
    return model.theta(j);
  }

  @Override
  public void record(ObjectNode node) {
    node.put("alpha", alpha);
  }

  @Override
  public MultinomialMixtureParameters randomModel(int k, int d, SplittableRandom random) {
    return MultinomialMixtureSampler.randomMixture(k, d, random);
  }

  @Override
  public RowSampler sampler(MultinomialMixtureParameters model, SplittableRandom random,
      int documentLength) {
    MultinomialMixtureSampler sampler = new MultinomialMixtureSampler(model, random);
    return new RowSampler() {
      @Override
      public void sample(double[] out) {
        sampler.sample(documentLength, out);
      }

      /** O(length·log V): the document's words only, never the V zeros. */
      @Override
      public SparseVector sampleSparse(double[] scratch) {
        return sampler.sampleSparse(documentLength);
      }
    };
  }
}
