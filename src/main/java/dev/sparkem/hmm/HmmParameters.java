package dev.sparkem.hmm;

import java.io.Serializable;

/**
 * The parameters of an n-state hidden Markov model: initial distribution π_k = P(z_1 = k),
 * transition matrix a_ij = P(z_{t+1} = j | z_t = i) and the {@link Emission} p(x | z = k).
 * Immutable; getters return copies.
 */
public final class HmmParameters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final double[] start;
  private final double[] transitions;
  private final Emission emission;
  private final double[] logStart;
  private final double[] logTransitions;

  private HmmParameters(double[] start, double[] transitions, Emission emission) {
    this.n = start.length;
    this.start = start;
    this.transitions = transitions;
    this.emission = emission;
    this.logStart = logs(start);
    this.logTransitions = logs(transitions);
  }

  /**
   * @param start n probabilities summing to 1 within 1e-6 (rescaled)
   * @param transitions n rows of n probabilities, each summing to 1 within 1e-6 (rescaled)
   * @param emission an emission of n states
   * @throws IllegalArgumentException naming the offending entry, row or size
   */
  public static HmmParameters of(double[] start, double[][] transitions, Emission emission) {
    return build(start, transitions, emission, true);
  }

  /** As {@link #of}, keeping the rows exactly as given (a stored model read back). */
  static HmmParameters stored(double[] start, double[][] transitions, Emission emission) {
    return build(start, transitions, emission, false);
  }

  private static HmmParameters build(double[] start, double[][] transitions, Emission emission,
      boolean rescale) {
    int n = start.length;
    if (n == 0) {
      throw new IllegalArgumentException("start is empty, expected n >= 1 states");
    }
    double[] pi = Probabilities.row(start, "start", 0, rescale);
    if (transitions.length != n) {
      throw new IllegalArgumentException(
          "transitions has " + transitions.length + " rows, expected " + n);
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (transitions[i].length != n) {
        throw new IllegalArgumentException("transitions row " + i + " has "
            + transitions[i].length + " entries, expected " + n);
      }
      System.arraycopy(Probabilities.row(transitions[i], "transitions", i, rescale), 0, a, i * n,
          n);
    }
    if (emission == null) {
      throw new IllegalArgumentException("emission is null, expected an emission of " + n
          + " states");
    }
    if (emission.states() != n) {
      throw new IllegalArgumentException(
          "emission has " + emission.states() + " states, expected " + n);
    }
    return new HmmParameters(pi, a, emission);
  }

  /** From an M-step's arrays (taken, not copied; transitions row-major n×n). */
  static HmmParameters fromMaximization(double[] start, double[] transitions, Emission e) {
    return new HmmParameters(start, transitions, e);
  }

  private static double[] logs(double[] p) {
    double[] l = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      l[i] = Math.log(p[i]);
    }
    return l;
  }

  /** The number of states n. */
  public int states() {
    return n;
  }

  /** π, length n. */
  public double[] start() {
    return start.clone();
  }

  /** A, n rows of n. */
  public double[][] transitions() {
    double[][] copy = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(transitions, i * n, copy[i], 0, n);
    }
    return copy;
  }

  public Emission emission() {
    return emission;
  }

  /** Free parameters: (n − 1) + n(n − 1) + the emission's. */
  public int parameterCount() {
    return (n - 1) + n * (n - 1) + emission.parameterCount();
  }

  double[] startArray() {
    return start;
  }

  double[] transitionArray() {
    return transitions;
  }

  double[] logStartArray() {
    return logStart;
  }

  double[] logTransitionArray() {
    return logTransitions;
  }

  @Override
  public String toString() {
    return n + "-state HMM with " + emission.getClass().getSimpleName();
  }
}
