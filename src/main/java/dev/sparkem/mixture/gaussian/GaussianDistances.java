package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;

/** Squared Mahalanobis distances (x − μ_j)ᵀ Σ_j⁻¹ (x − μ_j) of a block's rows to one component. */
final class GaussianDistances {
  private GaussianDistances() {}

  /**
   * Writes the n distances of the rows of {@code block} to component j of {@code p} into
   * {@code out}. Full and tied covariances need a dense block.
   */
  static void squaredMahalanobis(GaussianMixtureParameters p, RowBlock block, int j,
      double[] out) {
    switch (p.covarianceType()) {
      case FULL, TIED -> whitened(p, block, j, out);
      case DIAG, SPHERICAL -> {
        if (block.isSparse()) {
          diagonalSparse(p, block, j, out);
        } else {
          diagonalDense(p, block, j, out);
        }
      }
    }
  }

  /** ‖L_j⁻¹(x − μ_j)‖²: one triangular solve over the whole block. */
  private static void whitened(GaussianMixtureParameters p, RowBlock block, int j, double[] out) {
    int n = block.rows();
    int d = block.dimension();
    double[] x = block.denseValues();
    double[] mean = p.mean(j);
    double[] z = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        z[i * d + a] = x[i * d + a] - mean[a];
      }
    }
    p.factor(j).solveLowerInPlace(z, n);
    for (int i = 0; i < n; i++) {
      double sum = 0.0;
      for (int a = i * d; a < (i + 1) * d; a++) {
        sum += z[a] * z[a];
      }
      out[i] = sum;
    }
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
    double[] x = block.denseValues();
    double[] mean = p.mean(j);
    double[] inverse = inverseVariances(p, j, d);
    for (int i = 0; i < block.rows(); i++) {
      double sum = 0.0;
      for (int a = 0; a < d; a++) {
        double diff = x[i * d + a] - mean[a];
        sum += diff * diff * inverse[a];
      }
      out[i] = sum;
    }
  }

  /** Σ_a μ_a²/σ_a² for all coordinates, corrected on each row's non-zeros: O(nnz + d). */
  private static void diagonalSparse(GaussianMixtureParameters p, RowBlock block, int j,
      double[] out) {
    int d = block.dimension();
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
      out[i] = sum;
    }
  }
}
