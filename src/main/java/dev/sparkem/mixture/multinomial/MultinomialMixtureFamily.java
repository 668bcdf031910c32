package dev.sparkem.mixture.multinomial;

import dev.sparkem.data.RowBlock;
import dev.sparkem.data.ValueDomain;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.mixture.ComponentSums;
import dev.sparkem.mixture.NonZeros;
import dev.sparkem.mixture.Posteriors;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multinomial mixture (mixture of unigrams) as an EM model family over word-count rows,
 * dense or sparse, in O(nnz·k) per block.
 *
 * <p>M-step with additive (Dirichlet) smoothing α ≥ 0: θ_jw = (S_jw + α)/(Σ_w S_jw + α·V),
 * w_j = N_j/N (weights unsmoothed), where S_jw = Σ_i r_ij·x_iw and N_j = Σ_i r_ij. For α &gt; 0
 * this is the MAP step under a symmetric Dirichlet(1 + α) prior on every θ_j, so EM increases
 * the objective log p(x) + α·Σ_jw log θ_jw, not log p(x) alone: {@link #logPrior} returns that
 * term and the engine checks monotonicity and convergence on the sum, while the reported trace
 * stays the log-likelihood (multinomial coefficient included, see
 * {@link MultinomialMixtureParameters}). α = 0 is maximum likelihood.
 *
 * <p>All-zero rows (empty documents) are skipped: they have probability 1 under every component,
 * so they add 0 to the log-likelihood and nothing to the statistics, and the weights are shares
 * of the non-empty rows. Their number is counted in {@link ComponentSums#skippedRows()} and
 * logged once per fit as a warning.
 */
public final class MultinomialMixtureFamily
    implements ModelFamily<RowBlock, MultinomialMixtureParameters, ComponentSums> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MultinomialMixtureFamily.class);

  /** The values this family accepts: counts (integers ≥ 0). Pass it to the packing. */
  public static final ValueDomain VALUE_DOMAIN = ValueDomain.COUNT;
  /** The default smoothing α. */
  public static final double DEFAULT_ALPHA = 1e-2;

  private final double alpha;
  private transient volatile boolean warned;

  /**
   * @param alpha the pseudo-count added to every word of every component, ≥ 0
   * @throws IllegalArgumentException if alpha is negative or not finite
   */
  public MultinomialMixtureFamily(double alpha) {
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha is " + alpha + ", expected a finite number >= 0");
    }
    this.alpha = alpha;
  }

  public double alpha() {
    return alpha;
  }

  @Override
  public ComponentSums zero(MultinomialMixtureParameters params) {
    return new ComponentSums(params.k(), params.dimension());
  }

  /** k·d sums: large statistics are reduced per component. */
  @Override
  public long statisticsValues(MultinomialMixtureParameters params) {
    return ComponentSums.values(params.k(), params.dimension());
  }

  @Override
  public double accumulate(MultinomialMixtureParameters params, RowBlock block,
      ComponentSums stats) {
    if (block.dimension() != params.dimension()) {
      throw new IllegalArgumentException("found rows of width " + block.dimension()
          + ", expected the vocabulary size " + params.dimension());
    }
    int k = params.k();
    NonZeros x = NonZeros.of(block);
    double[] responsibilities = new double[block.rows() * k];
    params.logJointDensities(x, responsibilities);
    double logLikelihood = Posteriors.normalize(responsibilities, k, block, null);
    int[] starts = x.rowStarts();
    for (int i = 0; i < block.rows(); i++) {
      if (starts[i] == starts[i + 1]) {
        Arrays.fill(responsibilities, i * k, (i + 1) * k, 0.0);
        stats.skip(block.weight(i));
      }
    }
    stats.add(x, responsibilities);
    return logLikelihood;
  }

  /**
   * @throws DegenerateModelException naming the component, if a component lost all its weight
   */
  @Override
  public MultinomialMixtureParameters maximize(ComponentSums stats,
      MultinomialMixtureParameters previous) {
    int k = stats.k();
    int v = stats.dimension();
    double total = stats.totalWeight();
    if (stats.skippedRows() > 0 && !warned) {
      warned = true;
      LOG.warn("skipped {} all-zero rows (empty documents, total weight {}): they have "
          + "probability 1 under every component", stats.skippedRows(), stats.skippedWeight());
    }
    double[] weights = new double[k];
    double[] theta = new double[k * v];
    for (int j = 0; j < k; j++) {
      double n = stats.weight(j);
      double[] sums = stats.sums(j);
      double words = 0.0;
      for (double s : sums) {
        words += s;
      }
      double denominator = words + alpha * v;
      if (!(n > 0) || !(denominator > 0)) {
        throw new DegenerateModelException("component " + j + " lost all its weight (its "
            + "posterior probabilities sum to " + n + " over " + total + " units of weight, "
            + words + " words)");
      }
      weights[j] = n / total;
      for (int w = 0; w < v; w++) {
        theta[j * v + w] = (sums[w] + alpha) / denominator;
      }
    }
    return MultinomialMixtureParameters.fromMaximization(k, v, weights, theta);
  }

  /** α·Σ_jw log θ_jw, the log Dirichlet(1 + α) prior up to a constant; 0 when α = 0. */
  @Override
  public double logPrior(MultinomialMixtureParameters params) {
    return alpha == 0.0 ? 0.0 : alpha * params.sumLogTheta();
  }
}
