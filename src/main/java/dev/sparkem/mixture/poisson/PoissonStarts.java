package dev.sparkem.mixture.poisson;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.mixture.RandomStarts;
import org.apache.spark.api.java.JavaRDD;

/**
 * Start points for a Poisson mixture. Given parameters come from
 * {@link PoissonMixtureParameters#fromJson}.
 */
public final class PoissonStarts {
  /** Added to every count of a seed row, so that no start rate is 0. */
  public static final double ROW_SMOOTHING = 0.5;

  private PoissonStarts() {}

  /** Equal weights and rates λ_j = x_j + {@value #ROW_SMOOTHING} from seed rows x_j. */
  public static PoissonMixtureParameters fromRows(double[][] rows) {
    int k = rows.length;
    double[][] rates = new double[k][];
    double[] weights = new double[k];
    for (int j = 0; j < k; j++) {
      rates[j] = rows[j].clone();
      for (int a = 0; a < rates[j].length; a++) {
        rates[j][a] += ROW_SMOOTHING;
      }
      weights[j] = 1.0 / k;
    }
    return PoissonMixtureParameters.of(weights, rates);
  }

  /** {@link #fromRows} of k rows drawn at random (one pass over the data). */
  public static PoissonMixtureParameters randomRows(JavaRDD<RowBlock> blocks, int k, long seed) {
    return fromRows(RandomStarts.randomRows(blocks, k, seed));
  }

  /**
   * The M-step of {@code family} applied to random responsibilities.
   *
   * @throws DegenerateModelException if a component received no weight
   */
  public static PoissonMixtureParameters randomResponsibilities(JavaRDD<RowBlock> blocks, int k,
      long seed, PoissonMixtureFamily family) {
    return family.maximize(RandomStarts.randomResponsibilities(blocks, k, seed, false), null);
  }
}
