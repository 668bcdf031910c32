package dev.sparkem.mixture.multinomial;

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
 * A k-component mixture of multinomials over a vocabulary of V words (the mixture of unigrams):
 * weights w_j and word probabilities θ_j (V values ≥ 0 summing to 1). A row x is a document's
 * word counts with n = Σ_w x_w, and
 * <pre>  log p(x) = log Σ_j w_j · n!/Π_w x_w! · Π_w θ_jw^x_w  </pre>
 * including the multinomial coefficient, so that it is a true log-probability of the counts (the
 * coefficient does not depend on the component, so posteriors and the M-step do not need it).
 * An all-zero row has probability 1 under every component. Scoring costs O(nnz·k) per block;
 * the log probabilities are held word-major for that. Immutable; getters return copies.
 */
public final class MultinomialMixtureParameters implements MixtureModel {
  private static final long serialVersionUID = 1L;
  /** The value of {@code family} in the model file. */
  public static final String FAMILY = "multinomial-mixture";

  private final int k;
  private final int v;
  private final double[] weights;
  private final double[] theta;
  private final double[] logWeights;
  private final double[] logThetaByWord;

  private MultinomialMixtureParameters(int k, int v, double[] weights, double[] theta) {
    this.k = k;
    this.v = v;
    this.weights = weights;
    this.theta = theta;
    this.logWeights = new double[k];
    this.logThetaByWord = new double[v * k];
    for (int j = 0; j < k; j++) {
      logWeights[j] = Math.log(weights[j]);
      for (int w = 0; w < v; w++) {
        logThetaByWord[w * k + j] = Math.log(theta[j * v + w]);
      }
    }
  }

  /**
   * Checks the given parameters.
   *
   * @param weights k finite weights &gt; 0 summing to 1 within 1e-6 (rescaled to sum to 1
   *     unless they do within round-off: {@link MixtureChecks#weights})
   * @param theta k rows of V word probabilities, each finite and ≥ 0, each row summing to 1
   *     within 1e-6 (rescaled to sum to 1 unless they do within round-off, as the weights:
   *     {@link MixtureChecks#weights})
   * @throws IllegalArgumentException naming the offending entry
   */
  public static MultinomialMixtureParameters of(double[] weights, double[][] theta) {
    double[] w = MixtureChecks.weights(weights);
    int k = w.length;
    double[] flat = MixtureChecks.rows(theta, k, "theta");
    int v = flat.length / k;
    for (int j = 0; j < k; j++) {
      double sum = 0.0;
      for (int a = 0; a < v; a++) {
        double p = flat[j * v + a];
        if (!(p >= 0) || !Double.isFinite(p)) {
          throw MixtureChecks.entry("theta", j, a, p, "a finite number >= 0");
        }
        sum += p;
      }
      if (Math.abs(sum - 1.0) > 1e-6) {
        throw new IllegalArgumentException("theta[" + j + "] sums to " + sum + ", expected 1");
      }
      if (!MixtureChecks.sumsToOne(sum, v)) {
        for (int a = 0; a < v; a++) {
          flat[j * v + a] /= sum;
        }
      }
    }
    return new MultinomialMixtureParameters(k, v, w, flat);
  }

  /** From an M-step's arrays (taken, not copied; theta row-major k×V). */
  static MultinomialMixtureParameters fromMaximization(int k, int v, double[] weights,
      double[] theta) {
    return new MultinomialMixtureParameters(k, v, weights, theta);
  }

  @Override
  public int k() {
    return k;
  }

  /** The vocabulary size V. */
  @Override
  public int dimension() {
    return v;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The word probabilities of component j (copy, V values). */
  public double[] theta(int j) {
    return Arrays.copyOfRange(theta, j * v, (j + 1) * v);
  }

  /** The word probabilities (copy, k×V). */
  public double[][] theta() {
    double[][] t = new double[k][];
    for (int j = 0; j < k; j++) {
      t[j] = theta(j);
    }
    return t;
  }

  /** Σ_j Σ_w log θ_jw (−∞ when some θ_jw is 0). */
  double sumLogTheta() {
    double sum = 0.0;
    for (double logTheta : logThetaByWord) {
      sum += logTheta;
    }
    return sum;
  }

  /** k·(V − 1) free word probabilities and k − 1 free weights. */
  @Override
  public int parameterCount() {
    return k * (v - 1) + k - 1;
  }

  /**
   * Writes log w_j + log p_j(x_i), multinomial coefficient included, in O(nnz·k).
   *
   * @throws IllegalArgumentException if the block's width is not V
   */
  @Override
  public void logJointDensities(RowBlock block, double[] out) {
    if (block.dimension() != v) {
      throw new IllegalArgumentException(
          "found rows of width " + block.dimension() + ", expected the vocabulary size " + v);
    }
    logJointDensities(NonZeros.of(block), out);
  }

  void logJointDensities(NonZeros x, double[] out) {
    int[] starts = x.rowStarts();
    int[] indices = x.indices();
    double[] values = x.values();
    for (int i = 0; i < x.rows(); i++) {
      double length = 0.0;
      double logCoefficient = 0.0;
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        length += values[t];
        logCoefficient -= LogFactorial.of(values[t]);
      }
      logCoefficient += LogFactorial.of(length);
      int offset = i * k;
      for (int j = 0; j < k; j++) {
        out[offset + j] = logWeights[j] + logCoefficient;
      }
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        int word = indices[t] * k;
        double count = values[t];
        for (int j = 0; j < k; j++) {
          out[offset + j] += count * logThetaByWord[word + j];
        }
      }
    }
  }

  /** The model file keys: the shared ones, then {@code theta} (k arrays of V). */
  @Override
  public ObjectNode toJson() {
    ObjectNode root = MixtureJson.header(FAMILY, k, v, weights);
    MixtureJson.addRows(root.putArray("theta"), theta());
    return root;
  }

  /**
   * Reads parameters written by {@link #toJson()}.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key if the family or formatVersion
   *     does not match, a key is missing or malformed, or the parameters are invalid
   */
  public static MultinomialMixtureParameters fromJson(JsonNode root, String source) {
    MixtureJson.checkHeader(root, FAMILY, source);
    double[] weights =
        MixtureJson.vector(MixtureJson.required(root, "weights", source), "weights", source);
    double[][] theta =
        MixtureJson.matrix(MixtureJson.required(root, "theta", source), "theta", source);
    try {
      return of(weights, theta);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MultinomialMixtureParameters{k=" + k + ", V=" + v + ", weights="
        + Arrays.toString(weights) + "}";
  }
}
