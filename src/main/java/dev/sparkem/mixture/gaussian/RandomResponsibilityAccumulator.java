package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.BlockAccumulator;
import dev.sparkem.mixture.RandomStarts;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Statistics of random responsibilities: every row's posterior is drawn from a flat Dirichlet
 * distribution (scikit-learn's {@code init_params='random'}), seeded per block by the seed and the
 * block's contents. The M-step of these statistics is a start point.
 */
final class RandomResponsibilityAccumulator implements
    BlockAccumulator<RowBlock, RandomResponsibilityAccumulator.Spec, GaussianStatistics> {
  private static final long serialVersionUID = 1L;

  /** k components, statistics about {@code centre} (one row, the same for every component). */
  record Spec(CovarianceType type, int k, double[] centre, long seed) implements Serializable {}

  @Override
  public GaussianStatistics zero(Spec spec) {
    int d = spec.centre().length;
    double[] centres = new double[spec.k() * d];
    for (int j = 0; j < spec.k(); j++) {
      System.arraycopy(spec.centre(), 0, centres, j * d, d);
    }
    return new GaussianStatistics(spec.type(), spec.k(), d, centres);
  }

  /** {@link GaussianStatistics#values}: large statistics are reduced per component. */
  @Override
  public long statisticsValues(Spec spec) {
    return GaussianStatistics.values(spec.type(), spec.k(), spec.centre().length);
  }

  /** Returns 0: random responsibilities have no log-likelihood. */
  @Override
  public double accumulate(Spec spec, RowBlock block, GaussianStatistics stats) {
    SplittableRandom random = RandomStarts.blockRandom(block, spec.seed());
    int k = spec.k();
    double[] responsibilities = new double[block.rows() * k];
    for (int i = 0; i < block.rows(); i++) {
      RandomStarts.drawResponsibilities(random, block.weight(i), responsibilities, i * k, k);
    }
    stats.add(block, responsibilities);
    return 0.0;
  }
}
