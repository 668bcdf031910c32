package dev.sparkem.mixture.gaussian;

import dev.ludovic.netlib.blas.BLAS;
import dev.sparkem.data.RowBlock;

/**
 * Squared Mahalanobis distances (x − μ_j)ᵀ Σ_j⁻¹ (x − μ_j) of a block's rows to every component.
 * Full and tied covariances whiten with the Cholesky factor: up to the kernel's
 * {@link Level3Kernel#loopMaxDimension} by forward substitution in plain loops fused with the
 * centring (no scratch), above it panel by panel of rows and component by the kernel (Vector API
 * lanes or a BLAS product, {@link Level3Kernel}) in a workspace reused across components. Tied
 * covariances whiten the block and the means once (dgemm) and take plain distances between them.
 */
final class GaussianDistances {
  private GaussianDistances() {}

  /**
   * Writes the distance of row i of {@code block} to component j of {@code p} into
   * {@code out[i·k + j]} (n×k, row-major). Full and tied covariances need a dense block.
   */
  static void squaredMahalanobis(GaussianMixtureParameters p, RowBlock block, double[] out) {
    squaredMahalanobis(p, block, out, Level3Kernel.forDimension(block.dimension()));
  }

  /**
   * As {@link #squaredMahalanobis(GaussianMixtureParameters, RowBlock, double[])}, with full and
   * tied covariances whitened by {@code kernel}.
   */
  static void squaredMahalanobis(GaussianMixtureParameters p, RowBlock block, double[] out,
      Level3Kernel kernel) {
    switch (p.covarianceType()) {
      case FULL -> full(p, block, out, kernel);
      case TIED -> tied(p, block, out, kernel);
      case DIAG, SPHERICAL -> {
        for (int j = 0; j < p.k(); j++) {
          if (block.isSparse()) {
            diagonalSparse(p, block, j, out);
          } else {
            diagonalDense(p, block, j, out);
          }
        }
      }
    }
  }

  private static void full(GaussianMixtureParameters p, RowBlock block, double[] out,
      Level3Kernel kernel) {
    int n = block.rows();
    int d = block.dimension();
    int k = p.k();
    double[] x = block.denseValues();
    if (d <= kernel.loopMaxDimension()) {
      double[] lower = new double[d * d];
      double[] y = new double[d];
      for (int j = 0; j < k; j++) {
        rowMajorInverseDiagonal(p.factor(j).lower(), d, lower);
        double[] mean = p.mean(j);
        for (int i = 0; i < n; i++) {
          out[i * k + j] = solveRow(x, i * d, mean, lower, d, y);
        }
      }
      return;
    }
    int panel = Math.min(n, kernel.panelRows(d));
    Level3Kernel.Workspace work = kernel.workspace(panel, d);
    double[][] means = new double[k][];
    double[][] inverses = new double[k][];
    for (int j = 0; j < k; j++) {
      means[j] = p.mean(j);
      inverses[j] = p.factor(j).inverseLower();
    }
    for (int start = 0; start < n; start += panel) {
      int rows = Math.min(panel, n - start);
      kernel.loadPanel(x, start, rows, d, work);
      for (int j = 0; j < k; j++) {
        kernel.whitenedNorms(x, start, rows, d, means[j], inverses[j], work, out, k, j);
      }
    }
  }

  /** ‖L⁻¹x − L⁻¹μ_j‖²: the block and the means are whitened once. */
  private static void tied(GaussianMixtureParameters p, RowBlock block, double[] out,
      Level3Kernel kernel) {
    int n = block.rows();
    int d = block.dimension();
    int k = p.k();
    double[] x = block.denseValues();
    double[] z = new double[n * d];
    double[] means = new double[k * d];
    double[] zero = new double[d];
    if (d <= kernel.loopMaxDimension()) {
      double[] lower = new double[d * d];
      rowMajorInverseDiagonal(p.factor(0).lower(), d, lower);
      double[] y = new double[d];
      for (int i = 0; i < n; i++) {
        solveRow(x, i * d, zero, lower, d, y);
        System.arraycopy(y, 0, z, i * d, d);
      }
      for (int j = 0; j < k; j++) {
        solveRow(p.mean(j), 0, zero, lower, d, y);
        System.arraycopy(y, 0, means, j * d, d);
      }
    } else {
      double[] inverse = p.factor(0).inverseLower();
      BLAS.getInstance().dgemm("N", "N", d, n, d, 1.0, inverse, d, x, d, 0.0, z, d);
      double[] raw = new double[k * d];
      for (int j = 0; j < k; j++) {
        System.arraycopy(p.mean(j), 0, raw, j * d, d);
      }
      BLAS.getInstance().dgemm("N", "N", d, k, d, 1.0, inverse, d, raw, d, 0.0, means, d);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double sum = 0.0;
        for (int a = 0; a < d; a++) {
          double diff = z[i * d + a] - means[j * d + a];
          sum += diff * diff;
        }
        out[i * k + j] = sum;
      }
    }
  }

  /**
   * Copies the column-major lower factor into {@code into} row-major, with the reciprocals of
   * the diagonal on the diagonal.
   */
  private static void rowMajorInverseDiagonal(double[] columnMajor, int d, double[] into) {
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        into[a * d + b] = columnMajor[b * d + a];
      }
      into[a * d + a] = 1.0 / columnMajor[a * d + a];
    }
  }

  /**
   * y = L⁻¹(x[offset..offset+d) − mean) by forward substitution with the row-major factor of
   * {@link #rowMajorInverseDiagonal}; returns ‖y‖².
   */
  private static double solveRow(double[] x, int offset, double[] mean, double[] lower, int d,
      double[] y) {
    double norm = 0.0;
    for (int a = 0; a < d; a++) {
      double s = x[offset + a] - mean[a];
      int row = a * d;
      for (int b = 0; b < a; b++) {
        s -= lower[row + b] * y[b];
      }
      s *= lower[row + a];
      y[a] = s;
      norm += s * s;
    }
    return norm;
  }

  private static double[] inverseVariances(GaussianMixtureParameters p, int j, int d) {
    double[] inverse = new double[d];
    for (int a = 0; a < d; a++) {
      inverse[a] = 1.0 / p.variance(j, a);
    }
    return inverse;
  }

  private static void diagonalDense(GaussianMixtureParameters p, RowBlock block, int j,
      double[] out) {
    int d = block.dimension();
    int k = p.k();
    double[] x = block.denseValues();
    double[] mean = p.mean(j);
    double[] inverse = inverseVariances(p, j, d);
    for (int i = 0; i < block.rows(); i++) {
      double sum = 0.0;
      for (int a = 0; a < d; a++) {
        double diff = x[i * d + a] - mean[a];
        sum += diff * diff * inverse[a];
      }
      out[i * k + j] = sum;
    }
  }

  /** Σ_a μ_a²/σ_a² for all coordinates, corrected on each row's non-zeros: O(nnz + d). */
  private static void diagonalSparse(GaussianMixtureParameters p, RowBlock block, int j,
      double[] out) {
    int d = block.dimension();
    int k = p.k();
    double[] mean = p.mean(j);
    double[] inverse = inverseVariances(p, j, d);
    double atZero = 0.0;
    for (int a = 0; a < d; a++) {
      atZero += mean[a] * mean[a] * inverse[a];
    }
    int[] starts = block.rowStarts();
    int[] indices = block.indices();
    double[] values = block.sparseValues();
    for (int i = 0; i < block.rows(); i++) {
      double sum = atZero;
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        int a = indices[t];
        double diff = values[t] - mean[a];
        sum += (diff * diff - mean[a] * mean[a]) * inverse[a];
      }
      out[i * k + j] = sum;
    }
  }
}
