package dev.sparkem.testing;

import java.util.Random;

/** Seeded random test data: matrices and samples of Gaussian mixtures. */
public final class Samples {
  private Samples() {}

  /** B·Bᵀ + I with B uniform in [−scale, scale]: symmetric, eigenvalues ≥ 1, so log det ≥ 0. */
  public static double[][] randomSpd(Random random, int d, double scale) {
    double[][] b = new double[d][d];
    for (double[] row : b) {
      for (int c = 0; c < d; c++) {
        row[c] = scale * (2 * random.nextDouble() - 1);
      }
    }
    double[][] a = BruteForce.multiply(b, BruteForce.transpose(b));
    for (int r = 0; r < d; r++) {
      a[r][r] += 1.0;
      for (int c = 0; c < r; c++) {
        a[c][r] = a[r][c];
      }
    }
    return a;
  }

  /**
   * n rows, row i drawn from component i mod k: means[j] + A_j·z with z standard normal and A_j
   * uniform in [−spread, spread] (a correlated Gaussian per component).
   */
  public static double[][] mixture(Random random, int n, double[][] means, double spread) {
    int k = means.length;
    int d = means[0].length;
    double[][][] shapes = new double[k][d][d];
    for (double[][] shape : shapes) {
      for (double[] row : shape) {
        for (int c = 0; c < d; c++) {
          row[c] = spread * (2 * random.nextDouble() - 1);
        }
      }
    }
    double[][] rows = new double[n][d];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      int j = i % k;
      for (int a = 0; a < d; a++) {
        z[a] = random.nextGaussian();
      }
      for (int a = 0; a < d; a++) {
        double v = means[j][a];
        for (int b = 0; b < d; b++) {
          v += shapes[j][a][b] * z[b];
        }
        rows[i][a] = v;
      }
    }
    return rows;
  }

  /** {@code count} values uniform in [lo, hi). */
  public static double[] uniform(Random random, int count, double lo, double hi) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return v;
  }
}
