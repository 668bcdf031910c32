package dev.sparkem.mixture.gaussian;

import dev.ludovic.netlib.blas.BLAS;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.SufficientStatistics;
import java.util.Arrays;

/**
 * Expected sufficient statistics of a full-covariance Gaussian mixture, per component j: the
 * weight N_j = Σ_i r_ij, the first moment s_j = Σ_i r_ij·(x_i − c_j) and the scatter
 * M_j = Σ_i r_ij·(x_i − c_j)(x_i − c_j)ᵀ, all taken about a fixed centre c_j (the component's mean
 * in the pass that produces them). Centring keeps the scatter free of the cancellation that raw
 * moments suffer when the means are far from the origin. Size O(k·d²), independent of the rows.
 */
public final class FullCovarianceStatistics implements SufficientStatistics<FullCovarianceStatistics> {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int d;
  private final double[] centres;
  private final double[] weights;
  private final double[] firstMoments;
  private final double[] scatters;

  /**
   * Empty statistics about {@code centres} (k·d values, row after row, copied).
   *
   * @throws IllegalArgumentException if {@code centres.length != k·d}
   */
  public FullCovarianceStatistics(int k, int d, double[] centres) {
    if (centres.length != k * d) {
      throw new IllegalArgumentException(
          "found " + centres.length + " centre values, expected k*d = " + (k * d));
    }
    this.k = k;
    this.d = d;
    this.centres = centres.clone();
    this.weights = new double[k];
    this.firstMoments = new double[k * d];
    this.scatters = new double[k * d * d];
  }

  /**
   * Adds the rows of {@code block} with the n×k row-major weights {@code responsibilities}
   * (posterior times row weight), using {@code scratch} (at least n·d). The scatter is one
   * rank-n update (dsyrk) per component.
   */
  public void add(RowBlock block, double[] responsibilities, double[] scratch) {
    checkWidth(block.dimension());
    int n = block.rows();
    double[] x = block.denseValues();
    BLAS blas = BLAS.getInstance();
    for (int j = 0; j < k; j++) {
      double total = 0.0;
      for (int i = 0; i < n; i++) {
        double r = responsibilities[i * k + j];
        double root = Math.sqrt(r);
        total += r;
        for (int a = 0; a < d; a++) {
          double centred = x[i * d + a] - centres[j * d + a];
          firstMoments[j * d + a] += r * centred;
          scratch[i * d + a] = root * centred;
        }
      }
      weights[j] += total;
      blas.dsyrk("L", "N", d, n, 1.0, scratch, 0, d, 1.0, scatters, j * d * d, d);
    }
  }

  @Override
  public void merge(FullCovarianceStatistics other) {
    checkWidth(other.d);
    if (other.k != k || !Arrays.equals(other.centres, centres)) {
      throw new IllegalArgumentException("cannot merge statistics of " + other.k
          + " components about other centres into statistics of " + k + " components");
    }
    add(weights, other.weights);
    add(firstMoments, other.firstMoments);
    add(scatters, other.scatters);
  }

  private static void add(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  private void checkWidth(int width) {
    if (width != d) {
      throw new IllegalArgumentException("found rows of width " + width + ", expected " + d);
    }
  }

  public int k() {
    return k;
  }

  public int dimension() {
    return d;
  }

  /** N_j = Σ_i r_ij. */
  public double weight(int j) {
    return weights[j];
  }

  /** The centre c_j (copy). */
  public double[] centre(int j) {
    return Arrays.copyOfRange(centres, j * d, (j + 1) * d);
  }

  /** s_j = Σ_i r_ij·(x_i − c_j) (copy). */
  public double[] firstMoment(int j) {
    return Arrays.copyOfRange(firstMoments, j * d, (j + 1) * d);
  }

  /** M_j(a, b) = Σ_i r_ij·(x_ia − c_ja)(x_ib − c_jb). */
  public double scatter(int j, int a, int b) {
    return a >= b ? scatters[(j * d + b) * d + a] : scatters[(j * d + a) * d + b];
  }
}
