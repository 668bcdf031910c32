package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;

/**
 * Categorical emissions over symbols 0..M−1: P(symbol m | state k) = b_km. Immutable; getters
 * return copies.
 */
public final class CategoricalEmission implements Emission {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final int m;
  private final double[] probabilities;
  private final double[] logs;

  private CategoricalEmission(int n, int m, double[] probabilities) {
    this.n = n;
    this.m = m;
    this.probabilities = probabilities;
    this.logs = new double[probabilities.length];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = Math.log(probabilities[i]);
    }
  }

  /**
   * @param probabilities n rows (states) of M ≥ 1 probabilities each, finite, in [0, 1], every
   *     row summing to 1 within 1e-6 (rows are rescaled to sum to 1)
   * @throws IllegalArgumentException naming the offending entry or row
   */
  public static CategoricalEmission of(double[][] probabilities) {
    return build(probabilities, true);
  }

  /** As {@link #of}, keeping the rows exactly as given (a stored model read back). */
  static CategoricalEmission stored(double[][] probabilities) {
    return build(probabilities, false);
  }

  private static CategoricalEmission build(double[][] probabilities, boolean rescale) {
    int n = probabilities.length;
    if (n == 0 || probabilities[0].length == 0) {
      throw new IllegalArgumentException("emission probabilities are empty, expected n >= 1 rows"
          + " of M >= 1 symbols");
    }
    int m = probabilities[0].length;
    double[] flat = new double[n * m];
    for (int k = 0; k < n; k++) {
      if (probabilities[k].length != m) {
        throw new IllegalArgumentException("emission row " + k + " has "
            + probabilities[k].length + " symbols, expected " + m);
      }
      double[] row = Probabilities.row(probabilities[k], "emission probabilities", k, rescale);
      System.arraycopy(row, 0, flat, k * m, m);
    }
    return new CategoricalEmission(n, m, flat);
  }

  @Override
  public int states() {
    return n;
  }

  /** The number of symbols M. */
  public int symbols() {
    return m;
  }

  /** b_km = P(symbol m | state k), n rows of M. */
  public double[][] probabilities() {
    double[][] copy = new double[n][m];
    for (int k = 0; k < n; k++) {
      System.arraycopy(probabilities, k * m, copy[k], 0, m);
    }
    return copy;
  }

  @Override
  public int parameterCount() {
    return n * (m - 1);
  }

  @Override
  public void logDensities(SequenceBlock block, int s, double[] out) {
    if (!block.isCategorical()) {
      throw new InvalidDataException("sequence " + block.id(s) + " holds real vectors, expected"
          + " categorical symbols");
    }
    int length = block.length(s);
    for (int t = 0; t < length; t++) {
      int x = block.symbol(s, t);
      if (x >= m) {
        throw new InvalidDataException("sequence " + block.id(s) + " position " + t
            + ": symbol is " + x + ", expected 0.." + (m - 1));
      }
      for (int k = 0; k < n; k++) {
        out[t * n + k] = logs[k * m + x];
      }
    }
  }

  @Override
  public EmissionStatistics zeroStatistics() {
    return new Statistics(n, m);
  }

  @Override
  public double logPrior(double pseudoCount) {
    return Probabilities.dirichletLogPrior(probabilities, pseudoCount);
  }

  /** Σ_s w_s Σ_t γ_tk·[x_t = m], n×M. */
  static final class Statistics implements EmissionStatistics {
    private static final long serialVersionUID = 1L;
    private final int n;
    private final int m;
    private final double[] counts;

    Statistics(int n, int m) {
      this.n = n;
      this.m = m;
      this.counts = new double[n * m];
    }

    @Override
    public void add(SequenceBlock block, int s, double[] gamma, double weight) {
      int length = block.length(s);
      for (int t = 0; t < length; t++) {
        int x = block.symbol(s, t);
        for (int k = 0; k < n; k++) {
          counts[k * m + x] += weight * gamma[t * n + k];
        }
      }
    }

    @Override
    public void merge(EmissionStatistics other) {
      if (!(other instanceof Statistics o) || o.n != n || o.m != m) {
        throw new IllegalArgumentException("cannot merge " + other + " into categorical"
            + " statistics of " + n + " states x " + m + " symbols");
      }
      for (int i = 0; i < counts.length; i++) {
        counts[i] += o.counts[i];
      }
    }

    @Override
    public Emission maximize(Emission previous, BaumWelchSettings settings) {
      settings.requireUnusedZero("categorical", "emissionPseudoCount");
      double[] prior = ((CategoricalEmission) previous).probabilities;
      return new CategoricalEmission(n, m,
          Probabilities.maximizeRows(counts, prior, n, m, settings.emissionPseudoCount()));
    }

    @Override
    public String toString() {
      return "categorical statistics of " + n + " states x " + m + " symbols";
    }
  }
}
