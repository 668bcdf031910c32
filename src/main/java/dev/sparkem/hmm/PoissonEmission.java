package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.linalg.LogFactorial;

/**
 * Poisson emissions over counts: given state k the observation is a count x ≥ 0 with
 * P(x | k) = λ_k^x e^(−λ_k) / x! (the −log x! term included). Counts are read from a
 * categorical {@link SequenceBlock} (its symbols are the counts). λ_k is the expected count.
 * Immutable; getters return copies. The M-step is plain maximum likelihood (no pseudo-count).
 */
public final class PoissonEmission implements Emission {
  private static final long serialVersionUID = 1L;

  private final double[] rates;
  private final double[] logRates;

  private PoissonEmission(double[] rates) {
    this.rates = rates;
    this.logRates = new double[rates.length];
    for (int k = 0; k < rates.length; k++) {
      logRates[k] = Math.log(rates[k]);
    }
  }

  /**
   * @param rates n ≥ 1 finite rates λ_k &gt; 0
   * @throws IllegalArgumentException naming the offending rate
   */
  public static PoissonEmission of(double[] rates) {
    if (rates.length == 0) {
      throw new IllegalArgumentException("rates are empty, expected n >= 1");
    }
    for (int k = 0; k < rates.length; k++) {
      if (!(rates[k] > 0) || Double.isInfinite(rates[k])) {
        throw new IllegalArgumentException(
            "rates[" + k + "] is " + rates[k] + ", expected a finite number > 0");
      }
    }
    return new PoissonEmission(rates.clone());
  }

  @Override
  public int states() {
    return rates.length;
  }

  /** λ, one per state. */
  public double[] rates() {
    return rates.clone();
  }

  @Override
  public int parameterCount() {
    return rates.length;
  }

  @Override
  public void logDensities(SequenceBlock block, int s, double[] out) {
    if (!block.isCategorical()) {
      throw new InvalidDataException("sequence " + block.id(s) + " holds real vectors, expected"
          + " counts (a categorical block)");
    }
    int n = rates.length;
    for (int t = 0; t < block.length(s); t++) {
      int x = block.symbol(s, t);
      double constant = -LogFactorial.of(x);
      for (int k = 0; k < n; k++) {
        out[t * n + k] = x * logRates[k] - rates[k] + constant;
      }
    }
  }

  @Override
  public EmissionStatistics zeroStatistics() {
    return new Statistics(rates.length);
  }

  @Override
  public double logPrior(double pseudoCount) {
    return 0.0;
  }

  /** Σ γ_tk and Σ γ_tk·x_t per state. */
  static final class Statistics implements EmissionStatistics {
    private static final long serialVersionUID = 1L;
    private final double[] weights;
    private final double[] sums;

    Statistics(int n) {
      this.weights = new double[n];
      this.sums = new double[n];
    }

    @Override
    public void add(SequenceBlock block, int s, double[] gamma, double weight) {
      int n = weights.length;
      for (int t = 0; t < block.length(s); t++) {
        int x = block.symbol(s, t);
        for (int k = 0; k < n; k++) {
          double g = weight * gamma[t * n + k];
          weights[k] += g;
          sums[k] += g * x;
        }
      }
    }

    @Override
    public void merge(EmissionStatistics other) {
      if (!(other instanceof Statistics o) || o.weights.length != weights.length) {
        throw new IllegalArgumentException("cannot merge " + other + " into " + this);
      }
      for (int k = 0; k < weights.length; k++) {
        weights[k] += o.weights[k];
        sums[k] += o.sums[k];
      }
    }

    @Override
    public Emission maximize(Emission previous, BaumWelchSettings settings) {
      settings.requireUnusedZero("Poisson", "rateFloor");
      double[] rates = ((PoissonEmission) previous).rates.clone();
      for (int k = 0; k < rates.length; k++) {
        if (weights[k] > 0) {
          rates[k] = Math.max(sums[k] / weights[k], settings.rateFloor());
          if (!(rates[k] > 0)) {
            throw new DegenerateModelException("state " + k + ": rate is " + rates[k]
                + " (every count it explains is 0), expected > 0; a rate floor > 0 prevents"
                + " this");
          }
        }
      }
      return new PoissonEmission(rates);
    }

    @Override
    public String toString() {
      return "Poisson statistics of " + weights.length + " states";
    }
  }
}
