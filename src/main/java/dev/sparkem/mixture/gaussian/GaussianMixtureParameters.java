package dev.sparkem.mixture.gaussian;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.linalg.CholeskyFactor;
import dev.sparkem.linalg.NotPositiveDefiniteException;
import dev.sparkem.mixture.MixtureChecks;
import dev.sparkem.mixture.MixtureModel;
import java.util.Arrays;

/**
 * The parameters of a k-component Gaussian mixture in d dimensions: weights w_j (positive,
 * summing to 1), means μ_j and covariances of one {@link CovarianceType}, held with what scoring
 * needs (Cholesky factors for full and tied, inverse variances for diag and spherical) so that
 * scoring factorises nothing. Immutable; getters return copies.
 */
public final class GaussianMixtureParameters implements MixtureModel {
  private static final long serialVersionUID = 2L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final CovarianceType type;
  private final int k;
  private final int d;
  private final double[] weights;
  private final double[] means;
  /** Flat in scikit-learn's shape: k·d·d, d·d, k·d or k values (matrices column-major). */
  private final double[] covariances;
  /** Full: one per component; tied: one; diag and spherical: none. */
  private final CholeskyFactor[] factors;
  private final double[] logDeterminants;

  private GaussianMixtureParameters(CovarianceType type, int k, int d, double[] weights,
      double[] means, double[] covariances) throws ComponentException {
    this.type = type;
    this.k = k;
    this.d = d;
    this.weights = weights;
    this.means = means;
    this.covariances = covariances;
    this.logDeterminants = new double[k];
    int matrices = type == CovarianceType.FULL ? k : type == CovarianceType.TIED ? 1 : 0;
    this.factors = new CholeskyFactor[matrices];
    for (int m = 0; m < matrices; m++) {
      try {
        factors[m] = CholeskyFactor.of(Arrays.copyOfRange(covariances, m * d * d,
            (m + 1) * d * d), d);
      } catch (NotPositiveDefiniteException e) {
        throw new ComponentException(m, "covariance " + e.getMessage());
      }
    }
    for (int j = 0; j < k; j++) {
      if (matrices > 0) {
        logDeterminants[j] = factors[type == CovarianceType.FULL ? j : 0].logDeterminant();
        continue;
      }
      for (int a = 0; a < d; a++) {
        double v = variance(j, a);
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new ComponentException(j, "variance " + (type == CovarianceType.DIAG
              ? "[" + a + "] " : "") + "is " + v + ", expected a finite number > 0");
        }
        logDeterminants[j] += Math.log(v);
      }
    }
  }

  /** A component whose covariance cannot be used. */
  private static final class ComponentException extends Exception {
    private static final long serialVersionUID = 1L;
    final int component;

    ComponentException(int component, String message) {
      super(message);
      this.component = component;
    }
  }

  /**
   * Checks and prepares given parameters.
   *
   * @param weights k positive weights that sum to 1 within 1e-6 (rescaled to
   *     sum to 1 unless they do within round-off: {@link MixtureChecks#weights})
   * @param means k means of d values
   * @param covariances in scikit-learn's shape for {@code type}, flattened row after row:
   *     k·d·d (full), d·d (tied), k·d (diag) or k (spherical) values; matrices symmetric
   *     positive definite, variances positive
   * @throws IllegalArgumentException naming the offending entry
   */
  public static GaussianMixtureParameters of(CovarianceType type, double[] weights,
      double[][] means, double[] covariances) {
    double[] flatWeights = MixtureChecks.weights(weights);
    int k = flatWeights.length;
    double[] flatMeans = MixtureChecks.rows(means, k, "means");
    int d = means[0].length;
    for (int i = 0; i < flatMeans.length; i++) {
      if (!Double.isFinite(flatMeans[i])) {
        throw MixtureChecks.entry("means", i / d, i % d, flatMeans[i], "a finite number");
      }
    }
    int expected = covarianceSize(type, k, d);
    if (covariances.length != expected) {
      throw new IllegalArgumentException("found " + covariances.length + " covariance values, "
          + "expected " + expected + " for " + type + " covariances of " + k + " components in "
          + d + " dimensions");
    }
    double[] flatCovariances = covariances.clone();
    if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
      checkSymmetric(flatCovariances, d);
    }
    try {
      return new GaussianMixtureParameters(type, k, d, flatWeights, flatMeans, flatCovariances);
    } catch (ComponentException e) {
      throw new IllegalArgumentException(
          "covariances[" + e.component + "]: " + e.getMessage(), e);
    }
  }

  /** Full covariances given as k matrices d×d. */
  public static GaussianMixtureParameters full(
      double[] weights, double[][] means, double[][][] covariances) {
    double[] flat = Arrays.stream(covariances).flatMap(Arrays::stream)
        .flatMapToDouble(Arrays::stream).toArray();
    return of(CovarianceType.FULL, weights, means, flat);
  }

  private static void checkSymmetric(double[] matrices, int d) {
    for (int m = 0; m < matrices.length / (d * d); m++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          double v = matrices[m * d * d + a * d + b];
          double mirror = matrices[m * d * d + b * d + a];
          if (Math.abs(v - mirror) > 1e-9 * Math.max(1.0, Math.abs(v))) {
            throw new IllegalArgumentException("covariances[" + m + "] is not symmetric: entry ("
                + a + "," + b + ") is " + v + " but (" + b + "," + a + ") is " + mirror);
          }
        }
      }
    }
  }

  /**
   * Parameters from an M-step, in the flat layout of {@link #of} (arrays taken, not copied).
   *
   * @throws DegenerateModelException naming the component whose covariance is unusable
   */
  static GaussianMixtureParameters fromMaximization(CovarianceType type, int k, int d,
      double[] weights, double[] means, double[] covariances) {
    try {
      return new GaussianMixtureParameters(type, k, d, weights, means, covariances);
    } catch (ComponentException e) {
      String which = type == CovarianceType.TIED ? "the tied covariance"
          : "component " + e.component;
      throw new DegenerateModelException(which + ": " + e.getMessage() + "; a component has "
          + "collapsed onto too few distinct points (a larger regCovar keeps covariances "
          + "positive definite)", e);
    }
  }

  /** The number of covariance values of {@code type} in scikit-learn's shape. */
  static int covarianceSize(CovarianceType type, int k, int d) {
    return switch (type) {
      case FULL -> k * d * d;
      case TIED -> d * d;
      case DIAG -> k * d;
      case SPHERICAL -> k;
    };
  }

  public CovarianceType covarianceType() {
    return type;
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

  /** The means (copy, k×d). */
  public double[][] means() {
    double[][] m = new double[k][];
    for (int j = 0; j < k; j++) {
      m[j] = mean(j);
    }
    return m;
  }

  /** The covariances in scikit-learn's shape for the type, flattened row after row (copy). */
  public double[] covarianceValues() {
    return covariances.clone();
  }

  /** The variance of coordinate a in component j. */
  public double variance(int j, int a) {
    return switch (type) {
      case FULL -> covariances[(j * d + a) * d + a];
      case TIED -> covariances[a * d + a];
      case DIAG -> covariances[j * d + a];
      case SPHERICAL -> covariances[j];
    };
  }

  /** The covariance of component j as a d×d matrix, whatever the type (copy). */
  public double[][] covariance(int j) {
    double[][] c = new double[d][d];
    for (int a = 0; a < d; a++) {
      if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
        int offset = type == CovarianceType.FULL ? j * d * d : 0;
        for (int b = 0; b < d; b++) {
          c[a][b] = covariances[offset + a * d + b];
        }
      } else {
        c[a][a] = variance(j, a);
      }
    }
    return c;
  }

  /** All covariances as k d×d matrices (copy). */
  public double[][][] covariances() {
    double[][][] c = new double[k][][];
    for (int j = 0; j < k; j++) {
      c[j] = covariance(j);
    }
    return c;
  }

  /** tr(Σ_j⁻¹), the sum of the precisions' diagonal. */
  double traceOfPrecision(int j) {
    if (factors.length > 0) {
      return factor(j).traceOfInverse();
    }
    double sum = 0.0;
    for (int a = 0; a < d; a++) {
      sum += 1.0 / variance(j, a);
    }
    return sum;
  }

  /** The Cholesky factor of component j's covariance, for full and tied types. */
  CholeskyFactor factor(int j) {
    return factors[type == CovarianceType.FULL ? j : 0];
  }

  /** Covariance parameters of the type, k·d means and k − 1 free weights (scikit-learn). */
  @Override
  public int parameterCount() {
    return type.parameterCount(k, d) + k * d + k - 1;
  }

  @Override
  public ObjectNode toJson() {
    return GaussianMixtureJson.toJson(this);
  }

  /**
   * Writes log(w_j) + log N(x_i; μ_j, Σ_j). Full: each component whitens the centred block
   * (plain loops for small d, one matrix multiply by L⁻¹ otherwise); tied: the block and the
   * means are whitened once, then plain distances; diag and
   * spherical: O(nnz) per component on sparse blocks.
   */
  @Override
  public void logJointDensities(RowBlock block, double[] out) {
    boolean diagonal = type == CovarianceType.DIAG || type == CovarianceType.SPHERICAL;
    RowBlock rows = diagonal ? block : block.toDense();
    int n = block.rows();
    GaussianDistances.squaredMahalanobis(this, rows, out);
    double[] constants = new double[k];
    for (int j = 0; j < k; j++) {
      constants[j] = Math.log(weights[j]) - 0.5 * (d * LOG_2PI + logDeterminants[j]);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        out[i * k + j] = constants[j] - 0.5 * out[i * k + j];
      }
    }
  }

  @Override
  public String toString() {
    return "GaussianMixtureParameters{" + type + ", k=" + k + ", d=" + d + ", weights="
        + Arrays.toString(weights) + ", means=" + Arrays.deepToString(means()) + "}";
  }
}
