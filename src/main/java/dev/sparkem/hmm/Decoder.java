package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;

/** Per-sequence decoding under fixed {@link HmmParameters}: Viterbi path, posteriors, score. */
public final class Decoder {
  private final HmmParameters params;

  /** @throws NullPointerException if params is null */
  public Decoder(HmmParameters params) {
    this.params = java.util.Objects.requireNonNull(params, "params");
  }

  /**
   * The most probable state path argmax_z p(z, x) of sequence s, computed in log space (ties go
   * to the lower state index).
   *
   * @throws InvalidDataException if the sequence has probability 0 under every path, or the
   *     emission rejects it (naming sequence id and position)
   */
  public int[] viterbi(SequenceBlock block, int s) {
    int n = params.states();
    int length = block.length(s);
    double[] e = new double[length * n];
    params.emission().logDensities(block, s, e);
    double[] logPi = params.logStartArray();
    double[] logA = params.logTransitionArray();
    int[] back = new int[length * n];
    double[] delta = new double[n];
    double[] next = new double[n];
    for (int k = 0; k < n; k++) {
      delta[k] = logPi[k] + e[k];
    }
    for (int t = 1; t < length; t++) {
      for (int j = 0; j < n; j++) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int i = 0; i < n; i++) {
          double v = delta[i] + logA[i * n + j];
          if (v > best) {
            best = v;
            arg = i;
          }
        }
        next[j] = best + e[t * n + j];
        back[t * n + j] = arg;
      }
      double[] swap = delta;
      delta = next;
      next = swap;
    }
    int state = 0;
    for (int k = 1; k < n; k++) {
      if (delta[k] > delta[state]) {
        state = k;
      }
    }
    if (!(delta[state] > Double.NEGATIVE_INFINITY)) {
      throw new InvalidDataException("sequence " + block.id(s) + " has probability 0 (or not a"
          + " number) under every state path, expected > 0");
    }
    int[] path = new int[length];
    for (int t = length - 1; t >= 0; t--) {
      path[t] = state;
      state = back[t * n + state];
    }
    return path;
  }

  /**
   * The posterior marginals P(z_t = k | x) of sequence s: T rows of n.
   *
   * @throws InvalidDataException as {@link ForwardBackward#run}
   */
  public double[][] posteriors(SequenceBlock block, int s) {
    int n = params.states();
    int length = block.length(s);
    double[] gamma = new double[length * n];
    ForwardBackward.run(params, block, s, gamma, null, 1.0);
    double[][] rows = new double[length][n];
    for (int t = 0; t < length; t++) {
      System.arraycopy(gamma, t * n, rows[t], 0, n);
    }
    return rows;
  }

  /** log p(x_1..x_T) of sequence s (natural log). */
  public double logLikelihood(SequenceBlock block, int s) {
    return ForwardBackward.run(params, block, s,
        new double[block.length(s) * params.states()], null, 1.0);
  }
}
