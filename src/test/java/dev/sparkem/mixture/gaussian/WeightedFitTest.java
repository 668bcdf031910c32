package dev.sparkem.mixture.gaussian;

import static dev.sparkem.testing.GaussianFits.assertSameFit;
import static dev.sparkem.testing.GaussianFits.assertSameParameters;
import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.testing.Frames;
import dev.sparkem.testing.GaussianFits;
import dev.sparkem.testing.Samples;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Row weights mean repetition: integer weights fit like duplicated rows, weight 0 like a dropped
 * row, and scaling every weight changes neither the model nor the mean log-likelihood.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeightedFitTest {
  private static final double TOLERANCE = 1e-9;
  private static final EmSettings SETTINGS = new EmSettings(30, 0, 0);
  private static final double REG_COVAR = GaussianMixtureFamily.DEFAULT_REG_COVAR;

  private final List<PackedData> packed = new ArrayList<>();
  private double[][] rows;
  private double[] weights;
  private FitResult<GaussianMixtureParameters> weighted;

  /** 150 rows of three components, integer weights 0..3 (rows 0..2, the start, have weight 1). */
  @BeforeAll
  void fitWeighted() {
    Random random = new Random(17);
    rows = Samples.mixture(random, 150, new double[][] {{0, 0}, {4, 3}, {-3, 5}}, 1.5);
    weights = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      weights[i] = i < 3 ? 1 : random.nextInt(4);
    }
    weighted = fit(keep(Frames.packWeighted(Frames.weighted(rows, weights, 3),
        Packing.DEFAULT_BLOCK_BYTES)));
    assertEquals(FitStatus.MAX_ITERATIONS, weighted.status());
  }

  @AfterAll
  void release() {
    packed.forEach(PackedData::release);
  }

  private PackedData keep(PackedData data) {
    packed.add(data);
    return data;
  }

  private FitResult<GaussianMixtureParameters> fit(PackedData data) {
    double[][] startRows = {rows[0], rows[1], rows[2]};
    return GaussianFits.fit(data, GaussianStarts.fromRows(data.blocks(), startRows, CovarianceType.FULL, REG_COVAR),
        SETTINGS, REG_COVAR);
  }

  private double[] scaled(double factor) {
    return Arrays.stream(weights).map(w -> w * factor).toArray();
  }

  @Test
  void integerWeightsFitLikeDuplicatedRows() {
    List<double[]> duplicated = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      for (int copy = 0; copy < weights[i]; copy++) {
        duplicated.add(rows[i]);
      }
    }
    PackedData data = keep(SharedSpark.pack(duplicated.toArray(new double[0][]), 3));
    FitResult<GaussianMixtureParameters> expected = fit(data);
    assertEquals(duplicated.size(), weighted.totalWeight(), "total weight = duplicated rows");
    assertEquals(rows.length, weighted.rows(), "rows, counting those of weight 0");
    assertSameFit(expected, weighted, TOLERANCE, "weighted vs duplicated");
  }

  @Test
  void scalingAllWeightsChangesNothingPerUnitWeight() {
    for (double factor : new double[] {10, 100}) {
      FitResult<GaussianMixtureParameters> result = fit(keep(Frames.packWeighted(
          Frames.weighted(rows, scaled(factor), 3), Packing.DEFAULT_BLOCK_BYTES)));
      assertSameParameters(weighted.model(), result.model(), TOLERANCE, "weights x " + factor);
      double[] expected = weighted.logLikelihoods();
      double[] actual = result.logLikelihoods();
      assertEquals(expected.length, actual.length, "iterations");
      for (int t = 0; t < expected.length; t++) {
        assertRelative(expected[t] / weighted.totalWeight(), actual[t] / result.totalWeight(),
            TOLERANCE, "weights x " + factor + ": mean log-likelihood " + t);
        assertRelative(factor * expected[t], actual[t], TOLERANCE,
            "weights x " + factor + ": total log-likelihood " + t);
      }
      assertRelative(weighted.meanLogLikelihood(), result.meanLogLikelihood(), TOLERANCE,
          "weights x " + factor + ": mean log-likelihood");
    }
  }

  /** Weight-0 rows change nothing, even one so far out that every density underflows to 0. */
  @Test
  void zeroWeightRowsChangeNothing() {
    double[][] extended = Arrays.copyOf(rows, rows.length + 2);
    extended[rows.length] = new double[] {1e3, -1e3};
    extended[rows.length + 1] = new double[] {1e200, 1e200};
    double[] extendedWeights = Arrays.copyOf(weights, rows.length + 2);
    FitResult<GaussianMixtureParameters> result = fit(keep(Frames.packWeighted(
        Frames.weighted(extended, extendedWeights, 3), Packing.DEFAULT_BLOCK_BYTES)));
    assertEquals(FitStatus.MAX_ITERATIONS, result.status(), () -> result.toString());
    assertSameFit(weighted, result, TOLERANCE, "with weight-0 outliers vs without");
  }
}
