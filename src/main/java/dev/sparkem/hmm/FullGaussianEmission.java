package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.linalg.CholeskyFactor;
import dev.sparkem.linalg.NotPositiveDefiniteException;

/**
 * Gaussian emissions with a full covariance matrix per state: given state k an observation is
 * N(μ_k, Σ_k) in R^d (Σ in the squared units of the data), held with its Cholesky factor.
 * Immutable; getters return copies. The M-step is plain maximum likelihood (no pseudo-count).
 */
public final class FullGaussianEmission implements Emission {
  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int n;
  private final int d;
  private final double[] means;
  private final double[] covariances;
  private final CholeskyFactor[] factors;

  private FullGaussianEmission(int n, int d, double[] means, double[] covariances) {
    this.n = n;
    this.d = d;
    this.means = means;
    this.covariances = covariances;
    this.factors = new CholeskyFactor[n];
    for (int k = 0; k < n; k++) {
      double[] c = java.util.Arrays.copyOfRange(covariances, k * d * d, (k + 1) * d * d);
      try {
        factors[k] = CholeskyFactor.of(c, d);
      } catch (NotPositiveDefiniteException e) {
        throw new DegenerateModelException("covariance of state " + k + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * @param means n rows (states) of d ≥ 1 finite means
   * @param covariances n symmetric positive definite d×d matrices
   * @throws IllegalArgumentException naming the state and entry of a wrong size, a non-finite
   *     or asymmetric entry, or a matrix that is not positive definite
   */
  public static FullGaussianEmission of(double[][] means, double[][][] covariances) {
    int n = means.length;
    if (n == 0 || means[0].length == 0) {
      throw new IllegalArgumentException("means are empty, expected n >= 1 rows of d >= 1");
    }
    int d = means[0].length;
    if (covariances.length != n) {
      throw new IllegalArgumentException(
          "covariances has " + covariances.length + " matrices, expected " + n);
    }
    double[] mu = new double[n * d];
    double[] cov = new double[n * d * d];
    for (int k = 0; k < n; k++) {
      if (means[k].length != d || covariances[k].length != d) {
        throw new IllegalArgumentException("state " + k + ": mean has " + means[k].length
            + " entries and covariance " + covariances[k].length + " rows, expected " + d);
      }
      for (int a = 0; a < d; a++) {
        if (!Double.isFinite(means[k][a])) {
          throw new IllegalArgumentException(
              "means[" + k + "][" + a + "] is " + means[k][a] + ", expected a finite number");
        }
        mu[k * d + a] = means[k][a];
        if (covariances[k][a].length != d) {
          throw new IllegalArgumentException("covariances[" + k + "][" + a + "] has "
              + covariances[k][a].length + " entries, expected " + d);
        }
        for (int b = 0; b < d; b++) {
          double v = covariances[k][a][b];
          if (!Double.isFinite(v) || v != covariances[k][b][a]) {
            throw new IllegalArgumentException("covariances[" + k + "][" + a + "][" + b
                + "] is " + v + ", expected a finite number equal to entry [" + b + "][" + a
                + "] = " + covariances[k][b][a]);
          }
          cov[k * d * d + b * d + a] = v;
        }
      }
    }
    try {
      return new FullGaussianEmission(n, d, mu, cov);
    } catch (DegenerateModelException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
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
    double[][] copy = new double[n][d];
    for (int k = 0; k < n; k++) {
      System.arraycopy(means, k * d, copy[k], 0, d);
    }
    return copy;
  }

  /** Σ_k as d×d arrays, one per state. */
  public double[][][] covariances() {
    double[][][] copy = new double[n][d][d];
    for (int k = 0; k < n; k++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          copy[k][a][b] = covariances[k * d * d + b * d + a];
        }
      }
    }
    return copy;
  }

  @Override
  public int parameterCount() {
    return n * (d + d * (d + 1) / 2);
  }

  @Override
  public void logDensities(SequenceBlock block, int s, double[] out) {
    if (block.isCategorical() || block.dimension() != d) {
      throw new InvalidDataException("sequence " + block.id(s) + " holds "
          + (block.isCategorical() ? "categorical symbols" : block.dimension() + "-dimensional"
          + " vectors") + ", expected " + d + "-dimensional real vectors");
    }
    int length = block.length(s);
    double[] z = new double[length * d];
    for (int k = 0; k < n; k++) {
      for (int t = 0; t < length; t++) {
        for (int a = 0; a < d; a++) {
          z[t * d + a] = block.value(s, t, a) - means[k * d + a];
        }
      }
      factors[k].solveLowerInPlace(z, length);
      double constant = -0.5 * (d * LOG_2PI + factors[k].logDeterminant());
      for (int t = 0; t < length; t++) {
        double q = 0.0;
        for (int a = 0; a < d; a++) {
          q += z[t * d + a] * z[t * d + a];
        }
        out[t * n + k] = constant - 0.5 * q;
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

  /** Σ γ, Σ γ(x − c) and Σ γ(x − c)(x − c)ᵀ per state, centred on the previous means c. */
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
      this.second = new double[n * d * d];
    }

    @Override
    public void add(SequenceBlock block, int s, double[] gamma, double weight) {
      double[] z = new double[d];
      for (int t = 0; t < block.length(s); t++) {
        for (int k = 0; k < n; k++) {
          double g = weight * gamma[t * n + k];
          weights[k] += g;
          for (int a = 0; a < d; a++) {
            z[a] = block.value(s, t, a) - centres[k * d + a];
            first[k * d + a] += g * z[a];
          }
          for (int b = 0; b < d; b++) {
            for (int a = b; a < d; a++) {
              second[k * d * d + b * d + a] += g * z[a] * z[b];
            }
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
      }
      for (int i = 0; i < second.length; i++) {
        second[i] += o.second[i];
      }
    }

    @Override
    public Emission maximize(Emission previous, BaumWelchSettings settings) {
      settings.requireUnusedZero("Gaussian", "regCovar");
      FullGaussianEmission old = (FullGaussianEmission) previous;
      double[] mu = old.means.clone();
      double[] cov = old.covariances.clone();
      for (int k = 0; k < n; k++) {
        double w = weights[k];
        if (!(w > 0)) {
          continue;
        }
        for (int a = 0; a < d; a++) {
          mu[k * d + a] = centres[k * d + a] + first[k * d + a] / w;
        }
        for (int b = 0; b < d; b++) {
          for (int a = b; a < d; a++) {
            double c = second[k * d * d + b * d + a] / w
                - (first[k * d + a] / w) * (first[k * d + b] / w);
            cov[k * d * d + b * d + a] = c;
            cov[k * d * d + a * d + b] = c;
          }
          cov[k * d * d + b * d + b] += settings.regCovar();
        }
      }
      try {
        return new FullGaussianEmission(n, d, mu, cov);
      } catch (DegenerateModelException e) {
        throw new DegenerateModelException(e.getMessage()
            + "; a covariance ridge regCovar > 0 prevents this", e);
      }
    }

    @Override
    public String toString() {
      return "full Gaussian statistics of " + n + " states x " + d + " dimensions";
    }
  }
}
