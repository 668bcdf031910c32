package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.ModelFamily;
import dev.sparkem.mixture.Posteriors;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gaussian mixture of one {@link CovarianceType} as an EM model family, with scikit-learn's
 * M-step: N_j = Σ r_ij, w_j = N_j / Σ N, μ_j = Σ r x / N_j, and
 * <ul>
 *   <li>full: Σ_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / N_j + regCovar·I;
 *   <li>tied: Σ = Σ_j Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / Σ N + regCovar·I;
 *   <li>diag: σ²_ja = Σ_i r_ij (x_ia − μ_ja)² / N_j + regCovar;
 *   <li>spherical: σ²_j = the mean over a of the diag variances (regCovar included).
 * </ul>
 * The E-step scores a block through {@link GaussianMixtureParameters#logJointDensities} and
 * log-sum-exp.
 */
public final class GaussianMixtureFamily
    implements ModelFamily<RowBlock, GaussianMixtureParameters, GaussianStatistics> {
  private static final long serialVersionUID = 2L;

  /** scikit-learn's default covariance ridge. */
  public static final double DEFAULT_REG_COVAR = 1e-6;

  private final CovarianceType type;
  private final double regCovar;

  /**
   * @param regCovar added to the variances after each M-step, ≥ 0
   * @throws IllegalArgumentException if regCovar is negative or not finite
   */
  public GaussianMixtureFamily(CovarianceType type, double regCovar) {
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("regCovar is " + regCovar + ", expected >= 0");
    }
    this.type = type;
    this.regCovar = regCovar;
  }

  public CovarianceType covarianceType() {
    return type;
  }

  public double regCovar() {
    return regCovar;
  }

  @Override
  public GaussianStatistics zero(GaussianMixtureParameters params) {
    if (params.covarianceType() != type) {
      throw new IllegalArgumentException("parameters of " + params.covarianceType()
          + " covariance given to the " + type + " family");
    }
    double[] centres = new double[params.k() * params.dimension()];
    for (int j = 0; j < params.k(); j++) {
      System.arraycopy(params.mean(j), 0, centres, j * params.dimension(), params.dimension());
    }
    return new GaussianStatistics(type, params.k(), params.dimension(), centres);
  }

  /**
   * Which kernel whitens and scatters full and tied covariances of rows of d values in this JVM:
   * {@code "vector-lanes-N"} (the Java Vector API, N doubles per vector),
   * {@code "blas-triangular"} or {@code "blas-general"} (through the BLAS netlib picked), or
   * {@code "loops"} (plain loops at small d without the Vector API module).
   */
  public static String fullCovarianceKernel(int d) {
    Level3Kernel kernel = Level3Kernel.forDimension(d);
    if (d <= kernel.loopMaxDimension()) {
      return "loops";
    }
    return switch (kernel) {
      case LANES -> "vector-lanes-" + VectorLanes.LANES;
      case TRIANGULAR -> "blas-triangular";
      case GENERAL -> "blas-general";
    };
  }

  /** {@link GaussianStatistics#values}: large statistics are reduced per component. */
  @Override
  public long statisticsValues(GaussianMixtureParameters params) {
    return GaussianStatistics.values(type, params.k(), params.dimension());
  }

  @Override
  public double accumulate(GaussianMixtureParameters params, RowBlock block,
      GaussianStatistics stats) {
    boolean diagonal = type == CovarianceType.DIAG || type == CovarianceType.SPHERICAL;
    RowBlock rows = diagonal ? block : block.toDense();
    double[] responsibilities = new double[rows.rows() * params.k()];
    params.logJointDensities(rows, responsibilities);
    Posteriors.Totals totals =
        Posteriors.normalizeWithEntropy(responsibilities, params.k(), rows, null);
    stats.add(rows, responsibilities);
    stats.addPosteriorEntropy(totals.entropy());
    return totals.logLikelihood();
  }

  @Override
  public GaussianMixtureParameters maximize(
      GaussianStatistics stats, GaussianMixtureParameters previous) {
    int k = stats.k();
    int d = stats.dimension();
    double total = 0.0;
    for (int j = 0; j < k; j++) {
      total += stats.weight(j);
    }
    double[] weights = new double[k];
    double[] means = new double[k * d];
    double[][] offsets = new double[k][];
    for (int j = 0; j < k; j++) {
      double n = stats.weight(j);
      if (!(n > 0)) {
        throw new DegenerateModelException("component " + j + " lost all its weight (its "
            + "posterior probabilities sum to " + n + " over " + total + " units of weight)");
      }
      weights[j] = n / total;
      double[] centre = stats.centre(j);
      offsets[j] = stats.firstMoment(j);
      for (int a = 0; a < d; a++) {
        offsets[j][a] /= n;
        means[j * d + a] = centre[a] + offsets[j][a];
      }
    }
    double[] covariances = new double[GaussianMixtureParameters.covarianceSize(type, k, d)];
    switch (type) {
      case FULL -> {
        for (int j = 0; j < k; j++) {
          scatter(stats, j, stats.weight(j), offsets[j], covariances, j * d * d);
        }
      }
      case TIED -> {
        for (int b = 0; b < d; b++) {
          for (int a = b; a < d; a++) {
            double c = stats.secondMoment(0, a, b);
            for (int j = 0; j < k; j++) {
              c -= stats.weight(j) * offsets[j][a] * offsets[j][b];
            }
            covariances[a * d + b] = c / total + (a == b ? regCovar : 0.0);
            covariances[b * d + a] = covariances[a * d + b];
          }
        }
      }
      case DIAG, SPHERICAL -> {
        for (int j = 0; j < k; j++) {
          double sum = 0.0;
          for (int a = 0; a < d; a++) {
            double v = stats.secondMoment(j, a, a) / stats.weight(j)
                - offsets[j][a] * offsets[j][a] + regCovar;
            if (type == CovarianceType.DIAG) {
              covariances[j * d + a] = v;
            }
            sum += v;
          }
          if (type == CovarianceType.SPHERICAL) {
            covariances[j] = sum / d;
          }
        }
      }
    }
    return GaussianMixtureParameters.fromMaximization(type, k, d, weights, means, covariances);
  }

  /**
   * The ridge makes the M-step maximise Q(θ) − P(θ) with P(θ) = (regCovar/2)·Σ_j N_j·tr(Σ_j⁻¹)
   * (N_j from the E-step) instead of Q(θ); the usual EM argument then bounds the fall of the
   * log-likelihood by P(θ_t) − P(θ_{t+1}), which per unit weight is
   * (regCovar/2)·Σ_j w'_j·(tr(Σ_j⁻¹) − tr(Σ'_j⁻¹)) with the new weights w'. Near a fixed point
   * of the ridge the log-likelihood can indeed fall by about that much; 0 when regCovar = 0.
   */
  @Override
  public double decreaseAllowance(GaussianMixtureParameters previous,
      GaussianMixtureParameters next) {
    if (regCovar == 0) {
      return 0.0;
    }
    double[] weights = next.weights();
    double sum = 0.0;
    for (int j = 0; j < next.k(); j++) {
      sum += weights[j] * (previous.traceOfPrecision(j) - next.traceOfPrecision(j));
    }
    return Math.max(0.0, 0.5 * regCovar * sum);
  }

  /**
   * The components that have collapsed: some variance — for full and tied covariances, some
   * conditional variance L_aa² of the Cholesky factor — is at most twice regCovar, so that the
   * data's own variance there is at most the ridge and the fitted density is an artifact of
   * regCovar (the likelihood grows without bound as such a component shrinks onto a few points).
   * Such a model is reported, and never chosen by model selection. With regCovar = 0 a collapse
   * ends the fit as degenerate instead.
   */
  public List<Integer> collapsedComponents(GaussianMixtureParameters params) {
    List<Integer> collapsed = new ArrayList<>();
    int d = params.dimension();
    for (int j = 0; j < params.k(); j++) {
      double smallest = Double.POSITIVE_INFINITY;
      if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
        double[] lower = params.factor(j).lower();
        for (int a = 0; a < d; a++) {
          smallest = Math.min(smallest, lower[a * d + a] * lower[a * d + a]);
        }
      } else {
        for (int a = 0; a < d; a++) {
          smallest = Math.min(smallest, params.variance(j, a));
        }
      }
      if (smallest <= 2 * regCovar) {
        collapsed.add(j);
      }
    }
    return collapsed;
  }

  /** M_j / N_j − o oᵀ + regCovar·I into the d×d matrix at {@code offset}. */
  private void scatter(GaussianStatistics stats, int j, double n, double[] o, double[] into,
      int offset) {
    int d = o.length;
    for (int b = 0; b < d; b++) {
      for (int a = b; a < d; a++) {
        double c = stats.secondMoment(j, a, b) / n - o[a] * o[b] + (a == b ? regCovar : 0.0);
        into[offset + a * d + b] = c;
        into[offset + b * d + a] = c;
      }
    }
  }
}
