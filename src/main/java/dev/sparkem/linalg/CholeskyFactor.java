package dev.sparkem.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.io.Serializable;
import java.util.Arrays;
import org.netlib.util.intW;

/**
 * The lower Cholesky factor L of a symmetric positive definite d×d matrix A = L·Lᵀ, held
 * column-major (upper triangle zero). Immutable.
 */
public final class CholeskyFactor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimension;
  private final double[] lower;
  private final double logDeterminant;
  /** L⁻¹ once asked for (racing threads compute the same values). */
  private transient volatile double[] inverse;

  private CholeskyFactor(int dimension, double[] lower) {
    this.dimension = dimension;
    this.lower = lower;
    double sum = 0.0;
    for (int i = 0; i < dimension; i++) {
      sum += Math.log(lower[i * dimension + i]);
    }
    this.logDeterminant = 2.0 * sum;
  }

  /**
   * Factors the symmetric matrix {@code a} (d×d, column-major; only its lower triangle is read).
   *
   * @throws NotPositiveDefiniteException if {@code a} has a non-finite entry or is not positive
   *     definite
   * @throws IllegalArgumentException if {@code a.length != d*d}
   */
  public static CholeskyFactor of(double[] a, int d) {
    if (a.length != d * d) {
      throw new IllegalArgumentException(
          "matrix has " + a.length + " entries, expected " + d + "x" + d + " = " + (d * d));
    }
    double[] l = new double[d * d];
    for (int j = 0; j < d; j++) {
      for (int i = j; i < d; i++) {
        double v = a[j * d + i];
        if (!Double.isFinite(v)) {
          throw new NotPositiveDefiniteException(
              "matrix entry (" + i + "," + j + ") is " + v + ", expected a finite number", -1);
        }
        l[j * d + i] = v;
      }
    }
    intW info = new intW(0);
    LAPACK.getInstance().dpotrf("L", d, l, d, info);
    if (info.val != 0) {
      throw new NotPositiveDefiniteException(
          "matrix is not positive definite: leading minor of order " + info.val
              + " is not positive (dpotrf info=" + info.val + ")", info.val - 1);
    }
    return new CholeskyFactor(d, l);
  }

  public int dimension() {
    return dimension;
  }

  /** log det A = 2·Σ log L_ii, natural log. */
  public double logDeterminant() {
    return logDeterminant;
  }

  /** A copy of L, column-major d×d. */
  public double[] lower() {
    return Arrays.copyOf(lower, lower.length);
  }

  /** tr(A⁻¹) = ‖L⁻¹‖²_F, through one triangular solve against the identity (O(d³)). */
  public double traceOfInverse() {
    double[] inverse = new double[dimension * dimension];
    for (int i = 0; i < dimension; i++) {
      inverse[i * dimension + i] = 1.0;
    }
    solveLowerInPlace(inverse, dimension);
    double sum = 0.0;
    for (double v : inverse) {
      sum += v * v;
    }
    return sum;
  }

  /**
   * L⁻¹, column-major d×d with a zero upper triangle (a copy; computed once per factor by a
   * triangular solve against the identity and kept). Multiplying by it (dgemm) whitens many
   * vectors at once at matrix-multiply speed.
   */
  public double[] inverseLower() {
    double[] inverse = this.inverse;
    if (inverse == null) {
      inverse = new double[dimension * dimension];
      for (int i = 0; i < dimension; i++) {
        inverse[i * dimension + i] = 1.0;
      }
      solveLowerInPlace(inverse, dimension);
      this.inverse = inverse;
    }
    return inverse.clone();
  }

  /**
   * Overwrites the d×n column-major matrix {@code b} with L⁻¹·b (a triangular solve on all n
   * columns at once, level-3 BLAS). For a block of n rows stored row-major, each row is a column.
   */
  public void solveLowerInPlace(double[] b, int n) {
    if (n == 0) {
      return;
    }
    BLAS.getInstance().dtrsm("L", "L", "N", "N", dimension, n, 1.0, lower, dimension, b, dimension);
  }
}
