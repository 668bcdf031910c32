package dev.sparkem.mixture;

import dev.sparkem.data.RowBlock;
import dev.sparkem.linalg.LogSumExp;

/** From log joint densities log(w_j·p_j(x_i)) of a block to posteriors, in log space. */
public final class Posteriors {
  private Posteriors() {}

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
    int n = block.rows();
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      int offset = i * k;
      double logLikelihood = LogSumExp.of(logJoint, offset, k);
      double weight = block.weight(i);
      for (int j = 0; j < k; j++) {
        logJoint[offset + j] =
            weight == 0.0 ? 0.0 : weight * Math.exp(logJoint[offset + j] - logLikelihood);
      }
      if (rowLogLikelihood != null) {
        rowLogLikelihood[i] = logLikelihood;
      }
      if (weight != 0.0) {
        total += weight * logLikelihood;
      }
    }
    return total;
  }
}
