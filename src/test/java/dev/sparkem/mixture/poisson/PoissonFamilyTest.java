package dev.sparkem.mixture.poisson;

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
 * The Poisson family's contract beyond the numbers: sparse and dense inputs agree, bad counts
 * are rejected by row and column, rates stay on the floor, the model file round-trips and is
 * checked, a component that loses its weight is named, and the start points are valid.
 */
class PoissonFamilyTest {
  private static final PoissonMixtureParameters TRUTH =
      PoissonMixtureSampler.randomMixture(3, 6, new SplittableRandom(1));

  private static double[][] rows(int n, long seed) {
    PoissonMixtureSampler sampler = new PoissonMixtureSampler(TRUTH, new SplittableRandom(seed));
    double[][] rows = new double[n][6];
    for (double[] row : rows) {
      sampler.sample(row);
    }
    return rows;
  }

  private static FitResult<PoissonMixtureParameters> fit(PackedData data, int iterations) {
    FitResult<PoissonMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
        new PoissonMixtureFamily(), PoissonStarts.fromRows(new double[][] {
            {1, 0, 2, 0, 0, 3}, {0, 4, 0, 1, 0, 0}, {0, 0, 0, 0, 5, 0}}),
        new EmSettings(iterations, 0, 0), IterationListener.NONE);
    assertMonotone(fit);
    return fit;
  }

  @Test
  void sparseAndDenseInputsGiveTheSameModel() {
    double[][] rows = rows(400, 2);
    PackedData sparse = FamilyFixtures.pack(rows, 3, PoissonMixtureFamily.VALUE_DOMAIN, true);
    PackedData dense = FamilyFixtures.pack(rows, 3, PoissonMixtureFamily.VALUE_DOMAIN, false);
    try {
      FitResult<PoissonMixtureParameters> a = fit(sparse, 8);
      FitResult<PoissonMixtureParameters> b = fit(dense, 8);
      assertClose(a.model().weights(), b.model().weights(), 1e-12, "weights");
      assertClose(a.model().rates(), b.model().rates(), 1e-12, "rates");
      assertClose(a.logLikelihoods(), b.logLikelihoods(), 1e-12, "log-likelihoods");
    } finally {
      sparse.release();
      dense.release();
    }
  }

  @Test
  void negativeAndFractionalCountsAreRejectedByRowAndColumn() {
    InvalidDataException negative = assertThrows(InvalidDataException.class,
        () -> FamilyFixtures.pack(SharedSpark.frame(new double[][] {{1, 2}, {3, -4}}, 1),
            PoissonMixtureFamily.VALUE_DOMAIN, false));
    assertTrue(negative.getMessage().contains(
        "input row 1 of partition 0: column 'x1' is -4.0, expected a count"),
        negative.getMessage());
    InvalidDataException fractional = assertThrows(InvalidDataException.class,
        () -> FamilyFixtures.pack(SharedSpark.frame(new double[][] {{0.5, 2}}, 1),
            PoissonMixtureFamily.VALUE_DOMAIN, false));
    assertTrue(fractional.getMessage().contains(
        "input row 0 of partition 0: column 'x0' is 0.5, expected a count"),
        fractional.getMessage());
  }

  @Test
  void ratesOfColumnsThatAreAlwaysZeroStayOnTheFloor() {
    PoissonMixtureFamily family = new PoissonMixtureFamily(1e-6);
    PoissonMixtureParameters start = PoissonMixtureParameters.of(new double[] {0.5, 0.5},
        new double[][] {{1, 2}, {3, 4}});
    ComponentSums stats = family.zero(start);
    RowBlock block = RowBlock.dense(3, 2, new double[] {2, 0, 5, 0, 1, 0}, null);
    family.accumulate(start, block, stats);
    PoissonMixtureParameters next = family.maximize(stats, start);
    assertEquals(1e-6, next.rates(0)[1]);
    assertEquals(1e-6, next.rates(1)[1]);
    assertTrue(Double.isFinite(next.toJson().get("rates").get(0).get(1).asDouble()));
  }

  @Test
  void modelFileRoundTripsAndIsChecked() {
    ObjectNode json = TRUTH.toJson();
    assertEquals("poisson-mixture", json.get("family").asText());
    PoissonMixtureParameters back = PoissonMixtureParameters.fromJson(json, "p.json");
    assertArrayEquals(TRUTH.weights(), back.weights());
    assertArrayEquals(TRUTH.rates(2), back.rates(2));
    assertEquals(3 * 6 + 2, back.parameterCount());
    ObjectNode wrongFamily = json.deepCopy().put("family", "gaussian-mixture");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PoissonMixtureParameters.fromJson(wrongFamily, "p.json")).getMessage()
        .contains("family is 'gaussian-mixture', expected 'poisson-mixture'"));
    ObjectNode missing = json.deepCopy();
    missing.remove("rates");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PoissonMixtureParameters.fromJson(missing, "p.json")).getMessage()
        .contains("p.json: key 'rates' is missing"));
    double[][] rates = TRUTH.rates();
    rates[2][5] = 0.0;
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PoissonMixtureParameters.of(TRUTH.weights(), rates)).getMessage()
        .contains("rates[2][5] is 0.0, expected a finite number > 0"));
  }

  @Test
  void aComponentThatLosesAllWeightIsNamed() {
    PoissonMixtureFamily family = new PoissonMixtureFamily();
    ComponentSums stats = family.zero(TRUTH);
    RowBlock block = RowBlock.dense(1, 6, new double[] {1, 0, 2, 0, 0, 0}, null);
    stats.add(NonZeros.of(block), new double[] {0.5, 0.5, 0});
    DegenerateModelException e =
        assertThrows(DegenerateModelException.class, () -> family.maximize(stats, TRUTH));
    assertTrue(e.getMessage().contains("component 2 lost all its weight"), e.getMessage());
  }

  @Test
  void randomStartsAreValidAndReproducible() {
    PackedData data = FamilyFixtures.pack(rows(200, 4), 2, PoissonMixtureFamily.VALUE_DOMAIN,
        false);
    try {
      PoissonMixtureParameters byRows = PoissonStarts.randomRows(data.blocks(), 3, 7);
      assertArrayEquals(byRows.rates(1), PoissonStarts.randomRows(data.blocks(), 3, 7).rates(1));
      PoissonMixtureFamily family = new PoissonMixtureFamily();
      PoissonMixtureParameters random =
          PoissonStarts.randomResponsibilities(data.blocks(), 3, 7, family);
      assertEquals(1.0, Arrays.stream(random.weights()).sum(), 1e-12);
      assertMonotone(ExpectationMaximization.fit(data.blocks(), family, random,
          new EmSettings(20, 0, 0), IterationListener.NONE));
    } finally {
      data.release();
    }
  }
}
