package dev.sparkem.linalg;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.BruteForce;
import dev.sparkem.testing.Samples;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L·Lᵀ = A, log det A and L⁻¹·b against plain loops; rejection of what is not SPD. */
class CholeskyFactorTest {
  private static final double TOLERANCE = 1e-12;

  @ParameterizedTest(name = "d={0}")
  @ValueSource(ints = {1, 2, 3, 6, 11})
  void factorReproducesMatrixAndDeterminant(int d) {
    Random random = new Random(d);
    double[][] a = Samples.randomSpd(random, d, 2.0);
    double[] flat = BruteForce.columnMajor(a);
    CholeskyFactor factor = CholeskyFactor.of(flat, d);
    double[][] l = BruteForce.fromColumnMajor(factor.lower(), d);
    for (int r = 0; r < d; r++) {
      assertTrue(l[r][r] > 0, "positive diagonal");
      for (int c = r + 1; c < d; c++) {
        assertEquals(0.0, l[r][c], "upper triangle of L");
      }
    }
    assertClose(a, BruteForce.multiply(l, BruteForce.transpose(l)), TOLERANCE, "L·Lᵀ");
    assertRelative(Math.log(BruteForce.determinant(a)), factor.logDeterminant(), TOLERANCE,
        "log det");
    assertEquals(d, factor.dimension());
    assertClose(BruteForce.columnMajor(a), flat, 0.0, "the input is not modified");
  }

  @Test
  void onlyTheLowerTriangleIsRead() {
    double[] a = {4, 2, Double.NaN, 3};
    CholeskyFactor factor = CholeskyFactor.of(a, 2);
    assertClose(new double[] {2, 1, 0, Math.sqrt(2)}, factor.lower(), TOLERANCE, "L");
    assertRelative(Math.log(8), factor.logDeterminant(), TOLERANCE, "log det");
  }

  @ParameterizedTest(name = "d={0}")
  @ValueSource(ints = {1, 4, 9})
  void solveLowerMatchesForwardSubstitution(int d) {
    Random random = new Random(100 + d);
    CholeskyFactor factor = CholeskyFactor.of(
        BruteForce.columnMajor(Samples.randomSpd(random, d, 1.0)), d);
    double[][] l = BruteForce.fromColumnMajor(factor.lower(), d);
    int n = 13;
    double[] b = Samples.uniform(random, n * d, -5, 5);
    double[] expected = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < d; r++) {
        double v = b[i * d + r];
        for (int c = 0; c < r; c++) {
          v -= l[r][c] * expected[i * d + c];
        }
        expected[i * d + r] = v / l[r][r];
      }
    }
    factor.solveLowerInPlace(b, n);
    assertClose(expected, b, TOLERANCE, "L⁻¹·b");
    factor.solveLowerInPlace(new double[0], 0);
  }

  @Test
  void notPositiveDefiniteNamesTheMinor() {
    NotPositiveDefiniteException indefinite = assertThrows(NotPositiveDefiniteException.class,
        () -> CholeskyFactor.of(new double[] {1, 2, 2, 1}, 2));
    assertEquals(1, indefinite.failedPivot());
    assertTrue(indefinite.getMessage().contains("leading minor of order 2"),
        indefinite.getMessage());
    NotPositiveDefiniteException zero = assertThrows(NotPositiveDefiniteException.class,
        () -> CholeskyFactor.of(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 1}, 3));
    assertEquals(0, zero.failedPivot());
    NotPositiveDefiniteException singular = assertThrows(NotPositiveDefiniteException.class,
        () -> CholeskyFactor.of(new double[] {1, 1, 1, 1}, 2));
    assertEquals(1, singular.failedPivot());
  }

  @Test
  void nonFiniteEntryNamesTheEntry() {
    NotPositiveDefiniteException nan = assertThrows(NotPositiveDefiniteException.class,
        () -> CholeskyFactor.of(new double[] {1, Double.NaN, 0, 1}, 2));
    assertEquals(-1, nan.failedPivot());
    assertTrue(nan.getMessage().contains("(1,0) is NaN"), nan.getMessage());
    NotPositiveDefiniteException inf = assertThrows(NotPositiveDefiniteException.class,
        () -> CholeskyFactor.of(new double[] {1, 0, 0, Double.POSITIVE_INFINITY}, 2));
    assertTrue(inf.getMessage().contains("(1,1) is Infinity"), inf.getMessage());
  }

  @Test
  void wrongLengthIsTheCallersMistake() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CholeskyFactor.of(new double[5], 2));
    assertTrue(e.getMessage().contains("5 entries, expected 2x2"), e.getMessage());
  }
}
