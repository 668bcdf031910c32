package dev.sparkem.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * Everything the trainer and the jobs need to know about one mixture family, with its settings
 * (covariance type and ridge, smoothing, rate floor): the engine family to fit, how rows are
 * packed (value domain, layout), the start points it can make, how to read its model file, how
 * to describe a component, and how to draw synthetic rows. The parameter count for BIC/AIC comes
 * from {@link MixtureModel#parameterCount()}. Implementations are immutable and serializable
 * (samplers run on the executors).
 *
 * @param <P> the parameters of the family
 */
public interface MixtureKind<P extends MixtureModel> extends Serializable {
  /** The name the jobs use: {@code gaussian}, {@code multinomial}, {@code bernoulli} or
   * {@code poisson}. */
  String name();

  /** The value of {@code family} in this family's model file. */
  String fileFamily();

  /** The engine family to fit, with this kind's settings. */
  ModelFamily<RowBlock, P, ?> family();

  /** {@code base} with this family's value domain and block layout. */
  Packing packing(Packing base);

  /** The start-point modes this family supports; the first is the default. */
  List<InitMode> initModes();

  /** The default start-point mode. */
  default InitMode defaultInit() {
    return initModes().get(0);
  }

  /**
   * The start point of one restart.
   *
   * @throws IllegalArgumentException naming the family and the modes it takes, if {@code mode}
   *     is not one of {@link #initModes()}
   * @throws dev.sparkem.engine.DegenerateModelException if random responsibilities leave a
   *     component without weight
   */
  default P start(InitMode mode, PackedData data, int k, long seed) {
    checkInit(mode);
    return supportedStart(mode, data, k, seed);
  }

  /**
   * Checks that this family makes start points of {@code mode}.
   *
   * @throws IllegalArgumentException naming the family and the modes it takes, if not
   */
  default void checkInit(InitMode mode) {
    if (!initModes().contains(mode)) {
      throw new IllegalArgumentException("init mode '" + mode + "' does not apply to the "
          + name() + " family, expected one of " + initModes().stream().map(InitMode::toString)
              .collect(Collectors.joining(", ")) + " (or given parameters)");
    }
  }

  /** {@link #start} for a mode already known to be supported. */
  P supportedStart(InitMode mode, PackedData data, int k, long seed);

  /**
   * Checks given start parameters against the wanted k and the data.
   *
   * @throws IllegalArgumentException naming what does not match
   */
  default void checkGiven(P given, int k, PackedData data) {
    if (given.k() != k) {
      throw new IllegalArgumentException(
          "the start point has k=" + given.k() + ", expected k=" + k);
    }
    if (given.dimension() != data.dimension()) {
      throw new IllegalArgumentException("the start point has dimension " + given.dimension()
          + ", the input has " + data.dimension() + " features " + data.features().names());
    }
  }

  /**
   * Reads parameters of this family from a model file.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key, if the family does not match or
   *     a key is missing or invalid
   */
  P read(JsonNode root, String source);

  /** One line describing the family and its settings, e.g. "multinomial mixture, alpha=0.01". */
  String describe(P model);

  /** What {@link #centre} holds, for the summary's column header ("mean", "theta", ...). */
  String centreName();

  /** The d values that characterise component j: mean, word or success probabilities, rates. */
  double[] centre(P model, int j);

  /** Writes this kind's settings (regCovar, alpha, rateFloor) to a model file's provenance. */
  void record(ObjectNode node);

  /** A random mixture of k components in dimension d (vocabulary size for multinomial). */
  P randomModel(int k, int d, SplittableRandom random);

  /**
   * A sampler of {@code model} driven by {@code random} (one per task).
   *
   * @param documentLength words per document, for families that draw documents (multinomial);
   *     ignored by the others
   */
  RowSampler sampler(P model, SplittableRandom random, int documentLength);

  /** Draws one row at a time. */
  @FunctionalInterface
  interface RowSampler {
    /** Writes one row of d values to {@code out}. */
    void sample(double[] out);

    /**
     * Draws one row as a sparse vector of width {@code scratch.length}: by default drawn into
     * {@code scratch} and compressed (O(d)); a family whose rows are sparse by nature draws
     * the non-zeros directly. The same stream of random numbers gives the same row as
     * {@link #sample}.
     */
    default SparseVector sampleSparse(double[] scratch) {
      sample(scratch);
      return Vectors.dense(scratch).toSparse();
    }
  }
}
