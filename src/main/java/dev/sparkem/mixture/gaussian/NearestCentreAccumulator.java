package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.BlockAccumulator;

/**
 * Statistics of a hard assignment: every row goes wholly (with its weight) to its nearest centre
 * in Euclidean distance, ties to the lower index. The M-step of these statistics gives each
 * cluster's proportion, mean and covariance: how a k-means result becomes a mixture.
 */
final class NearestCentreAccumulator
    implements BlockAccumulator<RowBlock, double[][], GaussianStatistics> {
  private static final long serialVersionUID = 2L;

  private final CovarianceType type;

  NearestCentreAccumulator(CovarianceType type) {
    this.type = type;
  }

  @Override
  public GaussianStatistics zero(double[][] centres) {
    int d = centres[0].length;
    double[] flat = new double[centres.length * d];
    for (int j = 0; j < centres.length; j++) {
      System.arraycopy(centres[j], 0, flat, j * d, d);
    }
    return new GaussianStatistics(type, centres.length, d, flat);
  }

  /** {@link GaussianStatistics#values}: large statistics are reduced per component. */
  @Override
  public long statisticsValues(double[][] centres) {
    return GaussianStatistics.values(type, centres.length, centres[0].length);
  }

  /** Returns 0: a hard assignment has no log-likelihood. */
  @Override
  public double accumulate(double[][] centres, RowBlock block, GaussianStatistics stats) {
    RowBlock rows = block.toDense();
    int n = rows.rows();
    int d = rows.dimension();
    int k = centres.length;
    double[] x = rows.denseValues();
    double[] assignment = new double[n * k];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double distance = 0.0;
        for (int a = 0; a < d; a++) {
          double diff = x[i * d + a] - centres[j][a];
          distance += diff * diff;
        }
        if (distance < bestDistance) {
          bestDistance = distance;
          best = j;
        }
      }
      assignment[i * k + best] = rows.weight(i);
    }
    stats.add(rows, assignment);
    return 0.0;
  }
}
