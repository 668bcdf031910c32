package dev.sparkem.mixture.bernoulli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.MixtureChecks;
import dev.sparkem.mixture.MixtureJson;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.mixture.NonZeros;
import java.util.Arrays;

/**
 * A k-component mixture of independent Bernoulli distributions over binary rows of width d:
 * weights w_j and probabilities μ_ja = P(x_a = 1 | component j) in [0, 1],
 * <pre>  log p(x) = log Σ_j w_j Π_a μ_ja^x_a (1 − μ_ja)^(1 − x_a)  </pre>
 * with 0·log 0 = 0. Scoring costs O(nnz·k) per block: log p_j(x) = Σ_a log(1 − μ_ja) +
 * Σ_{a: x_a = 1} log(μ_ja/(1 − μ_ja)), with the first sum precomputed per component (a
 * probability of exactly 1 is handled separately, so no ∞ − ∞ arises). Immutable; getters
 * return copies.
 */
public final class BernoulliMixtureParameters implements MixtureModel {
  private static final long serialVersionUID = 1L;
  /** The value of {@code family} in the model file. */
  public static final String FAMILY = "bernoulli-mixture";

  private final int k;
  private final int d;
  private final double[] weights;
  private final double[] mu;
  /** log w_j + Σ_{a: μ_ja &lt; 1} log(1 − μ_ja). */
  private final double[] constants;
  /** Column-major: log μ_ja − log(1 − μ_ja), or 0 where μ_ja = 1. */
  private final double[] logOddsByColumn;
  /** The number of columns where μ_ja = 1: a row needs a 1 in each of them. */
  private final int[] certainOnes;

  private BernoulliMixtureParameters(int k, int d, double[] weights, double[] mu) {
    this.k = k;
    this.d = d;
    this.weights = weights;
    this.mu = mu;
    this.constants = new double[k];
    this.logOddsByColumn = new double[d * k];
    this.certainOnes = new int[k];
    for (int j = 0; j < k; j++) {
      double constant = Math.log(weights[j]);
      for (int a = 0; a < d; a++) {
        double p = mu[j * d + a];
        if (p < 1.0) {
          double logComplement = Math.log1p(-p);
          constant += logComplement;
          logOddsByColumn[a * k + j] = Math.log(p) - logComplement;
        } else {
          certainOnes[j]++;
        }
      }
      constants[j] = constant;
    }
  }

  /**
   * Checks the given parameters.
   *
   * @param weights k finite weights &gt; 0 summing to 1 within 1e-6 (rescaled to sum to 1
   *     unless they do within round-off: {@link MixtureChecks#weights})
   * @param mu k rows of d probabilities, each in [0, 1]
   * @throws IllegalArgumentException naming the offending entry
   */
  public static BernoulliMixtureParameters of(double[] weights, double[][] mu) {
    double[] w = MixtureChecks.weights(weights);
    int k = w.length;
    double[] flat = MixtureChecks.rows(mu, k, "mu");
    int d = flat.length / k;
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        double p = flat[j * d + a];
        if (!(p >= 0 && p <= 1)) {
          throw MixtureChecks.entry("mu", j, a, p, "a probability in [0, 1]");
        }
      }
    }
    return new BernoulliMixtureParameters(k, d, w, flat);
  }

  /** From an M-step's arrays (taken, not copied; mu row-major k×d). */
  static BernoulliMixtureParameters fromMaximization(int k, int d, double[] weights,
      double[] mu) {
    return new BernoulliMixtureParameters(k, d, weights, mu);
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

  /** The probabilities of component j (copy, d values). */
  public double[] mu(int j) {
    return Arrays.copyOfRange(mu, j * d, (j + 1) * d);
  }

  /** The probabilities (copy, k×d). */
  public double[][] mu() {
    double[][] m = new double[k][];
    for (int j = 0; j < k; j++) {
      m[j] = mu(j);
    }
    return m;
  }

  /** Σ_ja [log μ_ja + log(1 − μ_ja)] (−∞ when some μ_ja is 0 or 1). */
  double sumLogMuAndComplement() {
    double sum = 0.0;
    for (double p : mu) {
      sum += Math.log(p) + Math.log1p(-p);
    }
    return sum;
  }

  /** k·d probabilities and k − 1 free weights. */
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
    boolean anyCertain = Arrays.stream(certainOnes).anyMatch(c -> c > 0);
    int[] ones = new int[k];
    for (int i = 0; i < x.rows(); i++) {
      int offset = i * k;
      System.arraycopy(constants, 0, out, offset, k);
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        int column = indices[t] * k;
        for (int j = 0; j < k; j++) {
          out[offset + j] += logOddsByColumn[column + j];
        }
      }
      if (anyCertain) {
        Arrays.fill(ones, 0);
        for (int t = starts[i]; t < starts[i + 1]; t++) {
          for (int j = 0; j < k; j++) {
            if (mu[j * d + indices[t]] == 1.0) {
              ones[j]++;
            }
          }
        }
        for (int j = 0; j < k; j++) {
          if (ones[j] < certainOnes[j]) {
            out[offset + j] = Double.NEGATIVE_INFINITY;
          }
        }
      }
    }
  }

  /** The model file keys: the shared ones, then {@code mu} (k arrays of d). */
  @Override
  public ObjectNode toJson() {
    ObjectNode root = MixtureJson.header(FAMILY, k, d, weights);
    MixtureJson.addRows(root.putArray("mu"), mu());
    return root;
  }

  /**
   * Reads parameters written by {@link #toJson()}.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key if the family or formatVersion
   *     does not match, a key is missing or malformed, or the parameters are invalid
   */
  public static BernoulliMixtureParameters fromJson(JsonNode root, String source) {
    MixtureJson.checkHeader(root, FAMILY, source);
    double[] weights =
        MixtureJson.vector(MixtureJson.required(root, "weights", source), "weights", source);
    double[][] mu = MixtureJson.matrix(MixtureJson.required(root, "mu", source), "mu", source);
    try {
      return of(weights, mu);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "BernoulliMixtureParameters{k=" + k + ", d=" + d + ", weights="
        + Arrays.toString(weights) + "}";
  }
}
