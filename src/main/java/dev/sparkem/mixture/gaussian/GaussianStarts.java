package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.DistributedPass;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;

/** Start points for EM built from centres or rows by one pass over the data. */
public final class GaussianStarts {
  private GaussianStarts() {}

  /**
   * The mixture of the hard clusters around {@code centres}: each row belongs to its nearest
   * centre; weights are the clusters' shares of the weight, means and covariances (ddof 0, plus
   * regCovar on the diagonal) are the clusters' own. One pass over the data.
   *
   * @throws DegenerateModelException if a centre is nearest to no row
   */
  public static GaussianMixtureParameters fromCentres(
      JavaRDD<RowBlock> blocks, double[][] centres, double regCovar) {
    FullCovarianceStatistics stats =
        DistributedPass.run(blocks, new NearestCentreAccumulator(), centres).statistics();
    for (int j = 0; j < centres.length; j++) {
      if (stats.weight(j) == 0) {
        throw new DegenerateModelException("initial centre " + j + " "
            + Arrays.toString(centres[j]) + " is the nearest centre of no row");
      }
    }
    return new FullCovarianceFamily(regCovar).maximize(stats, null);
  }

  /**
   * Equal weights, the given rows as means, and the covariance of all the data (ddof 0, plus
   * regCovar on the diagonal) for every component: the start point of the scikit-learn reference
   * fits. One pass over the data.
   */
  public static GaussianMixtureParameters fromRows(
      JavaRDD<RowBlock> blocks, double[][] rows, double regCovar) {
    GaussianMixtureParameters all = fromCentres(blocks, new double[][] {rows[0]}, regCovar);
    double[] weights = new double[rows.length];
    double[][][] covariances = new double[rows.length][][];
    Arrays.fill(weights, 1.0 / rows.length);
    Arrays.fill(covariances, all.covariance(0));
    return GaussianMixtureParameters.of(weights, rows, covariances);
  }
}
