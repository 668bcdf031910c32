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
   * centre; weights are the clusters' shares of the weight, means and covariances (ddof 0, of the
   * given type, plus regCovar on the variances) are the clusters' own. One pass over the data.
   *
   * @throws DegenerateModelException if a centre is nearest to no row
   */
  public static GaussianMixtureParameters fromCentres(JavaRDD<RowBlock> blocks,
      double[][] centres, CovarianceType type, double regCovar) {
    GaussianStatistics stats =
        DistributedPass.run(blocks, new NearestCentreAccumulator(type), centres).statistics();
    for (int j = 0; j < centres.length; j++) {
      if (stats.weight(j) == 0) {
        throw new DegenerateModelException("initial centre " + j + " "
            + Arrays.toString(centres[j]) + " is the nearest centre of no row");
      }
    }
    return new GaussianMixtureFamily(type, regCovar).maximize(stats, null);
  }

  /**
   * The M-step of random responsibilities (scikit-learn's {@code random} init): every row's
   * posterior drawn from a flat Dirichlet distribution. One pass over the data; the same data,
   * partitioning and seed give the same start point.
   *
   * @param centre any one row of the data, about which the statistics are taken
   */
  public static GaussianMixtureParameters fromRandomResponsibilities(JavaRDD<RowBlock> blocks,
      int k, double[] centre, CovarianceType type, long seed, double regCovar) {
    GaussianStatistics stats = DistributedPass.run(blocks, new RandomResponsibilityAccumulator(),
        new RandomResponsibilityAccumulator.Spec(type, k, centre, seed)).statistics();
    return new GaussianMixtureFamily(type, regCovar).maximize(stats, null);
  }

  /**
   * Equal weights, the given rows as means, and the covariance S of all the data (ddof 0, plus
   * regCovar on the diagonal) for every component — S itself (full, tied), its diagonal (diag)
   * or the mean of its diagonal (spherical): the start point of the scikit-learn reference fits.
   * One pass over the data.
   */
  public static GaussianMixtureParameters fromRows(JavaRDD<RowBlock> blocks, double[][] rows,
      CovarianceType type, double regCovar) {
    int k = rows.length;
    int d = rows[0].length;
    CovarianceType pooled = type == CovarianceType.FULL || type == CovarianceType.TIED
        ? CovarianceType.TIED : CovarianceType.DIAG;
    GaussianMixtureParameters all =
        fromCentres(blocks, new double[][] {rows[0]}, pooled, regCovar);
    double[] single = all.covarianceValues();
    double[] covariances = new double[GaussianMixtureParameters.covarianceSize(type, k, d)];
    for (int j = 0; j < k; j++) {
      switch (type) {
        case FULL -> System.arraycopy(single, 0, covariances, j * d * d, d * d);
        case TIED -> System.arraycopy(single, 0, covariances, 0, d * d);
        case DIAG -> System.arraycopy(single, 0, covariances, j * d, d);
        case SPHERICAL -> covariances[j] = Arrays.stream(single).average().orElseThrow();
      }
    }
    double[] weights = new double[k];
    Arrays.fill(weights, 1.0 / k);
    return GaussianMixtureParameters.of(type, weights, rows, covariances);
  }
}
