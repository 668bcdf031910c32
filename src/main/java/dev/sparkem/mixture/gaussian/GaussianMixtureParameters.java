package dev.sparkem.mixture.gaussian;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.linalg.CholeskyFactor;
import dev.sparkem.linalg.NotPositiveDefiniteException;
import dev.sparkem.mixture.MixtureModel;
import java.util.Arrays;

/**
 * The parameters of a k-component Gaussian mixture in d dimensions with full covariances:
 * weights w_j (positive, summing to 1), means μ_j and covariance matrices Σ_j, held with the
 * Cholesky factor of every Σ_j so that scoring needs no further factorisation. Immutable; getters
 * return copies.
 */
public final class GaussianMixtureParameters implements MixtureModel {
  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int k;
  private final int d;
  private final double[] weights;
  private final double[] means;
  private final double[] covariances;
  private final CholeskyFactor[] factors;

  private GaussianMixtureParameters(int k, int d, double[] weights, double[] means,
      double[] covariances, CholeskyFactor[] factors) {
    this.k = k;
    this.d = d;
    this.weights = weights;
    this.means = means;
    this.covariances = covariances;
    this.factors = factors;
  }

  /**
   * Checks and factors the given parameters.
   *
   * @param weights k positive weights that sum to 1 within 1e-6 (they are rescaled to sum to 1)
   * @param means k means of d values
   * @param covariances k symmetric positive definite d×d matrices
   * @throws IllegalArgumentException naming the offending entry, if shapes disagree, a value is
   *     not finite, a weight is not positive, the weights do not sum to 1 or a covariance is not
   *     symmetric positive definite
   */
  public static GaussianMixtureParameters of(
      double[] weights, double[][] means, double[][][] covariances) {
    int k = weights.length;
    if (k == 0) {
      throw new IllegalArgumentException("weights is empty, expected at least one component");
    }
    if (means.length != k || covariances.length != k) {
      throw new IllegalArgumentException("found " + k + " weights, " + means.length + " means and "
          + covariances.length + " covariances, expected the same number of each");
    }
    int d = means[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("means[0] is empty, expected at least one dimension");
    }
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
      if (!(weights[j] > 0) || !Double.isFinite(weights[j])) {
        throw new IllegalArgumentException(
            "weights[" + j + "] is " + weights[j] + ", expected a finite number > 0");
      }
      sum += weights[j];
    }
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw new IllegalArgumentException("weights sum to " + sum + ", expected 1");
    }
    double[] flatWeights = new double[k];
    double[] flatMeans = new double[k * d];
    double[] flatCovariances = new double[k * d * d];
    for (int j = 0; j < k; j++) {
      flatWeights[j] = weights[j] / sum;
      if (means[j].length != d) {
        throw new IllegalArgumentException(
            "means[" + j + "] has " + means[j].length + " values, expected " + d);
      }
      for (int a = 0; a < d; a++) {
        if (!Double.isFinite(means[j][a])) {
          throw new IllegalArgumentException(
              "means[" + j + "][" + a + "] is " + means[j][a] + ", expected a finite number");
        }
        flatMeans[j * d + a] = means[j][a];
      }
      if (covariances[j].length != d) {
        throw new IllegalArgumentException("covariances[" + j + "] has " + covariances[j].length
            + " rows, expected " + d);
      }
      for (int a = 0; a < d; a++) {
        if (covariances[j][a].length != d) {
          throw new IllegalArgumentException("covariances[" + j + "][" + a + "] has "
              + covariances[j][a].length + " values, expected " + d);
        }
        for (int b = 0; b < d; b++) {
          double v = covariances[j][a][b];
          double mirror = covariances[j][b][a];
          if (Math.abs(v - mirror) > 1e-9 * Math.max(1.0, Math.abs(v))) {
            throw new IllegalArgumentException("covariances[" + j + "] is not symmetric: entry ("
                + a + "," + b + ") is " + v + " but (" + b + "," + a + ") is " + mirror);
          }
          flatCovariances[(j * d + b) * d + a] = v;
        }
      }
    }
    CholeskyFactor[] factors = new CholeskyFactor[k];
    for (int j = 0; j < k; j++) {
      try {
        factors[j] = factorOf(flatCovariances, j, d);
      } catch (NotPositiveDefiniteException e) {
        throw new IllegalArgumentException("covariances[" + j + "]: " + e.getMessage(), e);
      }
    }
    return new GaussianMixtureParameters(k, d, flatWeights, flatMeans, flatCovariances, factors);
  }

  /**
   * Builds parameters from flat arrays produced by an M-step (weights k, means k·d row after row,
   * covariances k column-major d×d blocks), taking ownership of the arrays.
   *
   * @throws DegenerateModelException naming the component whose covariance is not positive
   *     definite
   */
  static GaussianMixtureParameters fromMaximization(int k, int d, double[] weights,
      double[] means, double[] covariances) {
    CholeskyFactor[] factors = new CholeskyFactor[k];
    for (int j = 0; j < k; j++) {
      try {
        factors[j] = factorOf(covariances, j, d);
      } catch (NotPositiveDefiniteException e) {
        throw new DegenerateModelException("component " + j + ": covariance " + e.getMessage()
            + "; the component has collapsed onto too few distinct points (a larger regCovar "
            + "keeps covariances positive definite)", e);
      }
    }
    return new GaussianMixtureParameters(k, d, weights, means, covariances, factors);
  }

  private static CholeskyFactor factorOf(double[] covariances, int j, int d) {
    return CholeskyFactor.of(Arrays.copyOfRange(covariances, j * d * d, (j + 1) * d * d), d);
  }

  @Override
  public int k() {
    return k;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The mean of component j (copy, d values). */
  public double[] mean(int j) {
    return Arrays.copyOfRange(means, j * d, (j + 1) * d);
  }

  /** The covariance of component j (copy, d×d, row a at [a]). */
  public double[][] covariance(int j) {
    double[][] c = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        c[a][b] = covariances[(j * d + b) * d + a];
      }
    }
    return c;
  }

  /** The Cholesky factor of component j's covariance (immutable). */
  CholeskyFactor factor(int j) {
    return factors[j];
  }

  /** The means (copy, k×d). */
  public double[][] means() {
    double[][] m = new double[k][];
    for (int j = 0; j < k; j++) {
      m[j] = mean(j);
    }
    return m;
  }

  /** The covariances (copy, k×d×d). */
  public double[][][] covariances() {
    double[][][] c = new double[k][][];
    for (int j = 0; j < k; j++) {
      c[j] = covariance(j);
    }
    return c;
  }

  /**
   * k·d(d+1)/2 covariance entries, k·d mean entries and k − 1 free weights (scikit-learn's count).
   */
  @Override
  public int parameterCount() {
    return k * d * (d + 1) / 2 + k * d + k - 1;
  }

  @Override
  public ObjectNode toJson() {
    return GaussianMixtureJson.toJson(this);
  }

  /**
   * Writes log(w_j) + log N(x_i; μ_j, Σ_j): one triangular solve per component over the whole
   * block.
   */
  @Override
  public void logJointDensities(RowBlock block, double[] out) {
    logJointDensities(block, out, new double[block.rows() * d]);
  }

  /**
   * As {@link #logJointDensities(RowBlock, double[])}, using {@code scratch} (at least n·d) for
   * the centred and whitened rows.
   */
  void logJointDensities(RowBlock block, double[] out, double[] scratch) {
    int n = block.rows();
    double[] x = block.denseValues();
    for (int j = 0; j < k; j++) {
      centre(x, n, j, scratch);
      factors[j].solveLowerInPlace(scratch, n);
      double constant = Math.log(weights[j]) - 0.5 * (d * LOG_2PI + factors[j].logDeterminant());
      for (int i = 0; i < n; i++) {
        double squaredDistance = 0.0;
        for (int a = i * d; a < (i + 1) * d; a++) {
          squaredDistance += scratch[a] * scratch[a];
        }
        out[i * k + j] = constant - 0.5 * squaredDistance;
      }
    }
  }

  /** Writes x_i − μ_j for the n rows of {@code x} to {@code out}. */
  void centre(double[] x, int n, int j, double[] out) {
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        out[i * d + a] = x[i * d + a] - means[j * d + a];
      }
    }
  }

  @Override
  public String toString() {
    return "GaussianMixtureParameters{k=" + k + ", d=" + d + ", weights="
        + Arrays.toString(weights) + ", means=" + Arrays.deepToString(means()) + "}";
  }
}
