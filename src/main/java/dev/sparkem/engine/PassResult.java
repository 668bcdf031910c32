package dev.sparkem.engine;

import java.io.Serializable;

/**
 * What one E-step pass over (part of) the data yields: the family's statistics, the weighted
 * log-likelihood, the total weight and the row count. Mergeable; merging is order-sensitive only
 * through floating-point round-off, which the engine removes by merging in partition order.
 *
 * @param <S> the family's statistics
 */
public final class PassResult<S extends SufficientStatistics<S>> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final S statistics;
  private double logLikelihood;
  private double weight;
  private long rows;

  PassResult(S statistics) {
    this.statistics = statistics;
  }

  void add(double blockLogLikelihood, double blockWeight, int blockRows) {
    logLikelihood += blockLogLikelihood;
    weight += blockWeight;
    rows += blockRows;
  }

  PassResult<S> merge(PassResult<S> other) {
    statistics.merge(other.statistics);
    logLikelihood += other.logLikelihood;
    weight += other.weight;
    rows += other.rows;
    return this;
  }

  public S statistics() {
    return statistics;
  }

  /** Σ_i w_i·log p(x_i), natural log. */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** Σ_i w_i. */
  public double weight() {
    return weight;
  }

  public long rows() {
    return rows;
  }
}
