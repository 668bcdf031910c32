package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.DegenerateModelException;

/**
 * Gaussian emissions with diagonal covariance: given state k, the d coordinates of an
 * observation are independent normals with mean μ_ka and variance σ²_ka (in the squared units
 * of the data). Immutable; getters return copies. The M-step is plain maximum likelihood (no
 * pseudo-count).
 */
public final class GaussianEmission implements Emission {
  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int n;
  private final int d;
  private final double[] means;
  private final double[] variances;
  private final double[] constants;

  private GaussianEmission(int n, int d, double[] means, double[] variances) {
    this.n = n;
    this.d = d;
    this.means = means;
    this.variances = variances;
    this.constants = new double[n];
    for (int k = 0; k < n; k++) {
      double c = 0.0;
      for (int a = 0; a < d; a++) {
        c -= 0.5 * (LOG_2PI + Math.log(variances[k * d + a]));
      }
      constants[k] = c;
    }
  }

  /**
   * @param means n rows (states) of d ≥ 1 finite means
   * @param variances n rows of d finite variances &gt; 0
   * @throws IllegalArgumentException naming the offending entry
   */
  public static GaussianEmission diagonal(double[][] means, double[][] variances) {
    int n = means.length;
    if (n == 0 || means[0].length == 0) {
      throw new IllegalArgumentException("means are empty, expected n >= 1 rows of d >= 1");
    }
    int d = means[0].length;
    if (variances.length != n) {
      throw new IllegalArgumentException(
          "variances has " + variances.length + " rows, expected " + n);
    }
    double[] mu = new double[n * d];
    double[] var = new double[n * d];
    for (int k = 0; k < n; k++) {
      if (means[k].length != d || variances[k].length != d) {
        throw new IllegalArgumentException("means/variances row " + k + " has "
            + means[k].length + "/" + variances[k].length + " entries, expected " + d);
      }
      for (int a = 0; a < d; a++) {
        if (!Double.isFinite(means[k][a])) {
          throw new IllegalArgumentException(
              "means[" + k + "][" + a + "] is " + means[k][a] + ", expected a finite number");
        }
        if (!(variances[k][a] > 0) || Double.isInfinite(variances[k][a])) {
          throw new IllegalArgumentException("variances[" + k + "][" + a + "] is "
              + variances[k][a] + ", expected a finite number > 0");
        }
        mu[k * d + a] = means[k][a];
        var[k * d + a] = variances[k][a];
      }
    }
    return new GaussianEmission(n, d, mu, var);
  }

  @Override
  public int states() {
    return n;
  }

  public int dimension() {
    return d;
  }

  /** μ, n rows of d. */
  public double[][] means() {
    return rows(means);
  }

  /** σ², n rows of d. */
  public double[][] variances() {
    return rows(variances);
  }

  private double[][] rows(double[] flat) {
    double[][] copy = new double[n][d];
    for (int k = 0; k < n; k++) {
      System.arraycopy(flat, k * d, copy[k], 0, d);
    }
    return copy;
  }

  @Override
  public int parameterCount() {
    return 2 * n * d;
  }

  @Override
  public void logDensities(SequenceBlock block, int s, double[] out) {
    if (block.isCategorical() || block.dimension() != d) {
      throw new InvalidDataException("sequence " + block.id(s) + " holds "
          + (block.isCategorical() ? "categorical symbols" : block.dimension() + "-dimensional"
          + " vectors") + ", expected " + d + "-dimensional real vectors");
    }
    int length = block.length(s);
    for (int t = 0; t < length; t++) {
      for (int k = 0; k < n; k++) {
        double q = 0.0;
        for (int a = 0; a < d; a++) {
          double z = block.value(s, t, a) - means[k * d + a];
          q += z * z / variances[k * d + a];
        }
        out[t * n + k] = constants[k] - 0.5 * q;
      }
    }
  }

  @Override
  public EmissionStatistics zeroStatistics() {
    return new Statistics(n, d, means.clone());
  }

  @Override
  public double logPrior(double pseudoCount) {
    return 0.0;
  }

  /**
   * Σ γ, Σ γ(x − c) and Σ γ(x − c)² per state and coordinate, centred on the previous means c
   * so that the variance is not the difference of two large numbers.
   */
  static final class Statistics implements EmissionStatistics {
    private static final long serialVersionUID = 1L;
    private final int n;
    private final int d;
    private final double[] centres;
    private final double[] weights;
    private final double[] first;
    private final double[] second;

    Statistics(int n, int d, double[] centres) {
      this.n = n;
      this.d = d;
      this.centres = centres;
      this.weights = new double[n];
      this.first = new double[n * d];
      this.second = new double[n * d];
    }

    @Override
    public void add(SequenceBlock block, int s, double[] gamma, double weight) {
      int length = block.length(s);
      for (int t = 0; t < length; t++) {
        for (int k = 0; k < n; k++) {
          double g = weight * gamma[t * n + k];
          weights[k] += g;
          for (int a = 0; a < d; a++) {
            double z = block.value(s, t, a) - centres[k * d + a];
            first[k * d + a] += g * z;
            second[k * d + a] += g * z * z;
          }
        }
      }
    }

    @Override
    public void merge(EmissionStatistics other) {
      if (!(other instanceof Statistics o) || o.n != n || o.d != d
          || !java.util.Arrays.equals(o.centres, centres)) {
        throw new IllegalArgumentException("cannot merge " + other + " into " + this);
      }
      for (int k = 0; k < n; k++) {
        weights[k] += o.weights[k];
      }
      for (int i = 0; i < first.length; i++) {
        first[i] += o.first[i];
        second[i] += o.second[i];
      }
    }

    @Override
    public Emission maximize(Emission previous, BaumWelchSettings settings) {
      settings.requireUnusedZero("Gaussian", "regCovar");
      GaussianEmission old = (GaussianEmission) previous;
      double[] mu = old.means.clone();
      double[] var = old.variances.clone();
      for (int k = 0; k < n; k++) {
        if (!(weights[k] > 0)) {
          continue;
        }
        for (int a = 0; a < d; a++) {
          double offset = first[k * d + a] / weights[k];
          double v = second[k * d + a] / weights[k] - offset * offset + settings.regCovar();
          if (!(v > 0)) {
            throw new DegenerateModelException("state " + k + " coordinate " + a
                + ": variance is " + v + " (expected occupancy " + weights[k]
                + "), expected > 0; a covariance ridge regCovar > 0 prevents this");
          }
          mu[k * d + a] = centres[k * d + a] + offset;
          var[k * d + a] = v;
        }
      }
      return new GaussianEmission(n, d, mu, var);
    }

    @Override
    public String toString() {
      return "diagonal Gaussian statistics of " + n + " states x " + d + " dimensions";
    }
  }
}
