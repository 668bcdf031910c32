package dev.sparkem.mixture;

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
import dev.sparkem.engine.Scoring;
import dev.sparkem.mixture.multinomial.MultinomialMixtureFamily;
import dev.sparkem.mixture.multinomial.MultinomialMixtureParameters;
import dev.sparkem.mixture.multinomial.MultinomialMixtureSampler;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reducing the statistics per component (the path for large k·V, forced here with a threshold
 * of 0 bytes) gives bit-identical numbers to reducing them whole: the same sums in the same
 * order, over 20 partitions so that the reduction tree has two levels, for two models in one
 * pass and for whole fits.
 */
class PartReductionTest {
  private static final MultinomialMixtureParameters TRUTH =
      MultinomialMixtureSampler.randomMixture(3, 50, new SplittableRandom(6));
  private static PackedData data;

  @BeforeAll
  static void pack() {
    MultinomialMixtureSampler sampler =
        new MultinomialMixtureSampler(TRUTH, new SplittableRandom(7));
    double[][] rows = new double[800][50];
    for (int i = 0; i < rows.length; i++) {
      sampler.sample(i % 97 == 0 ? 0 : 25, rows[i]); // a few empty documents, skipped
    }
    data = FamilyFixtures.pack(rows, 20, MultinomialMixtureFamily.VALUE_DOMAIN, true);
  }

  @AfterAll
  static void release() {
    data.release();
  }

  private static void assertIdentical(ComponentSums whole, ComponentSums byPart) {
    assertEquals(whole.k(), byPart.k());
    assertEquals(whole.skippedRows(), byPart.skippedRows());
    assertEquals(whole.skippedWeight(), byPart.skippedWeight());
    for (int j = 0; j < whole.k(); j++) {
      assertEquals(whole.weight(j), byPart.weight(j), 0.0, "N_" + j);
      assertArrayEquals(whole.sums(j), byPart.sums(j), 0.0, "sums of component " + j);
    }
  }

  @Test
  void onePassOfTwoModelsIsBitIdentical() {
    MultinomialMixtureParameters other =
        MultinomialMixtureSampler.randomMixture(4, 50, new SplittableRandom(8));
    List<Scoring<RowBlock, ?, ?>> scorings = List.of(
        new Scoring<>(new MultinomialMixtureFamily(0.01), TRUTH),
        new Scoring<>(new MultinomialMixtureFamily(0.01), other));
    List<PassResult<?>> whole = withKeyedReductionBytes(Long.MAX_VALUE,
        () -> DistributedPass.runAll(data.blocks(), scorings));
    List<PassResult<?>> byPart =
        withKeyedReductionBytes(0, () -> DistributedPass.runAll(data.blocks(), scorings));
    for (int i = 0; i < 2; i++) {
      assertEquals(whole.get(i).logLikelihood(), byPart.get(i).logLikelihood(), 0.0);
      assertEquals(whole.get(i).weight(), byPart.get(i).weight(), 0.0);
      assertEquals(800, byPart.get(i).rows());
      assertIdentical((ComponentSums) whole.get(i).statistics(),
          (ComponentSums) byPart.get(i).statistics());
    }
    assertEquals(9, ((ComponentSums) byPart.get(0).statistics()).skippedRows());
  }

  @Test
  void wholeFitsAreBitIdentical() {
    EmSettings settings = new EmSettings(8, 0, 0);
    Supplier<FitResult<MultinomialMixtureParameters>> multinomial = () ->
        ExpectationMaximization.fit(data.blocks(), new MultinomialMixtureFamily(0.01),
            MultinomialMixtureSampler.randomMixture(3, 50, new SplittableRandom(9)), settings,
            IterationListener.NONE);
    FitResult<MultinomialMixtureParameters> whole =
        withKeyedReductionBytes(Long.MAX_VALUE, multinomial);
    FitResult<MultinomialMixtureParameters> byPart = withKeyedReductionBytes(0, multinomial);
    assertArrayEquals(whole.logLikelihoods(), byPart.logLikelihoods(), 0.0);
    for (int j = 0; j < 3; j++) {
      assertArrayEquals(whole.model().theta(j), byPart.model().theta(j), 0.0);
    }
    assertIdentical(
        withKeyedReductionBytes(Long.MAX_VALUE,
            () -> RandomStarts.randomResponsibilities(data.blocks(), 3, 4L, true)),
        withKeyedReductionBytes(0,
            () -> RandomStarts.randomResponsibilities(data.blocks(), 3, 4L, true)));
  }

  @Test
  void partsJoinBackToTheWhole() {
    ComponentSums sums = new ComponentSums(3, 4);
    NonZeros x = new NonZeros(new int[] {0, 2, 3}, new int[] {0, 3, 1},
        new double[] {2, 5, 1});
    sums.add(x, new double[] {0.2, 0.3, 0.5, 0.6, 0.3, 0.1});
    sums.skip(1.5);
    ComponentSums joined = sums.joinParts(List.of(sums.part(0), sums.part(1), sums.part(2)));
    assertIdentical(sums, joined);
    assertThrows(IllegalArgumentException.class, () -> sums.part(3));
    assertThrows(IllegalArgumentException.class,
        () -> sums.joinParts(List.of(sums.part(0), new ComponentSums(2, 4))));
  }
}
