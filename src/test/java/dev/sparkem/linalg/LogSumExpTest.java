package dev.sparkem.linalg;

import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.Samples;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** log Σ exp against the naive formula where it is safe, and exact answers where it is not. */
class LogSumExpTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static double naive(double[] v, int offset, int len) {
    double sum = 0.0;
    for (int j = offset; j < offset + len; j++) {
      sum += Math.exp(v[j]);
    }
    return Math.log(sum);
  }

  @Test
  void matchesNaiveFormulaOnSafeValues() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      double[] v = Samples.uniform(random, 1 + random.nextInt(12), -30, 30);
      int offset = random.nextInt(v.length);
      int len = 1 + random.nextInt(v.length - offset);
      assertRelative(naive(v, offset, len), LogSumExp.of(v, offset, len), 1e-14,
          "trial " + trial + " offset " + offset + " len " + len);
    }
  }

  @Test
  void readsOnlyTheGivenRange() {
    double[] v = {INF, Double.NaN, 1.0, 2.0, Double.NaN, -INF};
    assertRelative(naive(v, 2, 2), LogSumExp.of(v, 2, 2), 1e-15, "entries 2..3");
    assertEquals(2.0, LogSumExp.of(v, 3, 1), "one entry");
    assertEquals(-INF, LogSumExp.of(v, 2, 0), "no entries: log 0");
  }

  @Test
  void hugeAndTinyValuesNeitherOverflowNorUnderflow() {
    double ln2 = Math.log(2);
    assertEquals(1000 + ln2, LogSumExp.of(new double[] {1000, 1000}, 0, 2), 1e-12);
    assertEquals(-1000 + ln2, LogSumExp.of(new double[] {-1000, -1000}, 0, 2), 1e-12);
    assertEquals(1e300, LogSumExp.of(new double[] {1e300, 0.0}, 0, 2));
    assertEquals(-745.0 + Math.log1p(Math.exp(-1)),
        LogSumExp.of(new double[] {-746.0, -745.0}, 0, 2), 1e-12);
    assertEquals(800 + Math.log(3), LogSumExp.of(new double[] {800, 800, 800}, 0, 3), 1e-12);
    assertEquals(-2000.0, LogSumExp.of(new double[] {-2000, -INF, -1e300}, 0, 3));
  }

  @Test
  void infinitiesAndNaN() {
    assertEquals(-INF, LogSumExp.of(new double[] {-INF, -INF, -INF}, 0, 3));
    assertEquals(INF, LogSumExp.of(new double[] {1.0, INF, -INF}, 0, 3));
    assertEquals(3.5, LogSumExp.of(new double[] {-INF, 3.5}, 0, 2));
    assertTrue(Double.isNaN(LogSumExp.of(new double[] {1.0, Double.NaN, 2.0}, 0, 3)));
    assertTrue(Double.isNaN(LogSumExp.of(new double[] {INF, Double.NaN}, 0, 2)));
    assertTrue(Double.isNaN(LogSumExp.of(new double[] {-INF, Double.NaN}, 0, 2)));
  }
}
