package dev.sparkem.ml;

import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.select.ModelScores;
import dev.sparkem.training.TrainedMixture;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a mixture model of any family ({@link GaussianMixtureModel}, {@link CountMixtureModel})
 * was trained: the kept restart's log-likelihood trace,
 * iterations and status, the cluster sizes, BIC and AIC, and every restart's final
 * log-likelihood. Immutable; array getters return copies. Log-likelihoods are natural-log
 * weighted totals Σ w_i·log p(x_i). Not saved with the model.
 */
public final class MixtureSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] trace;
  private final FitStatus status;
  private final double[] clusterSizes;
  private final double totalWeight;
  private final long rows;
  private final int parameterCount;
  private final double bic;
  private final double aic;
  private final double[] restartLogLikelihoods;
  private final List<FitStatus> restartStatuses;
  private final int bestRestart;

  MixtureSummary(TrainedMixture<?> result) {
    FitResult<? extends MixtureModel> best = result.bestFit();
    this.trace = best.logLikelihoods();
    this.status = best.status();
    this.totalWeight = best.totalWeight();
    this.rows = best.rows();
    double[] weights = best.model().weights();
    this.clusterSizes = new double[weights.length];
    for (int j = 0; j < weights.length; j++) {
      clusterSizes[j] = weights[j] * totalWeight;
    }
    ModelScores scores = ModelScores.of(best);
    this.parameterCount = scores.parameters();
    this.bic = scores.bic();
    this.aic = scores.aic();
    this.restartLogLikelihoods =
        result.restarts().stream().mapToDouble(f -> f.logLikelihood()).toArray();
    this.restartStatuses =
        result.restarts().stream().map(f -> f.status()).collect(Collectors.toUnmodifiableList());
    this.bestRestart = result.best();
  }

  /**
   * The kept restart's log-likelihood after t M-steps, t = 0..{@link #iterations()} (entry 0:
   * the start point; the last entry: the model's).
   */
  public double[] logLikelihoodTrace() {
    return trace.clone();
  }

  /** The model's log-likelihood on the training data (natural log, weighted total). */
  public double logLikelihood() {
    return trace[trace.length - 1];
  }

  /** The number of M-steps of the kept restart. */
  public int iterations() {
    return trace.length - 1;
  }

  /** True when the kept restart met {@code tol} before {@code maxIter}. */
  public boolean converged() {
    return status == FitStatus.CONVERGED;
  }

  /** How the kept restart ended (never {@code DEGENERATE}: fit throws instead). */
  public FitStatus status() {
    return status;
  }

  /**
   * The soft size of each component in units of weight (rows when unweighted): π_j·W, the
   * mixing weight times the total weight, i.e. Σ_i w_i·p(j | x_i) as the last M-step counted it.
   * They sum to {@link #totalWeight()}. Soft sizes need no extra pass over the data, unlike hard
   * counts of {@code prediction}.
   */
  public double[] clusterSizes() {
    return clusterSizes.clone();
  }

  /** Σ of the row weights (the row count when unweighted). */
  public double totalWeight() {
    return totalWeight;
  }

  /** The number of training rows. */
  public long rows() {
    return rows;
  }

  /** The number of free parameters p, as BIC and AIC count them. */
  public int parameterCount() {
    return parameterCount;
  }

  /** BIC = −2·LL + p·ln W (scikit-learn's definition and sign: lower is better). */
  public double bic() {
    return bic;
  }

  /** AIC = −2·LL + 2p (lower is better). */
  public double aic() {
    return aic;
  }

  /** Every restart's final log-likelihood, in restart order ({@code nInit} entries). */
  public double[] restartLogLikelihoods() {
    return restartLogLikelihoods.clone();
  }

  /** How every restart ended, in restart order. */
  public List<FitStatus> restartStatuses() {
    return restartStatuses;
  }

  /**
   * The index of the kept restart: the best final log-likelihood among those that did not
   * degenerate.
   */
  public int bestRestart() {
    return bestRestart;
  }

  @Override
  public String toString() {
    return "MixtureSummary{logLikelihood=" + logLikelihood() + ", iterations="
        + iterations() + ", status=" + status + ", bic=" + bic + ", aic=" + aic + ", restarts="
        + restartLogLikelihoods.length + "}";
  }
}
