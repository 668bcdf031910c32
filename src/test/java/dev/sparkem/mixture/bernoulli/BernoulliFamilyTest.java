package dev.sparkem.mixture.bernoulli;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.InvalidDataException;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.ComponentSums;
import dev.sparkem.mixture.FamilyFixtures;
import dev.sparkem.mixture.NonZeros;
import dev.sparkem.testing.SharedSpark;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Bernoulli family's contract beyond the numbers: sparse and dense inputs agree, values other
 * than 0/1 are rejected by row and column, smoothing keeps probabilities inside (0, 1) and
 * certain probabilities score exactly, the model file round-trips and is checked, a component
 * that loses its weight is named, and the start points are valid.
 */
class BernoulliFamilyTest {
  private static final BernoulliMixtureParameters TRUTH =
      BernoulliMixtureSampler.randomMixture(3, 8, new SplittableRandom(1));

  private static double[][] rows(int n, long seed) {
    BernoulliMixtureSampler sampler =
        new BernoulliMixtureSampler(TRUTH, new SplittableRandom(seed));
    double[][] rows = new double[n][8];
    for (double[] row : rows) {
      sampler.sample(row);
    }
    return rows;
  }

  @Test
  void sparseAndDenseInputsGiveTheSameModel() {
    double[][] rows = rows(400, 2);
    PackedData sparse = FamilyFixtures.pack(rows, 3, BernoulliMixtureFamily.VALUE_DOMAIN, true);
    PackedData dense = FamilyFixtures.pack(rows, 3, BernoulliMixtureFamily.VALUE_DOMAIN, false);
    try {
      BernoulliMixtureParameters start = BernoulliStarts.fromRows(new double[][] {
          rows[0], rows[1], rows[2]});
      BernoulliMixtureFamily family = new BernoulliMixtureFamily(0.01);
      FitResult<BernoulliMixtureParameters> a = ExpectationMaximization.fit(sparse.blocks(),
          family, start, new EmSettings(8, 0, 0), IterationListener.NONE);
      FitResult<BernoulliMixtureParameters> b = ExpectationMaximization.fit(dense.blocks(),
          family, start, new EmSettings(8, 0, 0), IterationListener.NONE);
      assertMonotone(a);
      assertMonotone(b);
      assertClose(a.model().weights(), b.model().weights(), 1e-12, "weights");
      assertClose(a.model().mu(), b.model().mu(), 1e-12, "mu");
      assertClose(a.logLikelihoods(), b.logLikelihoods(), 1e-12, "log-likelihoods");
    } finally {
      sparse.release();
      dense.release();
    }
  }

  @Test
  void valuesOtherThanZeroAndOneAreRejectedByRowAndColumn() {
    InvalidDataException two = assertThrows(InvalidDataException.class,
        () -> FamilyFixtures.pack(SharedSpark.frame(new double[][] {{1, 0}, {0, 2}}, 1),
            BernoulliMixtureFamily.VALUE_DOMAIN, false));
    assertTrue(two.getMessage().contains(
        "input row 1 of partition 0: column 'x1' is 2.0, expected 0 or 1"), two.getMessage());
    InvalidDataException half = assertThrows(InvalidDataException.class,
        () -> FamilyFixtures.pack(new double[][] {{1, 0, 0.5}}, 1,
            BernoulliMixtureFamily.VALUE_DOMAIN, true));
    assertTrue(half.getMessage().contains(
        "input row 0 of partition 0: column 'features[2]' is 0.5, expected 0 or 1"),
        half.getMessage());
  }

  @Test
  void smoothingKeepsProbabilitiesInsideAndCertainOnesScoreExactly() {
    RowBlock block = RowBlock.dense(3, 2, new double[] {1, 0, 1, 0, 1, 0}, null);
    BernoulliMixtureParameters start = BernoulliMixtureParameters.of(new double[] {0.5, 0.5},
        new double[][] {{0.6, 0.3}, {0.4, 0.2}});
    BernoulliMixtureFamily smoothed = new BernoulliMixtureFamily(1e-3);
    ComponentSums stats = smoothed.zero(start);
    smoothed.accumulate(start, block, stats);
    for (double[] mu : smoothed.maximize(stats, start).mu()) {
      assertTrue(mu[0] < 1 && mu[1] > 0, Arrays.toString(mu));
    }
    BernoulliMixtureParameters certain = new BernoulliMixtureFamily(0).maximize(stats, start);
    assertEquals(1.0, certain.mu(0)[0]);
    assertEquals(0.0, certain.mu(0)[1]);
    double[] out = new double[4];
    certain.logJointDensities(RowBlock.dense(2, 2, new double[] {1, 0, 0, 0}, null), out);
    assertEquals(Math.log(certain.weights()[0]), out[0], 1e-15);
    assertEquals(Double.NEGATIVE_INFINITY, out[2]);
  }

  @Test
  void modelFileRoundTripsAndIsChecked() {
    ObjectNode json = TRUTH.toJson();
    assertEquals("bernoulli-mixture", json.get("family").asText());
    BernoulliMixtureParameters back = BernoulliMixtureParameters.fromJson(json, "b.json");
    assertArrayEquals(TRUTH.weights(), back.weights());
    assertArrayEquals(TRUTH.mu(1), back.mu(1));
    assertEquals(3 * 8 + 2, back.parameterCount());
    ObjectNode wrongFamily = json.deepCopy().put("family", "multinomial-mixture");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BernoulliMixtureParameters.fromJson(wrongFamily, "b.json")).getMessage()
        .contains("family is 'multinomial-mixture', expected 'bernoulli-mixture'"));
    double[][] mu = TRUTH.mu();
    mu[0][3] = 1.5;
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BernoulliMixtureParameters.of(TRUTH.weights(), mu)).getMessage()
        .contains("mu[0][3] is 1.5, expected a probability in [0, 1]"));
  }

  @Test
  void aComponentThatLosesAllWeightIsNamed() {
    BernoulliMixtureFamily family = new BernoulliMixtureFamily(0.01);
    ComponentSums stats = family.zero(TRUTH);
    RowBlock block = RowBlock.dense(1, 8, new double[] {1, 0, 1, 0, 0, 0, 1, 1}, null);
    stats.add(NonZeros.of(block), new double[] {0, 0.5, 0.5});
    DegenerateModelException e =
        assertThrows(DegenerateModelException.class, () -> family.maximize(stats, TRUTH));
    assertTrue(e.getMessage().contains("component 0 lost all its weight"), e.getMessage());
  }

  @Test
  void randomStartsAreValidAndReproducible() {
    PackedData data = FamilyFixtures.pack(rows(200, 4), 2, BernoulliMixtureFamily.VALUE_DOMAIN,
        true);
    try {
      BernoulliMixtureParameters byRows = BernoulliStarts.randomRows(data.blocks(), 3, 7);
      assertArrayEquals(byRows.mu(1), BernoulliStarts.randomRows(data.blocks(), 3, 7).mu(1));
      BernoulliMixtureFamily family = new BernoulliMixtureFamily(0.01);
      BernoulliMixtureParameters random =
          BernoulliStarts.randomResponsibilities(data.blocks(), 3, 7, family);
      assertEquals(1.0, Arrays.stream(random.weights()).sum(), 1e-12);
      assertMonotone(ExpectationMaximization.fit(data.blocks(), family, random,
          new EmSettings(20, 0, 0), IterationListener.NONE));
    } finally {
      data.release();
    }
  }
}
