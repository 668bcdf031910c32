package dev.sparkem.mixture.gaussian;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.RowBlock;
import dev.sparkem.testing.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The statistics contract: merging the statistics of any split of the rows equals one pass over
 * all of them, which equals N_j, s_j and M_j computed here with plain loops.
 */
class GaussianStatisticsFullTest {
  private static final int K = 3;
  private static final int D = 4;
  private static final int N = 157;
  private static final double TOLERANCE = 1e-12;

  /**
   * Rows far from the origin (the case centring is for), row weights in [0, 3) with some exact
   * zeros, and responsibilities = random posteriors times the row weight.
   */
  private record Data(double[] x, double[] rowWeights, double[] r, double[] centres) {
    static Data random(long seed) {
      Random random = new Random(seed);
      double[] x = Samples.uniform(random, N * D, 995, 1005);
      double[] rowWeights = Samples.uniform(random, N, 0, 3);
      double[] r = new double[N * K];
      for (int i = 0; i < N; i++) {
        rowWeights[i] = i % 11 == 0 ? 0.0 : rowWeights[i];
        double[] p = Samples.uniform(random, K, 0, 1);
        p[i % K] = i % 5 == 0 ? 0.0 : p[i % K];
        double sum = Arrays.stream(p).sum();
        for (int j = 0; j < K; j++) {
          r[i * K + j] = rowWeights[i] * p[j] / sum;
        }
      }
      return new Data(x, rowWeights, r, Samples.uniform(random, K * D, 998, 1002));
    }

    GaussianStatistics empty() {
      return new GaussianStatistics(CovarianceType.FULL, K, D, centres);
    }

    /** Statistics of the rows {@code rows} (in that order) added as one block. */
    GaussianStatistics of(List<Integer> rows) {
      GaussianStatistics stats = empty();
      add(stats, rows);
      return stats;
    }

    void add(GaussianStatistics stats, List<Integer> rows) {
      int n = rows.size();
      double[] values = new double[n * D];
      double[] weights = new double[n];
      double[] responsibilities = new double[n * K];
      for (int t = 0; t < n; t++) {
        int i = rows.get(t);
        System.arraycopy(x, i * D, values, t * D, D);
        System.arraycopy(r, i * K, responsibilities, t * K, K);
        weights[t] = rowWeights[i];
      }
      stats.add(RowBlock.dense(n, D, values, weights), responsibilities);
    }
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(i);
    }
    return rows;
  }

  /** weights (k), first moments (k·d), scatters (k·d·d, both triangles), centres (k·d). */
  private static double[][] arrays(GaussianStatistics s) {
    double[] weights = new double[K];
    double[] first = new double[K * D];
    double[] scatter = new double[K * D * D];
    double[] centres = new double[K * D];
    for (int j = 0; j < K; j++) {
      weights[j] = s.weight(j);
      System.arraycopy(s.firstMoment(j), 0, first, j * D, D);
      System.arraycopy(s.centre(j), 0, centres, j * D, D);
      for (int a = 0; a < D; a++) {
        for (int b = 0; b < D; b++) {
          scatter[(j * D + a) * D + b] = s.secondMoment(j, a, b);
        }
      }
    }
    return new double[][] {weights, first, scatter, centres};
  }

  private static void assertSame(double[][] expected, GaussianStatistics actual,
      double tolerance, String what) {
    String[] names = {"N_j", "s_j", "M_j", "centres"};
    double[][] found = arrays(actual);
    for (int t = 0; t < names.length; t++) {
      assertClose(expected[t], found[t], tolerance, what + ": " + names[t]);
    }
  }

  private static void assertIdentical(double[][] expected, GaussianStatistics actual) {
    double[][] found = arrays(actual);
    for (int t = 0; t < expected.length; t++) {
      assertArrayEquals(expected[t], found[t], "array " + t);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void onePassMatchesPlainLoops(long seed) {
    Data data = Data.random(seed);
    double[] weights = new double[K];
    double[] first = new double[K * D];
    double[] scatter = new double[K * D * D];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < K; j++) {
        double r = data.r[i * K + j];
        weights[j] += r;
        for (int a = 0; a < D; a++) {
          double ca = data.x[i * D + a] - data.centres[j * D + a];
          first[j * D + a] += r * ca;
          for (int b = 0; b < D; b++) {
            double cb = data.x[i * D + b] - data.centres[j * D + b];
            scatter[(j * D + a) * D + b] += r * ca * cb;
          }
        }
      }
    }
    assertSame(new double[][] {weights, first, scatter, data.centres},
        data.of(range(0, N)), TOLERANCE, "one pass vs plain loops");
  }

  /** Rows dealt at random to 1..6 parts, each part added as blocks of random sizes, merged. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void mergedRandomSplitsEqualOnePass(long seed) {
    Data data = Data.random(seed);
    double[][] whole = arrays(data.of(range(0, N)));
    Random random = new Random(seed * 31);
    int parts = 1 + random.nextInt(6);
    List<List<Integer>> rowsOfPart = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      rowsOfPart.add(new ArrayList<>());
    }
    for (int i = 0; i < N; i++) {
      rowsOfPart.get(random.nextInt(parts)).add(i);
    }
    List<GaussianStatistics> partStats = new ArrayList<>();
    for (List<Integer> rows : rowsOfPart) {
      Collections.shuffle(rows, random);
      GaussianStatistics stats = data.empty();
      for (int from = 0; from < rows.size(); ) {
        int to = Math.min(rows.size(), from + 1 + random.nextInt(40));
        data.add(stats, rows.subList(from, to));
        from = to;
      }
      partStats.add(stats);
    }
    Collections.shuffle(partStats, random);
    GaussianStatistics merged = partStats.get(0);
    for (GaussianStatistics part : partStats.subList(1, parts)) {
      merged.merge(part);
    }
    assertSame(whole, merged, TOLERANCE, parts + " parts merged vs one pass");
  }

  @Test
  void mergeIsAssociativeAndCommutative() {
    Data data = Data.random(21);
    List<Integer> a = range(0, 40);
    List<Integer> b = range(40, 41);
    List<Integer> c = range(41, N);
    GaussianStatistics left = data.of(a);
    left.merge(data.of(b));
    left.merge(data.of(c));
    GaussianStatistics bc = data.of(b);
    bc.merge(data.of(c));
    GaussianStatistics right = data.of(a);
    right.merge(bc);
    assertSame(arrays(left), right, TOLERANCE, "(a+b)+c vs a+(b+c)");
    assertSame(arrays(data.of(range(0, N))), right, TOLERANCE, "a+(b+c) vs one pass");
    GaussianStatistics ba = data.of(b);
    ba.merge(data.of(a));
    GaussianStatistics abAgain = data.of(a);
    abAgain.merge(data.of(b));
    assertIdentical(arrays(abAgain), ba);
  }

  @Test
  void emptyStatisticsChangeNothing() {
    Data data = Data.random(31);
    double[][] whole = arrays(data.of(range(0, N)));
    GaussianStatistics stats = data.of(range(0, N));
    stats.merge(data.empty());
    assertIdentical(whole, stats);
    GaussianStatistics empty = data.empty();
    empty.merge(data.of(range(0, N)));
    assertIdentical(whole, empty);
    GaussianStatistics emptyBlock = data.of(range(0, N));
    data.add(emptyBlock, List.of());
    assertIdentical(whole, emptyBlock);
    double[][] zero = arrays(data.empty());
    for (int t = 0; t < 3; t++) {
      assertTrue(Arrays.stream(zero[t]).allMatch(v -> v == 0.0), "empty statistics are zero");
    }
  }

  /** The same rows, most values 0, as a dense and as a compressed-sparse-row block. */
  @Test
  void sparseLayoutGivesIdenticalStatistics() {
    Data data = Data.random(51);
    double[] values = data.x.clone();
    List<Integer> rowStarts = new ArrayList<>(List.of(0));
    List<Integer> indices = new ArrayList<>();
    List<Double> stored = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      for (int a = 0; a < D; a++) {
        if ((i + a) % 3 != 0) {
          values[i * D + a] = 0.0;
        } else {
          indices.add(a);
          stored.add(values[i * D + a]);
        }
      }
      rowStarts.add(indices.size());
    }
    GaussianStatistics dense = data.empty();
    dense.add(RowBlock.dense(N, D, values, data.rowWeights), data.r);
    GaussianStatistics sparse = data.empty();
    sparse.add(RowBlock.sparse(N, D, rowStarts.stream().mapToInt(Integer::intValue).toArray(),
        indices.stream().mapToInt(Integer::intValue).toArray(),
        stored.stream().mapToDouble(Double::doubleValue).toArray(), data.rowWeights), data.r);
    assertIdentical(arrays(dense), sparse);
  }

  @Test
  void mergeRejectsOtherDimensionsOrCentres() {
    Data data = Data.random(41);
    GaussianStatistics stats = data.of(range(0, 10));
    double[] centres = data.centres;
    IllegalArgumentException otherK = assertThrows(IllegalArgumentException.class, () ->
        stats.merge(new GaussianStatistics(CovarianceType.FULL, K + 1, D, new double[(K + 1) * D])));
    assertTrue(otherK.getMessage().contains((K + 1) + " components"), otherK.getMessage());
    IllegalArgumentException otherWidth = assertThrows(IllegalArgumentException.class, () ->
        stats.merge(new GaussianStatistics(CovarianceType.FULL, K, D + 1, new double[K * (D + 1)])));
    assertTrue(otherWidth.getMessage().contains("width " + (D + 1) + ", expected " + D),
        otherWidth.getMessage());
    double[] moved = centres.clone();
    moved[K * D - 1] = Math.nextUp(moved[K * D - 1]);
    IllegalArgumentException otherCentres = assertThrows(IllegalArgumentException.class, () ->
        stats.merge(new GaussianStatistics(CovarianceType.FULL, K, D, moved)));
    assertTrue(otherCentres.getMessage().contains("other centres"), otherCentres.getMessage());
    IllegalArgumentException blockWidth = assertThrows(IllegalArgumentException.class, () ->
        stats.add(RowBlock.dense(2, D + 1, new double[2 * (D + 1)], null), new double[2 * K]));
    assertTrue(blockWidth.getMessage().contains("width " + (D + 1)), blockWidth.getMessage());
    assertIdentical(arrays(data.of(range(0, 10))), stats);
    assertThrows(IllegalArgumentException.class,
        () -> new GaussianStatistics(CovarianceType.FULL, K, D, new double[K * D - 1]));
  }
}
