package dev.sparkem.mixture.poisson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.RowBlock;
import dev.sparkem.linalg.LogFactorial;
import dev.sparkem.mixture.MixtureChecks;
import dev.sparkem.mixture.MixtureJson;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.mixture.NonZeros;
import java.util.Arrays;

/**
 * A k-component mixture of independent Poisson distributions over count rows of width d:
 * weights w_j and rates λ_ja &gt; 0 (expected count of column a in component j),
 * <pre>  log p(x) = log Σ_j w_j Π_a λ_ja^x_a e^(−λ_ja) / x_a!  </pre>
 * with the −log(x_a!) terms included. Scoring costs O(nnz·k) per block through the
 * precomputed Σ_a λ_ja. Immutable; getters return copies.
 */
public final class PoissonMixtureParameters implements MixtureModel {
  private static final long serialVersionUID = 1L;
  /** The value of {@code family} in the model file. */
  public static final String FAMILY = "poisson-mixture";

  private final int k;
  private final int d;
  private final double[] weights;
  private final double[] rates;
  private final double[] constants;
  private final double[] logRatesByColumn;

  private PoissonMixtureParameters(int k, int d, double[] weights, double[] rates) {
    this.k = k;
    this.d = d;
    this.weights = weights;
    this.rates = rates;
    this.constants = new double[k];
    this.logRatesByColumn = new double[d * k];
    for (int j = 0; j < k; j++) {
      double total = 0.0;
      for (int a = 0; a < d; a++) {
        total += rates[j * d + a];
        logRatesByColumn[a * k + j] = Math.log(rates[j * d + a]);
      }
      constants[j] = Math.log(weights[j]) - total;
    }
  }

  /**
   * Checks the given parameters.
   *
   * @param weights k finite weights &gt; 0 summing to 1 within 1e-6 (rescaled to sum to 1
   *     unless they do within round-off: {@link MixtureChecks#weights})
   * @param rates k rows of d rates, each finite and &gt; 0
   * @throws IllegalArgumentException naming the offending entry
   */
  public static PoissonMixtureParameters of(double[] weights, double[][] rates) {
    double[] w = MixtureChecks.weights(weights);
    int k = w.length;
    double[] flat = MixtureChecks.rows(rates, k, "rates");
    int d = flat.length / k;
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        double r = flat[j * d + a];
        if (!(r > 0) || !Double.isFinite(r)) {
          throw MixtureChecks.entry("rates", j, a, r, "a finite number > 0");
        }
      }
    }
    return new PoissonMixtureParameters(k, d, w, flat);
  }

  /** From an M-step's arrays (taken, not copied; rates row-major k×d). */
  static PoissonMixtureParameters fromMaximization(int k, int d, double[] weights,
      double[] rates) {
    return new PoissonMixtureParameters(k, d, weights, rates);
  }

  @Override
  public int k() {
    return k;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The rates of component j (copy, d values). */
  public double[] rates(int j) {
    return Arrays.copyOfRange(rates, j * d, (j + 1) * d);
  }

  /** The rates (copy, k×d). */
  public double[][] rates() {
    double[][] r = new double[k][];
    for (int j = 0; j < k; j++) {
      r[j] = rates(j);
    }
    return r;
  }

  /** k·d rates and k − 1 free weights. */
  @Override
  public int parameterCount() {
    return k * d + k - 1;
  }

  /**
   * Writes log w_j + log p_j(x_i) in O(nnz·k).
   *
   * @throws IllegalArgumentException if the block's width is not d
   */
  @Override
  public void logJointDensities(RowBlock block, double[] out) {
    if (block.dimension() != d) {
      throw new IllegalArgumentException(
          "found rows of width " + block.dimension() + ", expected " + d);
    }
    logJointDensities(NonZeros.of(block), out);
  }

  void logJointDensities(NonZeros x, double[] out) {
    int[] starts = x.rowStarts();
    int[] indices = x.indices();
    double[] values = x.values();
    for (int i = 0; i < x.rows(); i++) {
      double logFactorials = 0.0;
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        logFactorials += LogFactorial.of(values[t]);
      }
      int offset = i * k;
      for (int j = 0; j < k; j++) {
        out[offset + j] = constants[j] - logFactorials;
      }
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        int column = indices[t] * k;
        double count = values[t];
        for (int j = 0; j < k; j++) {
          out[offset + j] += count * logRatesByColumn[column + j];
        }
      }
    }
  }

  /** The model file keys: the shared ones, then {@code rates} (k arrays of d). */
  @Override
  public ObjectNode toJson() {
    ObjectNode root = MixtureJson.header(FAMILY, k, d, weights);
    MixtureJson.addRows(root.putArray("rates"), rates());
    return root;
  }

  /**
   * Reads parameters written by {@link #toJson()}.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key if the family or formatVersion
   *     does not match, a key is missing or malformed, or the parameters are invalid
   */
  public static PoissonMixtureParameters fromJson(JsonNode root, String source) {
    MixtureJson.checkHeader(root, FAMILY, source);
    double[] weights =
        MixtureJson.vector(MixtureJson.required(root, "weights", source), "weights", source);
    double[][] rates =
        MixtureJson.matrix(MixtureJson.required(root, "rates", source), "rates", source);
    try {
      return of(weights, rates);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PoissonMixtureParameters{k=" + k + ", d=" + d + ", weights="
        + Arrays.toString(weights) + "}";
  }
}
