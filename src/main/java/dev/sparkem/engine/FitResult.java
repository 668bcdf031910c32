package dev.sparkem.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of an EM fit: the fitted parameters and how the fit went. Immutable; array getters
 * return copies.
 *
 * @param <P> the parameters of the model family
 */
public final class FitResult<P extends Serializable> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final P model;
  private final FitStatus status;
  private final String message;
  private final double[] logLikelihoods;
  private final double[] objectives;
  private final double[] seconds;
  private final double totalWeight;
  private final long rows;
  private final List<Integer> decreases;

  FitResult(P model, FitStatus status, String message, double[] logLikelihoods,
      double[] objectives, double[] seconds, double totalWeight, long rows,
      List<Integer> decreases) {
    this.model = model;
    this.status = status;
    this.message = message;
    this.logLikelihoods = logLikelihoods.clone();
    this.objectives = objectives.clone();
    this.seconds = seconds.clone();
    this.totalWeight = totalWeight;
    this.rows = rows;
    this.decreases = List.copyOf(decreases);
  }

  /**
   * A result as recorded elsewhere, e.g. read back from a checkpoint (see {@link EmState}); the
   * arguments are those of the getters of the same names.
   *
   * @throws IllegalArgumentException if the traces are empty or differ in length, or an
   *     argument is null
   */
  public static <P extends Serializable> FitResult<P> restore(P model, FitStatus status,
      String message, double[] logLikelihoods, double[] objectives, double[] seconds,
      double totalWeight, long rows, List<Integer> decreases) {
    if (model == null || status == null || decreases == null) {
      throw new IllegalArgumentException("a restored fit needs its model, status and decreases");
    }
    if (logLikelihoods.length == 0 || objectives.length != logLikelihoods.length
        || seconds.length != logLikelihoods.length) {
      throw new IllegalArgumentException("the traces hold " + logLikelihoods.length
          + " log-likelihoods, " + objectives.length + " objectives and " + seconds.length
          + " times, expected the same number >= 1");
    }
    return new FitResult<>(model, status, message, logLikelihoods, objectives, seconds,
        totalWeight, rows, decreases);
  }

  /** The fitted parameters: after {@link #iterations()} M-steps, or the last valid ones. */
  public P model() {
    return model;
  }

  public FitStatus status() {
    return status;
  }

  public boolean converged() {
    return status == FitStatus.CONVERGED;
  }

  /** For {@link FitStatus#DEGENERATE}: what went wrong, naming the component and iteration. */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /** The number of M-steps that produced {@link #model()}. */
  public int iterations() {
    return logLikelihoods.length - 1;
  }

  /**
   * The log-likelihood trace, natural log, weighted total: entry t is the log-likelihood of the
   * parameters after t M-steps (entry 0: the start point; the last entry: {@link #model()}).
   */
  public double[] logLikelihoods() {
    return logLikelihoods.clone();
  }

  /**
   * The trace of the objective EM maximises, entry by entry as {@link #logLikelihoods()}: the
   * log-likelihood plus the family's log prior ({@link ModelFamily#logPrior}). Equal to the
   * log-likelihood trace for maximum-likelihood families; this is the trace that never decreases.
   */
  public double[] objectives() {
    return objectives.clone();
  }

  /** The log-likelihood of {@link #model()} (weighted total, natural log). */
  public double logLikelihood() {
    return logLikelihoods[logLikelihoods.length - 1];
  }

  /** {@link #logLikelihood()} per unit weight. */
  public double meanLogLikelihood() {
    return logLikelihood() / totalWeight;
  }

  /** Wall time per iteration in seconds; entry 0 is the pass that scored the start point. */
  public double[] iterationSeconds() {
    return seconds.clone();
  }

  /** Σ of the row weights (the row count when unweighted). */
  public double totalWeight() {
    return totalWeight;
  }

  public long rows() {
    return rows;
  }

  /**
   * The iterations at which the objective ({@link #objectives()}) decreased by more than
   * round-off. EM never decreases it, so any entry here is a bug or a numerical failure; it is
   * also logged as an error.
   */
  public List<Integer> decreases() {
    return decreases;
  }

  @Override
  public String toString() {
    return "FitResult{status=" + status + ", iterations=" + iterations() + ", logLikelihood="
        + logLikelihood() + ", trace=" + Arrays.toString(logLikelihoods)
        + (message == null ? "" : ", message=" + message) + "}";
  }
}
