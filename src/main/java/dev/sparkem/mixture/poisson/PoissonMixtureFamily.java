package dev.sparkem.mixture.poisson;

import dev.sparkem.data.RowBlock;
import dev.sparkem.data.ValueDomain;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.mixture.ComponentSums;
import dev.sparkem.mixture.NonZeros;
import dev.sparkem.mixture.Posteriors;

/**
 * The mixture of independent Poissons as an EM model family over count rows, dense or sparse, in
 * O(nnz·k) per block. M-step: w_j = N_j/N and λ_ja = max(S_ja/N_j, floor) with
 * S_ja = Σ_i r_ij·x_ia. The floor (default {@value #DEFAULT_RATE_FLOOR}) keeps log λ finite when
 * a column is 0 in every row of a component; since the expected complete-data log-likelihood is
 * concave in λ, the floored value is its maximum over λ ≥ floor, so EM stays monotone. Maximum
 * likelihood: no prior.
 */
public final class PoissonMixtureFamily
    implements ModelFamily<RowBlock, PoissonMixtureParameters, ComponentSums> {
  private static final long serialVersionUID = 1L;

  /** The values this family accepts: counts (integers ≥ 0). Pass it to the packing. */
  public static final ValueDomain VALUE_DOMAIN = ValueDomain.COUNT;
  /** The default lower bound of every rate. */
  public static final double DEFAULT_RATE_FLOOR = 1e-10;

  private final double rateFloor;

  /** A family with the default rate floor. */
  public PoissonMixtureFamily() {
    this(DEFAULT_RATE_FLOOR);
  }

  /**
   * @param rateFloor the lower bound of every rate after an M-step, finite and &gt; 0
   * @throws IllegalArgumentException otherwise
   */
  public PoissonMixtureFamily(double rateFloor) {
    if (!(rateFloor > 0) || Double.isInfinite(rateFloor)) {
      throw new IllegalArgumentException(
          "rateFloor is " + rateFloor + ", expected a finite number > 0");
    }
    this.rateFloor = rateFloor;
  }

  public double rateFloor() {
    return rateFloor;
  }

  @Override
  public ComponentSums zero(PoissonMixtureParameters params) {
    return new ComponentSums(params.k(), params.dimension());
  }

  /** k·d sums: large statistics are reduced per component. */
  @Override
  public long statisticsValues(PoissonMixtureParameters params) {
    return ComponentSums.values(params.k(), params.dimension());
  }

  @Override
  public double accumulate(PoissonMixtureParameters params, RowBlock block, ComponentSums stats) {
    if (block.dimension() != params.dimension()) {
      throw new IllegalArgumentException("found rows of width " + block.dimension()
          + ", expected " + params.dimension());
    }
    NonZeros x = NonZeros.of(block);
    double[] responsibilities = new double[block.rows() * params.k()];
    params.logJointDensities(x, responsibilities);
    double logLikelihood = Posteriors.normalize(responsibilities, params.k(), block, null);
    stats.add(x, responsibilities);
    return logLikelihood;
  }

  /**
   * @throws DegenerateModelException naming the component, if a component lost all its weight
   */
  @Override
  public PoissonMixtureParameters maximize(ComponentSums stats,
      PoissonMixtureParameters previous) {
    int k = stats.k();
    int d = stats.dimension();
    double[] weights = stats.mixingWeights();
    double[] rates = new double[k * d];
    for (int j = 0; j < k; j++) {
      double n = stats.weight(j);
      for (int a = 0; a < d; a++) {
        rates[j * d + a] = Math.max(stats.sum(j, a) / n, rateFloor);
      }
    }
    return PoissonMixtureParameters.fromMaximization(k, d, weights, rates);
  }
}
