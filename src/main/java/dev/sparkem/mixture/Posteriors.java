package dev.sparkem.mixture;

import dev.sparkem.data.RowBlock;

/** From log joint densities log(w_j·p_j(x_i)) of a block to posteriors, in log space. */
public final class Posteriors {
  private Posteriors() {}

  /**
   * Σ_i w_i·log p(x_i) and the posterior entropy −Σ_i w_i Σ_j p_ij·ln p_ij of a block's rows, in
   * nats; the entropy is NaN if a row of positive weight has no finite log-likelihood.
   */
  public record Totals(double logLikelihood, double entropy) {}

  /**
   * Normalises each row of the n×k row-major {@code logJoint} in place to the posterior
   * probabilities p(z = j | x_i) times the weight of row i of {@code block}, through log-sum-exp,
   * and writes log p(x_i) = log Σ_j w_j·p_j(x_i) to {@code rowLogLikelihood} when it is not null.
   * A row of weight 0 gets posteriors 0 and adds nothing to the total, even where its density
   * underflows to 0 under every component.
   *
   * @return Σ_i weight_i·log p(x_i), natural log
   */
  public static double normalize(double[] logJoint, int k, RowBlock block,
      double[] rowLogLikelihood) {
    return normalizeWithEntropy(logJoint, k, block, rowLogLikelihood).logLikelihood();
  }

  /**
   * As {@link #normalize}, and also sums the weighted posterior entropy, taken from the log
   * densities (−ln p_ij = log p(x_i) − logJoint_ij) instead of a logarithm per posterior. One
   * exponential per entry: p_ij = e_ij / Σ_j e_ij with e_ij = exp(logJoint_ij − max_j).
   */
  public static Totals normalizeWithEntropy(double[] logJoint, int k, RowBlock block,
      double[] rowLogLikelihood) {
    int n = block.rows();
    double total = 0.0;
    double entropy = 0.0;
    for (int i = 0; i < n; i++) {
      int offset = i * k;
      double weight = block.weight(i);
      double max = max(logJoint, offset, k);
      double logLikelihood;
      if (Double.isFinite(max)) {
        double sum = 0.0;
        double shifted = 0.0;
        for (int j = offset; j < offset + k; j++) {
          double centred = logJoint[j] - max;
          double e = Math.exp(centred);
          logJoint[j] = e;
          sum += e;
          if (e > 0.0) {
            shifted += e * centred;
          }
        }
        double logSum = Math.log(sum);
        logLikelihood = max + logSum;
        double scale = weight / sum;
        for (int j = offset; j < offset + k; j++) {
          logJoint[j] *= scale;
        }
        // Σ_j p_j·(log Σ e − (l_j − max)): two non-negative terms, no cancellation.
        entropy += weight * (logSum - shifted / sum);
      } else {
        logLikelihood = max;
        for (int j = offset; j < offset + k; j++) {
          logJoint[j] = weight == 0.0 ? 0.0 : weight * Math.exp(logJoint[j] - logLikelihood);
        }
        if (weight != 0.0) {
          entropy = Double.NaN;
        }
      }
      if (rowLogLikelihood != null) {
        rowLogLikelihood[i] = logLikelihood;
      }
      if (weight != 0.0) {
        total += weight * logLikelihood;
      }
    }
    return new Totals(total, entropy);
  }

  /** The largest of {@code values[offset..offset+k)}, or NaN if one is NaN. */
  private static double max(double[] values, int offset, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = offset; j < offset + k; j++) {
      double v = values[j];
      if (Double.isNaN(v)) {
        return v;
      }
      max = Math.max(max, v);
    }
    return max;
  }
}
