package dev.sparkem.mixture;

import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.RowBlock;
import dev.sparkem.testing.Samples;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Posteriors against the naive formula; rows sum to their weight, also for extreme densities. */
class PosteriorsTest {
  private static final double TOLERANCE = 1e-13;

  @Test
  void rowsSumToTheirWeightAndMatchTheNaiveFormula() {
    Random random = new Random(3);
    int n = 50;
    int k = 4;
    double[] weights = Samples.uniform(random, n, 0, 5);
    weights[7] = 0.0;
    RowBlock block = RowBlock.dense(n, 1, new double[n], weights);
    double[] logJoint = Samples.uniform(random, n * k, -40, 5);
    double[] original = logJoint.clone();
    double[] rowLogLikelihood = new double[n];
    double total = Posteriors.normalize(logJoint, k, block, rowLogLikelihood);
    double expectedTotal = 0.0;
    for (int i = 0; i < n; i++) {
      double density = 0.0;
      for (int j = 0; j < k; j++) {
        density += Math.exp(original[i * k + j]);
      }
      double sum = 0.0;
      for (int j = 0; j < k; j++) {
        double expected = weights[i] * Math.exp(original[i * k + j]) / density;
        assertEquals(expected, logJoint[i * k + j], TOLERANCE * Math.max(weights[i], 1e-300),
            "posterior of row " + i + ", component " + j);
        sum += logJoint[i * k + j];
      }
      assertEquals(weights[i], sum, TOLERANCE * weights[i], "row " + i + " sums to its weight");
      assertRelative(Math.log(density), rowLogLikelihood[i], TOLERANCE, "log p(x_" + i + ")");
      expectedTotal += weights[i] * Math.log(density);
    }
    assertRelative(expectedTotal, total, TOLERANCE, "Σ weight·log p(x)");
  }

  @Test
  void extremeLogDensitiesGiveExactPosteriors() {
    double[] logJoint = {
        -1000, -1000 - Math.log(3),   // posteriors 3/4, 1/4
        2000, 2000,                   // 1/2, 1/2
        -5000, -2000,                 // 0, 1 (exp(-3000) underflows)
        Double.NEGATIVE_INFINITY, 7}; // a component with zero density
    RowBlock block = RowBlock.dense(4, 1, new double[4], new double[] {2, 1, 1, 3});
    double[] rowLogLikelihood = new double[4];
    double total = Posteriors.normalize(logJoint, 2, block, rowLogLikelihood);
    double[] expected = {1.5, 0.5, 0.5, 0.5, 0.0, 1.0, 0.0, 3.0};
    // Inputs near ±1000 carry an absolute error of ulp(1000) ≈ 1e-13 in the exponent.
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], logJoint[t], 1e-12, "entry " + t);
    }
    assertEquals(-1000 + Math.log(4.0 / 3), rowLogLikelihood[0], 1e-12);
    assertEquals(2000 + Math.log(2), rowLogLikelihood[1], 1e-12);
    assertEquals(-2000, rowLogLikelihood[2], 1e-12);
    assertEquals(7, rowLogLikelihood[3], 0.0);
    assertRelative(2 * rowLogLikelihood[0] + rowLogLikelihood[1] + rowLogLikelihood[2] + 21,
        total, 1e-14, "total");
  }

  /** −∞ − (−∞) is NaN: a weight-0 row must not turn it into NaN posteriors (0·NaN = NaN). */
  @Test
  void zeroWeightRowWithZeroDensityGetsZeroPosteriors() {
    double inf = Double.NEGATIVE_INFINITY;
    double[] logJoint = {inf, inf, Math.log(0.5), Math.log(0.5), inf, inf};
    RowBlock block = RowBlock.dense(3, 1, new double[3], new double[] {0, 4, 1});
    double[] rowLogLikelihood = new double[3];
    double total = Posteriors.normalize(logJoint, 2, block, rowLogLikelihood);
    assertEquals(0.0, logJoint[0], "weight-0 row, component 0");
    assertEquals(0.0, logJoint[1], "weight-0 row, component 1");
    assertEquals(2.0, logJoint[2], 1e-15);
    assertEquals(2.0, logJoint[3], 1e-15);
    assertEquals(inf, rowLogLikelihood[0], "log p(x) of the weight-0 row");
    assertEquals(0.0, rowLogLikelihood[1], 1e-15);
    assertTrue(Double.isNaN(logJoint[4]), "a weighted row with zero density has no posterior");
    assertEquals(inf, total, "and makes the log-likelihood -inf, which the engine reports");
  }

  @Test
  void unweightedBlockAndNoRowOutput() {
    double[] logJoint = {Math.log(0.2), Math.log(0.6), Math.log(0.1), Math.log(0.3)};
    RowBlock block = RowBlock.dense(2, 3, new double[6], null);
    double total = Posteriors.normalize(logJoint, 2, block, null);
    assertEquals(0.25, logJoint[0], 1e-15);
    assertEquals(0.75, logJoint[1], 1e-15);
    assertEquals(0.25, logJoint[2], 1e-15);
    assertRelative(Math.log(0.8) + Math.log(0.4), total, 1e-14, "total");
    assertTrue(Double.isFinite(total));
  }

  /** The entropy taken from the log densities equals −Σ_i w_i Σ_j p_ij ln p_ij computed naively. */
  @Test
  void entropyFromLogDensitiesMatchesTheNaiveFormula() {
    Random random = new Random(11);
    int n = 40;
    int k = 5;
    double[] weights = Samples.uniform(random, n, 0, 3);
    weights[3] = 0.0;
    RowBlock block = RowBlock.dense(n, 1, new double[n], weights);
    double[] logJoint = Samples.uniform(random, n * k, -60, 10);
    logJoint[7] = Double.NEGATIVE_INFINITY;
    logJoint[12] = logJoint[13] + 800; // a row whose other posteriors underflow to 0
    double expected = 0.0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, logJoint[i * k + j]);
      }
      double sum = 0.0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(logJoint[i * k + j] - max);
      }
      for (int j = 0; j < k; j++) {
        double p = Math.exp(logJoint[i * k + j] - max) / sum;
        if (p > 0.0) {
          expected -= weights[i] * p * Math.log(p);
        }
      }
    }
    Posteriors.Totals totals = Posteriors.normalizeWithEntropy(logJoint, k, block, null);
    assertTrue(expected > 1.0, "the rows are not all certain: " + expected);
    assertRelative(expected, totals.entropy(), 1e-12, "posterior entropy");
  }

  @Test
  void certainRowsHaveZeroEntropyAndNaNRowsPropagate() {
    double[] logJoint = {-5, -5000, 3, Double.NEGATIVE_INFINITY};
    RowBlock block = RowBlock.dense(2, 1, new double[2], new double[] {2, 1});
    assertEquals(0.0, Posteriors.normalizeWithEntropy(logJoint, 2, block, null).entropy(), 0.0);
    double[] withNaN = {1.0, Double.NaN, 2.0, 2.0};
    double[] rowLogLikelihood = new double[2];
    Posteriors.Totals totals = Posteriors.normalizeWithEntropy(withNaN, 2,
        RowBlock.dense(2, 1, new double[2], null), rowLogLikelihood);
    assertTrue(Double.isNaN(rowLogLikelihood[0]), "a NaN log density makes log p(x) NaN");
    assertEquals(2 + Math.log(2), rowLogLikelihood[1], 1e-15);
    assertTrue(Double.isNaN(totals.logLikelihood()));
    assertTrue(Double.isNaN(totals.entropy()));
  }

  @Test
  void hugeAndTinyLogDensitiesNeitherOverflowNorUnderflow() {
    double ln2 = Math.log(2);
    double[][] rows = {{1000, 1000}, {-1000, -1000}, {1e300, 0.0}, {-746.0, -745.0},
        {-2000, -1e300}};
    double[] expected = {1000 + ln2, -1000 + ln2, 1e300, -745.0 + Math.log1p(Math.exp(-1)),
        -2000.0};
    for (int r = 0; r < rows.length; r++) {
      double[] rowLogLikelihood = new double[1];
      Posteriors.normalize(rows[r].clone(), 2, RowBlock.dense(1, 1, new double[1], null),
          rowLogLikelihood);
      assertEquals(expected[r], rowLogLikelihood[0], 1e-12, "row " + r);
    }
  }
}
