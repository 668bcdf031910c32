package dev.sparkem.mixture.gaussian;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The matrix–matrix kernels of full (and tied) covariances above {@link #loopMaxDimension}
 * dimensions, for a panel of rows of a dense row-major block: the whitened squared norms
 * ‖L⁻¹(x_i − μ)‖² of every row for one component, and the weighted scatter
 * Σ_i r_i·(x_i − c)(x_i − c)ᵀ. Three implementations of the same arithmetic, each in the form it
 * runs fastest (measured in docs/PERFORMANCE.md): two through a BLAS, one in the SIMD lanes of the
 * Java Vector API. {@link #forDimension} picks one from the dimension, the BLAS that netlib picked
 * and whether the Vector API module is present. Up to {@link #loopMaxDimension} dimensions the
 * callers use plain loops instead, where a call per panel and component costs more than it saves.
 *
 * <p>Use: one {@link #workspace} per block; per panel of at most {@link #panelRows} rows,
 * {@link #loadPanel} once, then {@link #whitenedNorms} or {@link #scatter} per component.
 */
enum Level3Kernel {
  /**
   * The triangular routines: {@code dtrmm} by L⁻¹ in place on the centred rows, and {@code dsyrk}
   * for the lower triangle of the scatter — half the flops of {@code dgemm}; OpenBLAS runs them
   * at 55–70% of its {@code dgemm} rate at these shapes, so they take 1.3–1.6× less time. Rows
   * of zero responsibility are left out of the scatter.
   */
  TRIANGULAR(4) {
    @Override
    void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
        double[] inverseLower, Workspace work, double[] out, int k, int component) {
      double[] scratch = work.scratch;
      centre(x, start, rows, d, mean, scratch);
      BLAS.getInstance().dtrmm("L", "L", "N", "N", d, rows, 1.0, inverseLower, d, scratch, d);
      for (int i = 0; i < rows; i++) {
        out[(start + i) * k + component] = rowSquaredNorm(scratch, i * d, d);
      }
    }

    @Override
    double scatter(double[] x, int start, int rows, int d, double[] responsibilities, int k,
        int component, double[] centre, Workspace work, double[] firstMoments, int firstOffset,
        double[] secondMoments, int secondOffset) {
      double total = gatherPositive(responsibilities, start, rows, k, component, work);
      int gathered = work.gathered;
      if (gathered == 0) {
        return total;
      }
      double[] scratch = work.scratch;
      for (int i = 0; i < gathered; i++) {
        int row = work.rowIndex[i] * d;
        double root = work.rowValues[i];
        for (int a = 0; a < d; a++) {
          scratch[i * d + a] = root * (x[row + a] - centre[a]);
        }
      }
      BLAS blas = BLAS.getInstance();
      blas.dgemv("N", d, gathered, 1.0, scratch, 0, d, work.rowValues, 0, 1, 1.0, firstMoments,
          firstOffset, 1);
      blas.dsyrk("L", "N", d, gathered, 1.0, scratch, 0, d, 1.0, secondMoments, secondOffset, d);
      return total;
    }
  },

  /**
   * {@code dgemm} only, in its "T","N" orientation (dot products along contiguous arrays), the
   * fastest level-3 routine of netlib's Java BLAS, whose triangular routines are reference loops
   * several times slower: whitening writes the rows feature-major (rows×d column-major), and the
   * scatter multiplies the feature-major scaled rows by themselves. Rows of zero responsibility
   * are left out of the scatter.
   */
  GENERAL(16) {
    @Override
    void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
        double[] inverseLower, Workspace work, double[] out, int k, int component) {
      double[] scratch = work.scratch;
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
    double scatter(double[] x, int start, int rows, int d, double[] responsibilities, int k,
        int component, double[] centre, Workspace work, double[] firstMoments, int firstOffset,
        double[] secondMoments, int secondOffset) {
      double total = gatherPositive(responsibilities, start, rows, k, component, work);
      int gathered = work.gathered;
      if (gathered == 0) {
        return total;
      }
      double[] scratch = work.scratch;
      for (int a = 0; a < d; a++) {
        double c = centre[a];
        int column = a * gathered;
        for (int i = 0; i < gathered; i++) {
          scratch[column + i] = work.rowValues[i] * (x[work.rowIndex[i] * d + a] - c);
        }
      }
      BLAS blas = BLAS.getInstance();
      blas.dgemv("T", gathered, d, 1.0, scratch, 0, gathered, work.rowValues, 0, 1, 1.0,
          firstMoments, firstOffset, 1);
      blas.dgemm("T", "N", d, d, gathered, 1.0, scratch, 0, gathered, scratch, 0, gathered, 1.0,
          secondMoments, secondOffset, d);
      return total;
    }
  },

  /**
   * Rows in the SIMD lanes of the Java Vector API ({@link VectorLanes}): each panel is transposed
   * once to feature-major order, then whitening and scatter are multiply-adds of whole vectors,
   * {@link VectorLanes#LANES} rows at a time, with no BLAS call. Rows of zero responsibility are
   * left out of the scatter where they are at least half the panel, else take part with weight 0
   * (which adds exactly 0).
   */
  LANES(0) {
    @Override
    int panelRows(int d) {
      return VectorLanes.paddedRows(Math.max(1, LANES_PANEL_VALUES / d));
    }

    @Override
    Workspace workspace(int rows, int d) {
      int padded = VectorLanes.paddedRows(rows);
      int stride = VectorLanes.stride(padded);
      return new Workspace(stride, d * stride, d * stride, d * stride, stride, stride);
    }

    @Override
    void loadPanel(double[] x, int start, int rows, int d, Workspace work) {
      VectorLanes.transpose(x, start, rows, d, work.panel, work.stride);
    }

    @Override
    void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
        double[] inverseLower, Workspace work, double[] out, int k, int component) {
      double[] norms = work.rowValues;
      VectorLanes.whitenedNorms(work.panel, VectorLanes.paddedRows(rows), work.stride, d, mean,
          inverseLower, work.scratch, norms);
      for (int i = 0; i < rows; i++) {
        out[(start + i) * k + component] = norms[i];
      }
    }

    @Override
    double scatter(double[] x, int start, int rows, int d, double[] responsibilities, int k,
        int component, double[] centre, Workspace work, double[] firstMoments, int firstOffset,
        double[] secondMoments, int secondOffset) {
      double[] weights = work.rowValues;
      double total = 0.0;
      int count = 0;
      for (int i = 0; i < rows; i++) {
        double r = responsibilities[(start + i) * k + component];
        weights[i] = r;
        if (r != 0.0) {
          total += r;
          work.rowIndex[count++] = i;
        }
      }
      if (count > 0) {
        VectorLanes.scatter(work.panel, rows, work.stride, d, centre, weights, work.rowIndex,
            count, work.scratch, work.weighted, firstMoments, firstOffset, secondMoments,
            secondOffset);
      }
      return total;
    }
  };

  private final int loopMaxDimension;

  Level3Kernel(int loopMaxDimension) {
    this.loopMaxDimension = loopMaxDimension;
  }

  /**
   * The largest dimension for which plain loops beat this kernel (measured on a 2-core AVX-512
   * machine, docs/PERFORMANCE.md): 4 with a native BLAS, 16 with netlib's Java BLAS, none with
   * {@link #LANES} (faster than the loops from d = 1).
   */
  int loopMaxDimension() {
    return loopMaxDimension;
  }

  /** {@link #TRIANGULAR} where netlib found a native BLAS, else {@link #GENERAL}. */
  static final Level3Kernel BLAS_KERNEL =
      BLAS.getInstance() instanceof NativeBLAS ? TRIANGULAR : GENERAL;

  /**
   * Whether {@link #LANES} can run: the {@code jdk.incubator.vector} module is in the JVM (the
   * launchers add it; a JVM started without {@code --add-modules jdk.incubator.vector} falls
   * back to the BLAS kernels) and its vectors hold at least 4 doubles (AVX2 or wider).
   */
  static final boolean LANES_AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && VectorLanes.LANES >= 4;

  /**
   * The largest dimension at which {@link #LANES} is used rather than {@link #BLAS_KERNEL}
   * (docs/PERFORMANCE.md): against OpenBLAS's triangular routines the lanes were faster at
   * d = 100 and as fast at d = 150 and 200 in whole fits; against netlib's Java BLAS they were
   * faster at every dimension measured (up to 1000).
   */
  static final int LANES_MAX_DIMENSION = BLAS_KERNEL == TRIANGULAR ? 128 : Integer.MAX_VALUE;

  /** The kernel for rows of d values: {@link #LANES} where it runs and is faster, else BLAS. */
  static Level3Kernel forDimension(int d) {
    return LANES_AVAILABLE && d <= LANES_MAX_DIMENSION ? LANES : BLAS_KERNEL;
  }

  /**
   * About this many values of a block are worked on at a time by the BLAS kernels (256 KiB of
   * rows, and as much again of scratch), so that a panel of rows stays in cache while every
   * component reads it.
   */
  private static final int PANEL_VALUES = 1 << 15;

  /**
   * As {@link #PANEL_VALUES} for {@link #LANES}, whose panel, centred and weighted copies are read
   * together (128 KiB each).
   */
  private static final int LANES_PANEL_VALUES = 1 << 14;

  /**
   * Rows of d values per panel: for the BLAS kernels at least 64, so that each call has work to
   * amortise.
   */
  int panelRows(int d) {
    return Math.max(64, PANEL_VALUES / d);
  }

  /** Reusable arrays for panels of up to {@code rows} rows of d values. */
  Workspace workspace(int rows, int d) {
    return new Workspace(rows, 2 * rows * d + d * d, 0, 0, rows, rows);
  }

  /** Prepares rows start..start+rows of {@code x} for the calls that follow (LANES transposes). */
  void loadPanel(double[] x, int start, int rows, int d, Workspace work) {}

  /**
   * Writes ‖L⁻¹(x_i − μ)‖² of rows start..start+rows of row-major {@code x} (d values per row) to
   * {@code out[i·k + component]}, with {@code inverseLower} = L⁻¹ column-major d×d; the panel
   * must have been {@link #loadPanel loaded} into {@code work}.
   */
  abstract void whitenedNorms(double[] x, int start, int rows, int d, double[] mean,
      double[] inverseLower, Workspace work, double[] out, int k, int component);

  /**
   * For rows start..start+rows of row-major {@code x} (a {@link #loadPanel loaded} panel) with
   * weights r_i = {@code responsibilities[i·k + component]} ≥ 0: adds Σ_i r_i·(x_i − c) to the d
   * first moments at {@code firstOffset} and at least the lower triangle of
   * Σ_i r_i·(x_i − c)(x_i − c)ᵀ to the column-major d×d matrix at {@code secondOffset}.
   *
   * @return Σ_i r_i
   */
  abstract double scatter(double[] x, int start, int rows, int d, double[] responsibilities,
      int k, int component, double[] centre, Workspace work, double[] firstMoments,
      int firstOffset, double[] secondMoments, int secondOffset);

  /**
   * The arrays one block's panels reuse; which ones a kernel fills (and how long they are)
   * is its own business ({@link #workspace}).
   */
  static final class Workspace {
    /** Values between two features of the {@link #LANES} panel. */
    final int stride;
    /** Centred (and whitened) rows. */
    final double[] scratch;
    /** The loaded panel, feature-major ({@link #LANES}). */
    final double[] panel;
    /** Weighted centred rows ({@link #LANES}). */
    final double[] weighted;
    /** One value per row: √r of gathered rows, or weights and norms. */
    final double[] rowValues;
    /** Block rows of the gathered rows. */
    final int[] rowIndex;
    /** How many rows the last gather kept. */
    int gathered;

    Workspace(int stride, int scratch, int panel, int weighted, int rowValues, int rowIndex) {
      this.stride = stride;
      this.scratch = new double[scratch];
      this.panel = new double[panel];
      this.weighted = new double[weighted];
      this.rowValues = new double[rowValues];
      this.rowIndex = new int[rowIndex];
    }
  }

  /**
   * The rows of the panel with positive responsibility for {@code component}: their block rows
   * into {@code work.rowIndex}, √r into {@code work.rowValues}, their count into
   * {@code work.gathered}; returns Σ r.
   */
  private static double gatherPositive(double[] responsibilities, int start, int rows, int k,
      int component, Workspace work) {
    double total = 0.0;
    int gathered = 0;
    for (int i = start; i < start + rows; i++) {
      double r = responsibilities[i * k + component];
      if (r != 0.0) {
        total += r;
        work.rowValues[gathered] = Math.sqrt(r);
        work.rowIndex[gathered++] = i;
      }
    }
    work.gathered = gathered;
    return total;
  }

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
