package dev.sparkem.mixture.bernoulli;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.mixture.RandomStarts;
import org.apache.spark.api.java.JavaRDD;

/**
 * Start points for a Bernoulli mixture. Given parameters come from
 * {@link BernoulliMixtureParameters#fromJson}.
 */
public final class BernoulliStarts {
  private BernoulliStarts() {}

  /**
   * Equal weights and μ_j = 1/4 + x_j/2 from seed rows x_j (so every start probability is 1/4 or
   * 3/4): the start point of the reference fits.
   */
  public static BernoulliMixtureParameters fromRows(double[][] rows) {
    int k = rows.length;
    double[][] mu = new double[k][];
    double[] weights = new double[k];
    for (int j = 0; j < k; j++) {
      mu[j] = new double[rows[j].length];
      for (int a = 0; a < mu[j].length; a++) {
        mu[j][a] = 0.25 + 0.5 * rows[j][a];
      }
      weights[j] = 1.0 / k;
    }
    return BernoulliMixtureParameters.of(weights, mu);
  }

  /** {@link #fromRows} of k rows drawn at random (one pass over the data). */
  public static BernoulliMixtureParameters randomRows(JavaRDD<RowBlock> blocks, int k,
      long seed) {
    return fromRows(RandomStarts.randomRows(blocks, k, seed));
  }

  /**
   * The M-step of {@code family} applied to random responsibilities.
   *
   * @throws DegenerateModelException if a component received no weight
   */
  public static BernoulliMixtureParameters randomResponsibilities(JavaRDD<RowBlock> blocks,
      int k, long seed, BernoulliMixtureFamily family) {
    return family.maximize(RandomStarts.randomResponsibilities(blocks, k, seed, false), null);
  }
}
