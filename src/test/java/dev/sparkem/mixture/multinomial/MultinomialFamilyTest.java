package dev.sparkem.mixture.multinomial;

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
 * The multinomial family's contract beyond the numbers: sparse and dense inputs agree, empty
 * documents are skipped and counted, bad counts are rejected by row and column, the model file
 * round-trips and is checked, a component that loses its weight is reported by index, and the
 * start points are valid and reproducible.
 */
class MultinomialFamilyTest {
  private static final MultinomialMixtureParameters TRUTH =
      MultinomialMixtureSampler.randomMixture(3, 9, new SplittableRandom(1));

  private static double[][] documents(int n, long seed) {
    MultinomialMixtureSampler sampler = new MultinomialMixtureSampler(TRUTH,
        new SplittableRandom(seed));
    double[][] rows = new double[n][9];
    for (double[] row : rows) {
      sampler.sample(15, row);
    }
    return rows;
  }

  private static FitResult<MultinomialMixtureParameters> fit(PackedData data, int iterations) {
    FitResult<MultinomialMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
        new MultinomialMixtureFamily(MultinomialMixtureFamily.DEFAULT_ALPHA),
        MultinomialStarts.fromRows(new double[][] {
            {1, 0, 2, 0, 0, 3, 0, 1, 0}, {0, 4, 0, 1, 0, 0, 2, 0, 0}, {0, 0, 0, 0, 5, 0, 0, 1, 3}}),
        new EmSettings(iterations, 0, 0), IterationListener.NONE);
    assertMonotone(fit);
    return fit;
  }

  @Test
  void sparseAndDenseInputsGiveTheSameModel() {
    double[][] rows = documents(400, 2);
    PackedData sparse = FamilyFixtures.pack(rows, 3, MultinomialMixtureFamily.VALUE_DOMAIN, true);
    PackedData dense = FamilyFixtures.pack(rows, 3, MultinomialMixtureFamily.VALUE_DOMAIN, false);
    try {
      assertTrue(sparse.blocks().first().isSparse());
      assertTrue(!dense.blocks().first().isSparse());
      FitResult<MultinomialMixtureParameters> a = fit(sparse, 8);
      FitResult<MultinomialMixtureParameters> b = fit(dense, 8);
      assertClose(a.model().weights(), b.model().weights(), 1e-12, "weights");
      assertClose(a.model().theta(), b.model().theta(), 1e-12, "theta");
      assertClose(a.logLikelihoods(), b.logLikelihoods(), 1e-12, "log-likelihoods");
    } finally {
      sparse.release();
      dense.release();
    }
  }

  @Test
  void emptyDocumentsAreSkippedAndCounted() {
    double[][] rows = documents(60, 3);
    double[][] withEmpty = Arrays.copyOf(rows, rows.length + 2);
    withEmpty[rows.length] = new double[9];
    withEmpty[rows.length + 1] = new double[9];
    PackedData plain = FamilyFixtures.pack(rows, 2, MultinomialMixtureFamily.VALUE_DOMAIN, true);
    PackedData padded =
        FamilyFixtures.pack(withEmpty, 2, MultinomialMixtureFamily.VALUE_DOMAIN, true);
    try {
      FitResult<MultinomialMixtureParameters> a = fit(plain, 5);
      FitResult<MultinomialMixtureParameters> b = fit(padded, 5);
      assertClose(a.model().weights(), b.model().weights(), 1e-12, "weights");
      assertClose(a.model().theta(), b.model().theta(), 1e-12, "theta");
      assertClose(a.logLikelihoods(), b.logLikelihoods(), 1e-12, "log-likelihoods");
      assertEquals(62, b.rows());
    } finally {
      plain.release();
      padded.release();
    }
    RowBlock block = RowBlock.sparse(3, 9, new int[] {0, 0, 1, 1}, new int[] {4},
        new double[] {2}, new double[] {1.0, 1.0, 2.5});
    MultinomialMixtureFamily family = new MultinomialMixtureFamily(0.1);
    ComponentSums stats = family.zero(TRUTH);
    family.accumulate(TRUTH, block, stats);
    assertEquals(2, stats.skippedRows());
    assertEquals(3.5, stats.skippedWeight());
    assertEquals(1.0, stats.totalWeight(), 1e-15);
  }

  @Test
  void negativeAndFractionalCountsAreRejectedByRowAndColumn() {
    InvalidDataException negative = assertThrows(InvalidDataException.class,
        () -> FamilyFixtures.pack(SharedSpark.frame(new double[][] {{1, 2}, {3, -1}}, 1),
            MultinomialMixtureFamily.VALUE_DOMAIN, false));
    assertTrue(negative.getMessage().contains(
        "input row 1 of partition 0: column 'x1' is -1.0, expected a count"),
        negative.getMessage());
    InvalidDataException fractional = assertThrows(InvalidDataException.class,
        () -> FamilyFixtures.pack(new double[][] {{1, 0, 0, 2}, {0, 0, 0, 2.5}}, 1,
            MultinomialMixtureFamily.VALUE_DOMAIN, true));
    assertTrue(fractional.getMessage().contains(
        "input row 1 of partition 0: column 'features[3]' is 2.5, expected a count"),
        fractional.getMessage());
  }

  @Test
  void modelFileRoundTripsAndIsChecked() {
    ObjectNode json = TRUTH.toJson();
    assertEquals("multinomial-mixture", json.get("family").asText());
    assertEquals(1, json.get("formatVersion").asInt());
    assertEquals(3, json.get("k").asInt());
    assertEquals(9, json.get("dimension").asInt());
    MultinomialMixtureParameters back = MultinomialMixtureParameters.fromJson(json, "m.json");
    assertArrayEquals(TRUTH.weights(), back.weights());
    assertArrayEquals(TRUTH.theta(1), back.theta(1));
    assertEquals(3 * 8 + 2, back.parameterCount());
    ObjectNode wrongFamily = json.deepCopy().put("family", "poisson-mixture");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> MultinomialMixtureParameters.fromJson(wrongFamily, "m.json")).getMessage()
        .contains("m.json: family is 'poisson-mixture', expected 'multinomial-mixture'"));
    ObjectNode newer = json.deepCopy().put("formatVersion", 2);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> MultinomialMixtureParameters.fromJson(newer, "m.json")).getMessage()
        .contains("formatVersion is 2"));
    double[][] theta = TRUTH.theta();
    theta[1][2] = -0.1;
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> MultinomialMixtureParameters.of(TRUTH.weights(), theta)).getMessage()
        .contains("theta[1][2] is -0.1, expected a finite number >= 0"));
  }

  @Test
  void aComponentThatLosesAllWeightIsNamed() {
    MultinomialMixtureFamily family = new MultinomialMixtureFamily(0.5);
    ComponentSums stats = family.zero(TRUTH);
    RowBlock block = RowBlock.dense(2, 9, new double[] {
        1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0}, null);
    stats.add(NonZeros.of(block), new double[] {1, 0, 0, 0.5, 0, 0.5});
    DegenerateModelException e =
        assertThrows(DegenerateModelException.class, () -> family.maximize(stats, TRUTH));
    assertTrue(e.getMessage().contains("component 1 lost all its weight"), e.getMessage());
  }

  @Test
  void randomStartsAreValidAndReproducible() {
    PackedData data = FamilyFixtures.pack(documents(200, 4), 2,
        MultinomialMixtureFamily.VALUE_DOMAIN, true);
    try {
      MultinomialMixtureParameters rows = MultinomialStarts.randomRows(data.blocks(), 3, 7);
      assertArrayEquals(rows.theta(2), MultinomialStarts.randomRows(data.blocks(), 3, 7).theta(2));
      MultinomialMixtureFamily family = new MultinomialMixtureFamily(0.01);
      MultinomialMixtureParameters random =
          MultinomialStarts.randomResponsibilities(data.blocks(), 3, 7, family);
      assertArrayEquals(random.theta(0),
          MultinomialStarts.randomResponsibilities(data.blocks(), 3, 7, family).theta(0));
      assertEquals(1.0, Arrays.stream(random.weights()).sum(), 1e-12);
      assertMonotone(ExpectationMaximization.fit(data.blocks(), family, random,
          new EmSettings(20, 0, 0), IterationListener.NONE));
    } finally {
      data.release();
    }
  }
}
