package dev.sparkem.hmm;

import dev.sparkem.engine.SufficientStatistics;

/**
 * The expected sufficient statistics of an n-state HMM summed over weighted sequences: expected
 * initial-state counts Σ_s w_s γ_1(k), expected transition counts Σ_s w_s Σ_t ξ_t(i, j), the
 * emission statistics, the total weight and the log-likelihood Σ_s w_s log p(x_s).
 */
public final class HmmStatistics implements SufficientStatistics<HmmStatistics> {
  private static final long serialVersionUID = 1L;

  private final int n;
  final double[] initial;
  final double[] transitions;
  final EmissionStatistics emission;
  double weight;
  double logLikelihood;

  HmmStatistics(int n, EmissionStatistics emission) {
    this.n = n;
    this.initial = new double[n];
    this.transitions = new double[n * n];
    this.emission = emission;
  }

  public int states() {
    return n;
  }

  /** Σ_s w_s γ_1(k), a copy. */
  public double[] initialCounts() {
    return initial.clone();
  }

  /** Σ_s w_s Σ_t ξ_t(i, j), row-major n×n, a copy. */
  public double[] transitionCounts() {
    return transitions.clone();
  }

  public double totalWeight() {
    return weight;
  }

  public double logLikelihood() {
    return logLikelihood;
  }

  /** Adds sequence s of the block (E-step on the executors). */
  double add(HmmParameters params, SequenceBlock block, int s) {
    double w = block.weight(s);
    double[] gamma = new double[block.length(s) * n];
    double ll = ForwardBackward.run(params, block, s, gamma, transitions, w);
    for (int k = 0; k < n; k++) {
      initial[k] += w * gamma[k];
    }
    emission.add(block, s, gamma, w);
    weight += w;
    logLikelihood += w * ll;
    return w * ll;
  }

  /** @throws IllegalArgumentException if other has another number of states or emission */
  @Override
  public void merge(HmmStatistics other) {
    if (other.n != n) {
      throw new IllegalArgumentException(
          "cannot merge statistics of " + other.n + " states into " + n + " states");
    }
    for (int k = 0; k < n; k++) {
      initial[k] += other.initial[k];
    }
    for (int i = 0; i < transitions.length; i++) {
      transitions[i] += other.transitions[i];
    }
    emission.merge(other.emission);
    weight += other.weight;
    logLikelihood += other.logLikelihood;
  }
}
