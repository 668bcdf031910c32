package dev.sparkem.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Part {@code index} of these results: that part of the statistics, with the log-likelihood,
   * weight and rows in part 0 only (so that merging parts adds them exactly as the whole).
   */
  PassResult<S> part(int index) {
    PassResult<S> part = new PassResult<>(statistics.part(index));
    if (index == 0) {
      part.logLikelihood = logLikelihood;
      part.weight = weight;
      part.rows = rows;
    }
    return part;
  }

  /** The whole results from their parts in order (the inverse of {@link #part}). */
  static <S extends SufficientStatistics<S>> PassResult<S> join(List<PassResult<S>> parts) {
    List<S> statistics = new ArrayList<>(parts.size());
    parts.forEach(p -> statistics.add(p.statistics));
    PassResult<S> first = parts.get(0);
    PassResult<S> whole = new PassResult<>(first.statistics.joinParts(statistics));
    whole.logLikelihood = first.logLikelihood;
    whole.weight = first.weight;
    whole.rows = first.rows;
    return whole;
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
