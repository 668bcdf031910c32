package dev.sparkem.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.Packing;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.poisson.PoissonMixtureFamily;
import dev.sparkem.mixture.poisson.PoissonMixtureParameters;
import dev.sparkem.mixture.poisson.PoissonMixtureSampler;
import dev.sparkem.mixture.poisson.PoissonStarts;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/** Mixtures of independent Poissons with a floor on the rates: counts, dense blocks. */
public final class PoissonKind extends CountKind<PoissonMixtureParameters> {
  private static final long serialVersionUID = 1L;

  private final double rateFloor;

  /**
   * @param rateFloor the lower bound of every rate after an M-step, finite and &gt; 0
   *     ({@link PoissonMixtureFamily#DEFAULT_RATE_FLOOR} by default)
   * @throws IllegalArgumentException otherwise
   */
  public PoissonKind(double rateFloor) {
    new PoissonMixtureFamily(rateFloor); // validates
    this.rateFloor = rateFloor;
  }

  @Override
  public String name() {
    return "poisson";
  }

  @Override
  public String fileFamily() {
    return PoissonMixtureParameters.FAMILY;
  }

  @Override
  public PoissonMixtureFamily family() {
    return new PoissonMixtureFamily(rateFloor);
  }

  @Override
  public Packing packing(Packing base) {
    return base.withDomain(PoissonMixtureFamily.VALUE_DOMAIN).withSparse(false);
  }

  @Override
  PoissonMixtureParameters randomRows(JavaRDD<RowBlock> blocks, int k, long seed) {
    return PoissonStarts.randomRows(blocks, k, seed);
  }

  @Override
  PoissonMixtureParameters randomResponsibilities(JavaRDD<RowBlock> blocks, int k, long seed) {
    return PoissonStarts.randomResponsibilities(blocks, k, seed, family());
  }

  @Override
  public PoissonMixtureParameters read(JsonNode root, String source) {
    return PoissonMixtureParameters.fromJson(root, source);
  }

  @Override
  public String describe(PoissonMixtureParameters model) {
    return String.format(Locale.ROOT, "Poisson mixture, rate floor %s", rateFloor);
  }

  @Override
  public String centreName() {
    return "rates";
  }

  @Override
  public double[] centre(PoissonMixtureParameters model, int j) {
    return model.rates(j);
  }

  @Override
  public void record(ObjectNode node) {
    node.put("rateFloor", rateFloor);
  }

  @Override
  public PoissonMixtureParameters randomModel(int k, int d, SplittableRandom random) {
    return PoissonMixtureSampler.randomMixture(k, d, random);
  }

  @Override
  public RowSampler sampler(PoissonMixtureParameters model, SplittableRandom random,
      int documentLength) {
    return new PoissonMixtureSampler(model, random)::sample;
  }
}
