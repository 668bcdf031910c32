package dev.sparkem.mixture.multinomial;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.mixture.RandomStarts;
import org.apache.spark.api.java.JavaRDD;

/**
 * Start points for a multinomial mixture. Given parameters come from
 * {@link MultinomialMixtureParameters#fromJson}.
 */
public final class MultinomialStarts {
  private MultinomialStarts() {}

  /**
   * Equal weights and θ_j = (x_j + 1)/(n_j + V) from seed documents x_j of n_j words (add-one
   * smoothing, so no probability is 0): the start point of the reference fits.
   *
   * @throws IllegalArgumentException if the rows are not k rows of the same width
   */
  public static MultinomialMixtureParameters fromRows(double[][] rows) {
    int k = rows.length;
    double[][] theta = new double[k][];
    double[] weights = new double[k];
    for (int j = 0; j < k; j++) {
      int v = rows[j].length;
      double length = 0.0;
      for (double x : rows[j]) {
        length += x;
      }
      theta[j] = new double[v];
      for (int w = 0; w < v; w++) {
        theta[j][w] = (rows[j][w] + 1.0) / (length + v);
      }
      weights[j] = 1.0 / k;
    }
    return MultinomialMixtureParameters.of(weights, theta);
  }

  /** {@link #fromRows} of k rows drawn at random (one pass over the data). */
  public static MultinomialMixtureParameters randomRows(JavaRDD<RowBlock> blocks, int k,
      long seed) {
    return fromRows(RandomStarts.randomRows(blocks, k, seed));
  }

  /**
   * The M-step of {@code family} applied to random responsibilities (empty rows skipped).
   *
   * @throws DegenerateModelException if a component received no weight (k far above the rows)
   */
  public static MultinomialMixtureParameters randomResponsibilities(JavaRDD<RowBlock> blocks,
      int k, long seed, MultinomialMixtureFamily family) {
    return family.maximize(RandomStarts.randomResponsibilities(blocks, k, seed, true), null);
  }
}
