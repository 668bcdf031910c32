package dev.sparkem.mixture.gaussian;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The matrix–matrix kernels of full (and tied) covariances above {@link #loopMaxDimension}
 * dimensions, for a panel of rows of a dense row-major block: the whitened squared norms
 * ‖L⁻¹(x_i − μ)‖² of every row for one component, and the weighted scatter
 * Σ_i r_i·(x_i − c)(x_i − c)ᵀ. Two implementations of the same arithmetic, in the form each kind
 * of BLAS runs fastest (measured in docs/PERFORMANCE.md); {@link #DEFAULT} is chosen once from the
 * BLAS that netlib picked. Up to {@link #loopMaxDimension} dimensions the callers use plain loops
 * instead, where a BLAS call per panel and component costs more than it saves.
 */
enum Level3Kernel {
  /**
   * The triangular routines: {@code dtrmm} by L⁻¹ in place on the centred rows, and {@code dsyrk}
   * for the lower triangle of the scatter — half the flops of {@code dgemm}; OpenBLAS runs them
   * at 55–70% of its {@code dgemm} rate at these shapes, so they take 1.3–1.6× less time.
   */
  TRIANGULAR(4) {
    @Override
    void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
        double[] inverseLower, double[] scratch, double[] out, int k, int component) {
      centre(x, start, rows, d, mean, scratch);
      BLAS.getInstance().dtrmm("L", "L", "N", "N", d, rows, 1.0, inverseLower, d, scratch, d);
      for (int i = 0; i < rows; i++) {
        out[(start + i) * k + component] = rowSquaredNorm(scratch, i * d, d);
      }
    }

    @Override
    void scatter(double[] x, int[] rowIndex, int rows, int d, double[] centre, double[] roots,
        double[] scratch, double[] firstMoments, int firstOffset, double[] secondMoments,
        int secondOffset) {
      for (int i = 0; i < rows; i++) {
        int row = rowIndex[i] * d;
        double root = roots[i];
        for (int a = 0; a < d; a++) {
          scratch[i * d + a] = root * (x[row + a] - centre[a]);
        }
      }
      BLAS blas = BLAS.getInstance();
      blas.dgemv("N", d, rows, 1.0, scratch, 0, d, roots, 0, 1, 1.0, firstMoments, firstOffset,
          1);
      blas.dsyrk("L", "N", d, rows, 1.0, scratch, 0, d, 1.0, secondMoments, secondOffset, d);
    }
  },

  /**
   * {@code dgemm} only, in its "T","N" orientation (dot products along contiguous arrays), the
   * fastest level-3 routine of netlib's Java BLAS, whose triangular routines are reference loops
   * several times slower: whitening writes the rows feature-major (rows×d column-major), and the
   * scatter multiplies the feature-major scaled rows by themselves.
   */
  GENERAL(16) {
    @Override
    void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
        double[] inverseLower, double[] scratch, double[] out, int k, int component) {
      centre(x, start, rows, d, mean, scratch);
      int transposed = 2 * rows * d;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          scratch[transposed + a * d + b] = inverseLower[b * d + a];
        }
      }
      int whitened = rows * d;
      BLAS.getInstance().dgemm("T", "N", rows, d, d, 1.0, scratch, 0, d, scratch, transposed, d,
          0.0, scratch, whitened, rows);
      for (int i = 0; i < rows; i++) {
        out[(start + i) * k + component] = 0.0;
      }
      for (int a = 0; a < d; a++) {
        int column = whitened + a * rows;
        for (int i = 0; i < rows; i++) {
          double z = scratch[column + i];
          out[(start + i) * k + component] += z * z;
        }
      }
    }

    @Override
    void scatter(double[] x, int[] rowIndex, int rows, int d, double[] centre, double[] roots,
        double[] scratch, double[] firstMoments, int firstOffset, double[] secondMoments,
        int secondOffset) {
      for (int a = 0; a < d; a++) {
        double c = centre[a];
        int column = a * rows;
        for (int i = 0; i < rows; i++) {
          scratch[column + i] = roots[i] * (x[rowIndex[i] * d + a] - c);
        }
      }
      BLAS blas = BLAS.getInstance();
      blas.dgemv("T", rows, d, 1.0, scratch, 0, rows, roots, 0, 1, 1.0, firstMoments,
          firstOffset, 1);
      blas.dgemm("T", "N", d, d, rows, 1.0, scratch, 0, rows, scratch, 0, rows, 1.0,
          secondMoments, secondOffset, d);
    }
  };

  private final int loopMaxDimension;

  Level3Kernel(int loopMaxDimension) {
    this.loopMaxDimension = loopMaxDimension;
  }

  /**
   * The largest dimension for which plain loops beat this kernel (measured on a 2-core AVX-512
   * machine, docs/PERFORMANCE.md): 4 with a native BLAS, 16 with netlib's Java one.
   */
  int loopMaxDimension() {
    return loopMaxDimension;
  }

  /** {@link #TRIANGULAR} where netlib found a native BLAS, else {@link #GENERAL}. */
  static final Level3Kernel DEFAULT =
      BLAS.getInstance() instanceof NativeBLAS ? TRIANGULAR : GENERAL;

  /**
   * About this many values of a block are worked on at a time (256 KiB of rows, and as much
   * again of scratch), so that a panel of rows stays in cache while every component reads it.
   */
  private static final int PANEL_VALUES = 1 << 15;

  /** Rows of d values per panel: at least 64, so that each BLAS call has work to amortise. */
  static int panelRows(int d) {
    return Math.max(64, PANEL_VALUES / d);
  }

  /** Scratch values the two methods need for a panel of {@code rows} rows of d values. */
  static int scratchValues(int rows, int d) {
    return 2 * rows * d + d * d;
  }

  /**
   * Writes ‖L⁻¹(x_i − μ)‖² of rows start..start+rows of row-major {@code x} (d values per row) to
   * {@code out[i·k + component]}, with {@code inverseLower} = L⁻¹ column-major d×d and
   * {@code scratch} of {@link #scratchValues} (overwritten).
   */
  abstract void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
      double[] inverseLower, double[] scratch, double[] out, int k, int component);

  /**
   * For the rows {@code rowIndex[0..rows)} of row-major {@code x} (at most a panel of them) with
   * weights r_i = {@code roots[i]}²: adds Σ_i r_i·(x_i − c) to the d first moments at
   * {@code firstOffset} and at least the lower
   * triangle of Σ_i r_i·(x_i − c)(x_i − c)ᵀ to the column-major d×d matrix at
   * {@code secondOffset}; {@code scratch} holds {@link #scratchValues} (overwritten).
   */
  abstract void scatter(double[] x, int[] rowIndex, int rows, int d, double[] centre,
      double[] roots, double[] scratch, double[] firstMoments, int firstOffset,
      double[] secondMoments, int secondOffset);

  /**
   * Rows start..start+rows of row-major {@code x} minus {@code mean}, row-major, into
   * {@code into}.
   */
  private static void centre(double[] x, int start, int rows, int d, double[] mean,
      double[] into) {
    for (int i = 0; i < rows; i++) {
      int row = (start + i) * d;
      for (int a = 0; a < d; a++) {
        into[i * d + a] = x[row + a] - mean[a];
      }
    }
  }

  /** Σ v[offset..offset+d)², in four independent sums (a single chain waits on each add). */
  private static double rowSquaredNorm(double[] v, int offset, int d) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int a = offset;
    int end = offset + d;
    for (; a + 3 < end; a += 4) {
      s0 += v[a] * v[a];
      s1 += v[a + 1] * v[a + 1];
      s2 += v[a + 2] * v[a + 2];
      s3 += v[a + 3] * v[a + 3];
    }
    for (; a < end; a++) {
      s0 += v[a] * v[a];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
