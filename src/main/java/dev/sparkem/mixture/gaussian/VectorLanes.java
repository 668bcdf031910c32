package dev.sparkem.mixture.gaussian;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic of {@link Level3Kernel#LANES}: full-covariance whitening and scatter with rows in
 * the SIMD lanes of the Java Vector API ({@code jdk.incubator.vector}). A panel of rows is
 * transposed once to feature-major order, so that one vector holds one feature of
 * {@link #LANES} consecutive rows; every product is then a fused multiply-add of whole vectors,
 * tiled so that several independent sums are in flight at once (one chain would wait on each
 * add). This class is only loaded when the module is present ({@link Level3Kernel#forDimension}).
 */
final class VectorLanes {
  private VectorLanes() {}

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** Doubles per vector: 8 with AVX-512, 4 with AVX2, 2 with 128-bit vectors. */
  static final int LANES = SPECIES.length();

  /** Rows whitened together: four vectors, four independent chains of multiply-adds. */
  static final int ROW_GROUP = 4 * LANES;

  /** {@code rows} rounded up to a whole number of {@link #ROW_GROUP}s. */
  static int paddedRows(int rows) {
    return (rows + ROW_GROUP - 1) / ROW_GROUP * ROW_GROUP;
  }

  /**
   * The distance between two features of a feature-major panel of {@code paddedRows} rows: one
   * vector more, so that it is never a power of two (features a power-of-two apart in memory
   * fall into the same cache sets and evict each other: 1.5–2× slower at d = 16 and 64).
   */
  static int stride(int paddedRows) {
    return paddedRows + LANES;
  }

  /**
   * Rows start..start+rows of row-major {@code x} (d values per row) into {@code panel} feature
   * by feature, feature a of row i at {@code a·stride + i}; the rest of each feature's
   * {@code stride} values is set to 0.
   */
  static void transpose(double[] x, int start, int rows, int d, double[] panel, int stride) {
    for (int i = 0; i < rows; i++) {
      int row = (start + i) * d;
      for (int a = 0; a < d; a++) {
        panel[a * stride + i] = x[row + a];
      }
    }
    for (int a = 0; a < d; a++) {
      Arrays.fill(panel, a * stride + rows, (a + 1) * stride, 0.0);
    }
  }

  /**
   * ‖L⁻¹(x_i − μ)‖² of the first {@code rows} rows (a multiple of {@link #ROW_GROUP}) of the
   * feature-major {@code panel} into {@code norms[i]}, with {@code inverseLower} = L⁻¹
   * column-major d×d; {@code centred} (d·stride values) is overwritten.
   */
  static void whitenedNorms(double[] panel, int rows, int stride, int d, double[] mean,
      double[] inverseLower, double[] centred, double[] norms) {
    centre(panel, stride, d, mean, centred);
    int step = LANES;
    for (int r = 0; r < rows; r += ROW_GROUP) {
      DoubleVector q0 = DoubleVector.zero(SPECIES);
      DoubleVector q1 = q0;
      DoubleVector q2 = q0;
      DoubleVector q3 = q0;
      int a = 0;
      for (; a + 1 < d; a += 2) { // y_a and y_{a+1} together: each loaded feature used twice
        DoubleVector y0 = DoubleVector.zero(SPECIES);
        DoubleVector y1 = y0;
        DoubleVector y2 = y0;
        DoubleVector y3 = y0;
        DoubleVector z0 = y0;
        DoubleVector z1 = y0;
        DoubleVector z2 = y0;
        DoubleVector z3 = y0;
        for (int b = 0; b <= a; b++) {
          DoubleVector l = DoubleVector.broadcast(SPECIES, inverseLower[b * d + a]);
          DoubleVector m = DoubleVector.broadcast(SPECIES, inverseLower[b * d + a + 1]);
          int at = b * stride + r;
          DoubleVector c0 = DoubleVector.fromArray(SPECIES, centred, at);
          DoubleVector c1 = DoubleVector.fromArray(SPECIES, centred, at + step);
          DoubleVector c2 = DoubleVector.fromArray(SPECIES, centred, at + 2 * step);
          DoubleVector c3 = DoubleVector.fromArray(SPECIES, centred, at + 3 * step);
          y0 = c0.fma(l, y0);
          y1 = c1.fma(l, y1);
          y2 = c2.fma(l, y2);
          y3 = c3.fma(l, y3);
          z0 = c0.fma(m, z0);
          z1 = c1.fma(m, z1);
          z2 = c2.fma(m, z2);
          z3 = c3.fma(m, z3);
        }
        DoubleVector m = DoubleVector.broadcast(SPECIES, inverseLower[(a + 1) * d + a + 1]);
        int at = (a + 1) * stride + r;
        z0 = DoubleVector.fromArray(SPECIES, centred, at).fma(m, z0);
        z1 = DoubleVector.fromArray(SPECIES, centred, at + step).fma(m, z1);
        z2 = DoubleVector.fromArray(SPECIES, centred, at + 2 * step).fma(m, z2);
        z3 = DoubleVector.fromArray(SPECIES, centred, at + 3 * step).fma(m, z3);
        q0 = z0.fma(z0, y0.fma(y0, q0));
        q1 = z1.fma(z1, y1.fma(y1, q1));
        q2 = z2.fma(z2, y2.fma(y2, q2));
        q3 = z3.fma(z3, y3.fma(y3, q3));
      }
      if (a < d) { // the last feature of an odd d
        DoubleVector y0 = DoubleVector.zero(SPECIES);
        DoubleVector y1 = y0;
        DoubleVector y2 = y0;
        DoubleVector y3 = y0;
        for (int b = 0; b <= a; b++) {
          DoubleVector l = DoubleVector.broadcast(SPECIES, inverseLower[b * d + a]);
          int at = b * stride + r;
          y0 = DoubleVector.fromArray(SPECIES, centred, at).fma(l, y0);
          y1 = DoubleVector.fromArray(SPECIES, centred, at + step).fma(l, y1);
          y2 = DoubleVector.fromArray(SPECIES, centred, at + 2 * step).fma(l, y2);
          y3 = DoubleVector.fromArray(SPECIES, centred, at + 3 * step).fma(l, y3);
        }
        q0 = y0.fma(y0, q0);
        q1 = y1.fma(y1, q1);
        q2 = y2.fma(y2, q2);
        q3 = y3.fma(y3, q3);
      }
      q0.intoArray(norms, r);
      q1.intoArray(norms, r + step);
      q2.intoArray(norms, r + 2 * step);
      q3.intoArray(norms, r + 3 * step);
    }
  }

  /**
   * For the {@code rows} rows of the feature-major {@code panel} with weights {@code weights[i]}
   * (≥ 0, row order), of which {@code kept[0..count)} are the rows of positive weight: adds
   * Σ_i w_i·(x_i − c) to the d first moments at {@code firstOffset} and at least the lower
   * triangle of Σ_i w_i·(x_i − c)(x_i − c)ᵀ to the column-major d×d matrix at
   * {@code secondOffset} (tiles on the diagonal also add some entries above it). When at most
   * half the rows are kept (components far apart: most posteriors underflow to 0) only those are
   * gathered and multiplied; otherwise every row is, the others with weight 0. {@code weights}
   * (up to {@code stride} values), {@code centred} and {@code weighted} (d·stride values each) are
   * overwritten.
   */
  static void scatter(double[] panel, int rows, int stride, int d, double[] c, double[] weights,
      int[] kept, int count, double[] centred, double[] weighted, double[] firstMoments,
      int firstOffset, double[] secondMoments, int secondOffset) {
    int used;
    if (2 * count > rows) {
      used = paddedRows(rows);
      Arrays.fill(weights, rows, used, 0.0);
      centre(panel, stride, d, c, centred);
      for (int a = 0; a < d; a++) {
        int column = a * stride;
        for (int r = 0; r < used; r += LANES) {
          DoubleVector.fromArray(SPECIES, weights, r)
              .mul(DoubleVector.fromArray(SPECIES, centred, column + r))
              .intoArray(weighted, column + r);
        }
      }
    } else {
      used = paddedRows(count);
      for (int a = 0; a < d; a++) {
        int column = a * stride;
        double ca = c[a];
        for (int i = 0; i < count; i++) {
          int row = kept[i];
          double v = panel[column + row] - ca;
          centred[column + i] = v;
          weighted[column + i] = weights[row] * v;
        }
        Arrays.fill(centred, column + count, column + used, 0.0);
        Arrays.fill(weighted, column + count, column + used, 0.0);
      }
    }
    accumulate(centred, weighted, used, stride, d, firstMoments, firstOffset, secondMoments,
        secondOffset);
  }

  /**
   * The sums of {@link #scatter} over the first {@code rows} rows (a multiple of
   * {@link #ROW_GROUP}) of {@code centred} (x − c) and {@code weighted} (w·(x − c)),
   * feature-major.
   */
  private static void accumulate(double[] centred, double[] weighted, int rows, int stride,
      int d, double[] firstMoments, int firstOffset, double[] secondMoments, int secondOffset) {
    for (int a = 0; a < d; a++) {
      int column = a * stride;
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int r = 0; r < rows; r += LANES) {
        sum = sum.add(DoubleVector.fromArray(SPECIES, weighted, column + r));
      }
      firstMoments[firstOffset + a] += sum.reduceLanes(VectorOperators.ADD);
    }
    int a = 0;
    for (; a + 1 < d; a += 2) { // features a and a+1 together: each loaded column used twice
      int first = a * stride;
      int second = first + stride;
      int b = 0;
      for (; b + 3 <= a + 1; b += 4) {
        int c0 = b * stride;
        int c1 = c0 + stride;
        int c2 = c1 + stride;
        int c3 = c2 + stride;
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        DoubleVector t0 = s0;
        DoubleVector t1 = s0;
        DoubleVector t2 = s0;
        DoubleVector t3 = s0;
        for (int r = 0; r < rows; r += LANES) {
          DoubleVector u = DoubleVector.fromArray(SPECIES, weighted, first + r);
          DoubleVector v = DoubleVector.fromArray(SPECIES, weighted, second + r);
          DoubleVector x0 = DoubleVector.fromArray(SPECIES, centred, c0 + r);
          DoubleVector x1 = DoubleVector.fromArray(SPECIES, centred, c1 + r);
          DoubleVector x2 = DoubleVector.fromArray(SPECIES, centred, c2 + r);
          DoubleVector x3 = DoubleVector.fromArray(SPECIES, centred, c3 + r);
          s0 = u.fma(x0, s0);
          s1 = u.fma(x1, s1);
          s2 = u.fma(x2, s2);
          s3 = u.fma(x3, s3);
          t0 = v.fma(x0, t0);
          t1 = v.fma(x1, t1);
          t2 = v.fma(x2, t2);
          t3 = v.fma(x3, t3);
        }
        int at = secondOffset + b * d + a; // (a, b); (a, a+1) lands above the diagonal
        secondMoments[at] += s0.reduceLanes(VectorOperators.ADD);
        secondMoments[at + d] += s1.reduceLanes(VectorOperators.ADD);
        secondMoments[at + 2 * d] += s2.reduceLanes(VectorOperators.ADD);
        secondMoments[at + 3 * d] += s3.reduceLanes(VectorOperators.ADD);
        secondMoments[at + 1] += t0.reduceLanes(VectorOperators.ADD);
        secondMoments[at + d + 1] += t1.reduceLanes(VectorOperators.ADD);
        secondMoments[at + 2 * d + 1] += t2.reduceLanes(VectorOperators.ADD);
        secondMoments[at + 3 * d + 1] += t3.reduceLanes(VectorOperators.ADD);
      }
      for (; b <= a + 1; b++) {
        int c0 = b * stride;
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector t0 = s0;
        for (int r = 0; r < rows; r += LANES) {
          DoubleVector x0 = DoubleVector.fromArray(SPECIES, centred, c0 + r);
          s0 = DoubleVector.fromArray(SPECIES, weighted, first + r).fma(x0, s0);
          t0 = DoubleVector.fromArray(SPECIES, weighted, second + r).fma(x0, t0);
        }
        secondMoments[secondOffset + b * d + a] += s0.reduceLanes(VectorOperators.ADD);
        secondMoments[secondOffset + b * d + a + 1] += t0.reduceLanes(VectorOperators.ADD);
      }
    }
    if (a < d) { // the last feature of an odd d
      int first = a * stride;
      for (int b = 0; b <= a; b++) {
        int c0 = b * stride;
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        for (int r = 0; r < rows; r += 2 * LANES) {
          s0 = DoubleVector.fromArray(SPECIES, weighted, first + r)
              .fma(DoubleVector.fromArray(SPECIES, centred, c0 + r), s0);
          s1 = DoubleVector.fromArray(SPECIES, weighted, first + r + LANES)
              .fma(DoubleVector.fromArray(SPECIES, centred, c0 + r + LANES), s1);
        }
        secondMoments[secondOffset + b * d + a] += s0.add(s1).reduceLanes(VectorOperators.ADD);
      }
    }
  }

  /** {@code into} = {@code panel} minus {@code mean}, feature by feature (d·stride values). */
  private static void centre(double[] panel, int stride, int d, double[] mean, double[] into) {
    for (int a = 0; a < d; a++) {
      DoubleVector m = DoubleVector.broadcast(SPECIES, mean[a]);
      int column = a * stride;
      for (int r = 0; r < stride; r += LANES) {
        DoubleVector.fromArray(SPECIES, panel, column + r).sub(m).intoArray(into, column + r);
      }
    }
  }
}
