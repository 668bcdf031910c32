package dev.sparkem.mixture.gaussian;

import static dev.sparkem.testing.SharedSpark.withKeyedReductionBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DistributedPass;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.engine.PassResult;
import dev.sparkem.testing.GaussianFits;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reducing Gaussian statistics per component (forced with a threshold of 0 bytes) gives
 * bit-identical numbers to reducing them whole, over 20 partitions (a two-level tree), for every
 * covariance type in one pass of the family; for full and diagonal covariances also the
 * k-means and random-responsibility starts and whole fits. The oracle is the unkeyed reduction, which sums the same numbers in the same order.
 */
class GaussianPartReductionTest {
  private static final int K = 3;
  private static final int D = 5;
  private static final GaussianMixtureParameters TRUTH =
      GaussianMixtureSampler.randomMixture(K, D, new SplittableRandom(11));
  private static double[][] rows;
  private static PackedData data;

  @BeforeAll
  static void pack() {
    GaussianMixtureSampler sampler = new GaussianMixtureSampler(TRUTH, new SplittableRandom(12));
    rows = new double[600][D];
    for (double[] row : rows) {
      sampler.sample(row);
    }
    data = SharedSpark.pack(rows, 20);
  }

  @AfterAll
  static void release() {
    data.release();
  }

  /** {@code body} reduced whole and by part, asserted bit-identical by {@code compare}. */
  private static <T> void assertSameBothWays(Supplier<T> body, Compare<T> compare) {
    compare.assertIdentical(withKeyedReductionBytes(Long.MAX_VALUE, body),
        withKeyedReductionBytes(0, body));
  }

  private interface Compare<T> {
    void assertIdentical(T whole, T byPart);
  }

  private static void assertIdentical(GaussianStatistics whole, GaussianStatistics other) {
    assertEquals(whole.covarianceType(), other.covarianceType());
    assertEquals(whole.k(), other.k());
    assertEquals(whole.posteriorEntropy(), other.posteriorEntropy(), 0.0, "entropy");
    boolean offDiagonal = whole.covarianceType() == CovarianceType.FULL
        || whole.covarianceType() == CovarianceType.TIED;
    for (int j = 0; j < whole.k(); j++) {
      assertEquals(whole.weight(j), other.weight(j), 0.0, "N_" + j);
      assertArrayEquals(whole.centre(j), other.centre(j), 0.0, "c_" + j);
      assertArrayEquals(whole.firstMoment(j), other.firstMoment(j), 0.0, "s_" + j);
      for (int a = 0; a < D; a++) {
        for (int b = offDiagonal ? 0 : a; b <= a; b++) {
          assertEquals(whole.secondMoment(j, a, b), other.secondMoment(j, a, b), 0.0,
              "M_" + j + "[" + a + "," + b + "]");
        }
      }
    }
  }

  private static void assertIdentical(GaussianMixtureParameters whole,
      GaussianMixtureParameters byPart) {
    assertArrayEquals(whole.weights(), byPart.weights(), 0.0, "weights");
    for (int j = 0; j < K; j++) {
      assertArrayEquals(whole.mean(j), byPart.mean(j), 0.0, "mean " + j);
      for (int a = 0; a < D; a++) {
        assertArrayEquals(whole.covariance(j)[a], byPart.covariance(j)[a], 0.0,
            "covariance " + j + " row " + a);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void onePassIsBitIdentical(CovarianceType type) {
    GaussianMixtureFamily family = new GaussianMixtureFamily(type, 1e-6);
    GaussianMixtureParameters params = GaussianStarts.fromRows(data.blocks(),
        new double[][] {rows[0], rows[1], rows[2]}, type, 1e-6);
    assertSameBothWays(() -> DistributedPass.run(data.blocks(), family, params),
        (PassResult<GaussianStatistics> whole, PassResult<GaussianStatistics> byPart) -> {
          assertEquals(whole.logLikelihood(), byPart.logLikelihood(), 0.0);
          assertEquals(whole.weight(), byPart.weight(), 0.0);
          assertEquals(600, byPart.rows());
          assertIdentical(whole.statistics(), byPart.statistics());
        });
  }

  @ParameterizedTest
  @EnumSource(names = {"FULL", "DIAG"})
  void startsAndWholeFitsAreBitIdentical(CovarianceType type) {
    double[][] centres = {rows[3], rows[4], rows[5]};
    assertSameBothWays(() -> GaussianStarts.fromCentres(data.blocks(), centres, type, 1e-6),
        GaussianPartReductionTest::assertIdentical);
    assertSameBothWays(() -> GaussianStarts.fromRandomResponsibilities(data.blocks(), K, rows[0],
        type, 7L, 1e-6), GaussianPartReductionTest::assertIdentical);
    GaussianMixtureParameters start =
        GaussianStarts.fromCentres(data.blocks(), centres, type, 1e-6);
    assertSameBothWays(() -> ExpectationMaximization.fit(data.blocks(),
        new GaussianMixtureFamily(type, 1e-6), start, new EmSettings(4, 0, 0),
        IterationListener.NONE), (FitResult<GaussianMixtureParameters> whole,
            FitResult<GaussianMixtureParameters> byPart) -> {
          assertArrayEquals(whole.logLikelihoods(), byPart.logLikelihoods(), 0.0, "trace");
          assertIdentical(whole.model(), byPart.model());
        });
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void partsJoinBackToTheWhole(CovarianceType type) {
    SplittableRandom random = new SplittableRandom(3);
    double[] centres = new double[K * D];
    double[] x = new double[4 * D];
    double[] responsibilities = new double[4 * K];
    for (int t = 0; t < centres.length; t++) {
      centres[t] = random.nextDouble();
    }
    for (int t = 0; t < x.length; t++) {
      x[t] = random.nextGaussian();
    }
    for (int t = 0; t < responsibilities.length; t++) {
      responsibilities[t] = random.nextDouble() / K;
    }
    GaussianStatistics stats = new GaussianStatistics(type, K, D, centres);
    stats.add(RowBlock.dense(4, D, x, new double[] {1, 1, 1, 1}), responsibilities);
    int parts = type == CovarianceType.TIED ? K + 1 : K;
    assertEquals(parts, stats.parts());
    List<GaussianStatistics> split = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      split.add(stats.part(p));
    }
    assertIdentical(stats, stats.joinParts(split));
    assertThrows(IllegalArgumentException.class, () -> stats.part(parts));
    assertThrows(IllegalArgumentException.class, () -> stats.part(-1));
  }

  @Test
  void mismatchedPartsAreRejected() {
    GaussianStatistics tied = new GaussianStatistics(CovarianceType.TIED, 2, D, new double[2 * D]);
    GaussianStatistics full = new GaussianStatistics(CovarianceType.FULL, 2, D, new double[2 * D]);
    assertThrows(IllegalArgumentException.class,
        () -> tied.joinParts(List.of(tied.part(0), tied.part(1))), "scatter part missing");
    assertThrows(IllegalArgumentException.class,
        () -> full.joinParts(List.of(full.part(0), tied.part(1))), "tied part in a full join");
    assertThrows(IllegalArgumentException.class, () -> tied.part(0).merge(tied.part(2)),
        "a component part merged with the scatter part");
  }

  @Test
  void valuesCountEveryNumberHeld() {
    assertEquals(510_050, GaussianStatistics.values(CovarianceType.FULL, 50, 100));
    assertEquals(50 + 10_000 + 10_000, GaussianStatistics.values(CovarianceType.TIED, 50, 100));
    assertEquals(50 + 15_000, GaussianStatistics.values(CovarianceType.DIAG, 50, 100));
    assertEquals(50 + 15_000, GaussianStatistics.values(CovarianceType.SPHERICAL, 50, 100));
    assertEquals(K + 2 * K * D + K * D * D,
        new GaussianMixtureFamily(CovarianceType.FULL, 1e-6).statisticsValues(TRUTH));
  }
}
