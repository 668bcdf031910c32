package dev.sparkem.testing;

/**
 * Linear algebra with plain loops and nothing clever: the oracle that the BLAS/LAPACK kernels are
 * checked against. Matrices are {@code double[row][column]}.
 */
public final class BruteForce {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private BruteForce() {}

  /** The inverse of the square matrix {@code a} by Gauss–Jordan elimination, partial pivoting. */
  public static double[][] inverse(double[][] a) {
    int d = a.length;
    double[][] m = new double[d][2 * d];
    for (int r = 0; r < d; r++) {
      System.arraycopy(a[r], 0, m[r], 0, d);
      m[r][d + r] = 1.0;
    }
    for (int c = 0; c < d; c++) {
      int pivot = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] swap = m[c];
      m[c] = m[pivot];
      m[pivot] = swap;
      double p = m[c][c];
      for (int j = 0; j < 2 * d; j++) {
        m[c][j] /= p;
      }
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = m[r][c];
          for (int j = 0; j < 2 * d; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[][] inverse = new double[d][d];
    for (int r = 0; r < d; r++) {
      System.arraycopy(m[r], d, inverse[r], 0, d);
    }
    return inverse;
  }

  /** The determinant of the square matrix {@code a} by Gaussian elimination, partial pivoting. */
  public static double determinant(double[][] a) {
    int d = a.length;
    double[][] m = new double[d][];
    for (int r = 0; r < d; r++) {
      m[r] = a[r].clone();
    }
    double det = 1.0;
    for (int c = 0; c < d; c++) {
      int pivot = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      if (pivot != c) {
        double[] swap = m[c];
        m[c] = m[pivot];
        m[pivot] = swap;
        det = -det;
      }
      det *= m[c][c];
      for (int r = c + 1; r < d; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j < d; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    return det;
  }

  public static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int j = 0; j < b[0].length; j++) {
        double sum = 0.0;
        for (int t = 0; t < b.length; t++) {
          sum += a[r][t] * b[t][j];
        }
        c[r][j] = sum;
      }
    }
    return c;
  }

  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[0].length; c++) {
        t[c][r] = a[r][c];
      }
    }
    return t;
  }

  /**
   * log N(x; mean, covariance) = −½(d·log 2π + log det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ)), from an explicit
   * inverse and determinant.
   */
  public static double logGaussian(double[] x, double[] mean, double[][] covariance) {
    int d = x.length;
    double[][] inverse = inverse(covariance);
    double quadratic = 0.0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        quadratic += (x[a] - mean[a]) * inverse[a][b] * (x[b] - mean[b]);
      }
    }
    return -0.5 * (d * LOG_2PI + Math.log(determinant(covariance)) + quadratic);
  }

  /** The matrix {@code a} (d×d) as a column-major array. */
  public static double[] columnMajor(double[][] a) {
    int d = a.length;
    double[] flat = new double[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        flat[c * d + r] = a[r][c];
      }
    }
    return flat;
  }

  /** The column-major d×d array {@code flat} as a matrix. */
  public static double[][] fromColumnMajor(double[] flat, int d) {
    double[][] a = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        a[r][c] = flat[c * d + r];
      }
    }
    return a;
  }
}
