package dev.sparkem.init;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.flatten;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.data.PackedData;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.testing.Samples;
import dev.sparkem.testing.SharedSpark;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Start points against plain loops over the rows, and the caller's and data's mistakes: k < 1,
 * k above the number of rows, fewer distinct rows than k.
 */
class GaussianInitializerTest {
  private static final double REG_COVAR = 1e-3;

  private static void withData(double[][] rows, int partitions, Consumer<PackedData> body) {
    PackedData data = SharedSpark.pack(rows, partitions);
    try {
      body.accept(data);
    } finally {
      data.release();
    }
  }

  /** The covariance of {@code rows} (ddof 0) plus regCovar on the diagonal, two passes. */
  private static double[][] covariance(double[][] rows) {
    int d = rows[0].length;
    double[] mean = new double[d];
    for (double[] row : rows) {
      for (int a = 0; a < d; a++) {
        mean[a] += row[a] / rows.length;
      }
    }
    double[][] c = new double[d][d];
    for (double[] row : rows) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          c[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / rows.length;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      c[a][a] += REG_COVAR;
    }
    return c;
  }

  private static double[] mean(double[][] rows) {
    double[] m = new double[rows[0].length];
    for (double[] row : rows) {
      for (int a = 0; a < m.length; a++) {
        m[a] += row[a] / rows.length;
      }
    }
    return m;
  }

  @Test
  void randomRowsStartFromDataRowsAndTheirCovariance() {
    double[][] rows = Samples.mixture(new Random(8), 90, new double[][] {{0, 0, 0}, {4, 4, 4}},
        1.0);
    withData(rows, 3, data -> {
      GaussianMixtureParameters start = GaussianInitializer.start(InitMode.RANDOM, data, 4, CovarianceType.FULL, 11,
          REG_COVAR);
      assertEquals(4, start.k());
      assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, start.weights(), 1e-15);
      double[][] all = covariance(rows);
      for (int j = 0; j < 4; j++) {
        double[] mean = start.mean(j);
        assertTrue(Arrays.stream(rows).anyMatch(row -> Arrays.equals(row, mean)),
            "mean " + j + " " + Arrays.toString(mean) + " is a data row");
        assertClose(all, start.covariance(j), 1e-12, "covariance " + j);
      }
      for (int j = 1; j < 4; j++) {
        assertFalse(Arrays.equals(start.mean(0), start.mean(j)), "distinct rows");
      }
      GaussianMixtureParameters again = GaussianInitializer.start(InitMode.RANDOM, data, 4, CovarianceType.FULL, 11,
          REG_COVAR);
      assertArrayEquals(flatten(start.means()),
          flatten(again.means()), "same seed, same rows");
    });
  }

  /** Clusters 100 standard deviations apart: k-means finds them, the start is their moments. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = InitMode.class, names = {"KMEANS", "KMEANS_PLUS_PLUS"})
  void kMeansStartIsTheMomentsOfTheClusters(InitMode mode) {
    double[][] centres = {{0, 0}, {100, 0}, {0, 100}};
    double[][] rows = Samples.mixture(new Random(9), 150, centres, 1.0);
    withData(rows, 2, data -> {
      GaussianMixtureParameters start =
          GaussianInitializer.start(mode, data, 3, CovarianceType.FULL, 5, REG_COVAR);
      Integer[] order = {0, 1, 2};
      Arrays.sort(order, Comparator.comparingDouble(j -> start.mean(j)[0] - start.mean(j)[1]));
      int[] cluster = {2, 0, 1}; // sorted by x - y: (0,100), (0,0), (100,0)
      for (int t = 0; t < 3; t++) {
        int c = cluster[t];
        double[][] members = new double[50][];
        for (int i = 0; i < 50; i++) {
          members[i] = rows[3 * i + c];
        }
        int j = order[t];
        assertEquals(1.0 / 3, start.weights()[j], 1e-15, "weight of cluster " + c);
        assertClose(mean(members), start.mean(j), 1e-12, "mean of cluster " + c);
        assertClose(covariance(members), start.covariance(j), 1e-10, "covariance of " + c);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(InitMode.class)
  void kAboveTheNumberOfRowsIsNamed(InitMode mode) {
    withData(new double[][] {{1, 2}, {3, 4}, {5, 7}}, 2, data -> {
      InvalidDataException e = assertThrows(InvalidDataException.class,
          () -> GaussianInitializer.start(mode, data, 5, CovarianceType.FULL, 1, REG_COVAR));
      assertTrue(e.getMessage().contains("k=5") && e.getMessage().contains("number of rows")
          && e.getMessage().contains("(3)"), e.getMessage());
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(InitMode.class)
  void kBelowOneIsTheCallersMistake(InitMode mode) {
    withData(new double[][] {{1, 2}, {3, 4}}, 1, data -> {
      for (int k : new int[] {0, -3}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> GaussianInitializer.start(mode, data, k, CovarianceType.FULL, 1, REG_COVAR));
        assertEquals("k is " + k + ", expected >= 1", e.getMessage());
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = InitMode.class, names = {"KMEANS", "KMEANS_PLUS_PLUS"})
  void kMeansWithFewerDistinctRowsThanKIsNamed(InitMode mode) {
    double[][] rows = {{1, 1}, {1, 1}, {2, 2}, {2, 2}, {1, 1}, {2, 2}};
    withData(rows, 2, data -> {
      InvalidDataException e = assertThrows(InvalidDataException.class,
          () -> GaussianInitializer.start(mode, data, 3, CovarianceType.FULL, 1, REG_COVAR));
      assertTrue(e.getMessage().contains("k=3") && e.getMessage().contains("distinct"),
          e.getMessage());
    });
  }

  /**
   * Random responsibilities (scikit-learn's 'random'): reproducible for a seed, and since every
   * row is shared at random, every component starts near the data's mean with about 1/k of the
   * weight (900 rows: the spread of the weights is about 0.02, of the means about 0.05 sd).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = CovarianceType.class)
  void randomResponsibilitiesStartNearTheMean(CovarianceType type) {
    double[][] rows = Samples.mixture(new Random(12), 900, new double[][] {{0, 0}, {6, 6}}, 1.0);
    double[] mean = mean(rows);
    double sd = Math.sqrt(covariance(rows)[0][0]);
    withData(rows, 3, data -> {
      GaussianMixtureParameters start = GaussianInitializer.start(
          InitMode.RANDOM_RESPONSIBILITIES, data, 3, type, 21, REG_COVAR);
      GaussianMixtureParameters again = GaussianInitializer.start(
          InitMode.RANDOM_RESPONSIBILITIES, data, 3, type, 21, REG_COVAR);
      GaussianMixtureParameters other = GaussianInitializer.start(
          InitMode.RANDOM_RESPONSIBILITIES, data, 3, type, 22, REG_COVAR);
      assertArrayEquals(start.weights(), again.weights());
      assertArrayEquals(start.covarianceValues(), again.covarianceValues());
      assertTrue(start.weights()[0] != other.weights()[0], "another seed, another start");
      assertEquals(type, start.covarianceType());
      for (int j = 0; j < 3; j++) {
        assertEquals(1.0 / 3, start.weights()[j], 0.1, "weight " + j);
        for (int a = 0; a < 2; a++) {
          assertEquals(mean[a], start.mean(j)[a], 0.25 * sd, "mean " + j + "[" + a + "]");
        }
      }
    });
  }
}
