package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;

/**
 * The scaled forward–backward recursions for one sequence. Emission densities are shifted by
 * their maximum over states at each position and the forward variables are normalised to sum
 * to 1 at each step (Rabiner's scaling), so nothing underflows whatever the length; the
 * log-likelihood is Σ_t (log c_t + shift_t). Memory is O(T·n).
 */
public final class ForwardBackward {
  private ForwardBackward() {}

  /**
   * The posterior state marginals γ[t·n + k] = P(z_t = k | x) of sequence s, and, when
   * {@code transitionCounts} is not null, adds weight·Σ_t P(z_t = i, z_{t+1} = j | x) into
   * {@code transitionCounts[i·n + j]}.
   *
   * @param gammaOut an array of at least T·n entries to receive γ
   * @return log p(x_1..x_T) (natural log, unweighted)
   * @throws InvalidDataException naming the sequence and position at which the sequence has
   *     probability 0 under the parameters, or that the emission rejects
   */
  public static double run(HmmParameters params, SequenceBlock block, int s, double[] gammaOut,
      double[] transitionCounts, double weight) {
    int n = params.states();
    int length = block.length(s);
    double[] e = new double[length * n];
    params.emission().logDensities(block, s, e);
    double[] scale = new double[length];
    // Neumaier-compensated sum: over 10^4+ terms plain summation leaves noise (~1e-12
    // relative) that is larger than a tight stop threshold on a long sequence.
    double logLikelihood = 0.0;
    double compensation = 0.0;
    for (int t = 0; t < length; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        max = Math.max(max, e[t * n + k]);
      }
      if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
        throw impossible(block, s, t);
      }
      for (int k = 0; k < n; k++) {
        e[t * n + k] = Math.exp(e[t * n + k] - max);
      }
      double term = max;
      double sum = logLikelihood + term;
      compensation += Math.abs(logLikelihood) >= Math.abs(term)
          ? (logLikelihood - sum) + term : (term - sum) + logLikelihood;
      logLikelihood = sum;
    }
    double[] pi = params.startArray();
    double[] a = params.transitionArray();
    double[] alpha = gammaOut;
    for (int t = 0; t < length; t++) {
      double c = 0.0;
      for (int j = 0; j < n; j++) {
        double v;
        if (t == 0) {
          v = pi[j];
        } else {
          v = 0.0;
          for (int i = 0; i < n; i++) {
            v += alpha[(t - 1) * n + i] * a[i * n + j];
          }
        }
        v *= e[t * n + j];
        alpha[t * n + j] = v;
        c += v;
      }
      if (!(c > 0)) {
        throw impossible(block, s, t);
      }
      for (int j = 0; j < n; j++) {
        alpha[t * n + j] /= c;
      }
      scale[t] = c;
      double term = Math.log(c);
      double sum = logLikelihood + term;
      compensation += Math.abs(logLikelihood) >= Math.abs(term)
          ? (logLikelihood - sum) + term : (term - sum) + logLikelihood;
      logLikelihood = sum;
    }
    // Backward pass: beta_T = 1; gamma_t = alpha_t·beta_t overwrites alpha from the end.
    double[] beta = new double[n];
    double[] next = new double[n];
    java.util.Arrays.fill(beta, 1.0);
    for (int t = length - 1; t >= 0; t--) {
      if (t < length - 1) {
        for (int j = 0; j < n; j++) {
          next[j] = e[(t + 1) * n + j] * beta[j] / scale[t + 1];
        }
        for (int i = 0; i < n; i++) {
          double b = 0.0;
          double at = alpha[t * n + i];
          for (int j = 0; j < n; j++) {
            double term = a[i * n + j] * next[j];
            b += term;
            if (transitionCounts != null) {
              transitionCounts[i * n + j] += weight * at * term;
            }
          }
          beta[i] = b;
        }
      }
      double sum = 0.0;
      for (int k = 0; k < n; k++) {
        alpha[t * n + k] *= beta[k];
        sum += alpha[t * n + k];
      }
      for (int k = 0; k < n; k++) {
        alpha[t * n + k] /= sum;
      }
    }
    return logLikelihood + compensation;
  }

  private static InvalidDataException impossible(SequenceBlock block, int s, int t) {
    return new InvalidDataException("sequence " + block.id(s) + " position " + t
        + " has probability 0 (or not a number) under the parameters, expected > 0");
  }
}
