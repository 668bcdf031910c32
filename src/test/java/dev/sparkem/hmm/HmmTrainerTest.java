package dev.sparkem.hmm;

import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.InitMode;
import dev.sparkem.testing.SharedSpark;
import dev.sparkem.training.HmmTrainer;
import dev.sparkem.training.HmmTraining;
import dev.sparkem.training.HmmTrainingOptions;
import java.util.Arrays;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * HmmTrainer: restarts and the best one, BIC/AIC's parameter count, fixed start and transitions,
 * pseudo-counts on π and emissions, k-means and random starts that do not depend on the
 * partitioning.
 */
class HmmTrainerTest {
  private static final JavaSparkContext JSC =
      JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
  private static final int[][] SEQUENCES =
      HmmFitTest.generate(HmmFitTest.TRUE_CATEGORICAL, 300, 30, 99L);
  private static final JavaRDD<SequenceBlock> DATA =
      SequenceBlocks.categorical(JSC, SEQUENCES, null, 2);
  private static final EmSettings SETTINGS = new EmSettings(200, 1e-8, 0);
  private static final EmSettings SHORT = new EmSettings(15, 0, 0);

  @AfterAll
  static void release() {
    DATA.unpersist();
  }

  private static HmmTraining train(JavaRDD<SequenceBlock> data, HmmTrainingOptions options,
      EmSettings settings) {
    HmmTraining training = HmmTrainer.train(data, options, settings, IterationListener.NONE);
    training.restarts().forEach(dev.sparkem.testing.NumericAssertions::assertMonotone);
    return training;
  }

  @Test
  void keepsTheRestartWithTheBestLogLikelihoodAndEachRestartIsItsOwnFit() {
    HmmTraining three = train(DATA,
        HmmTrainingOptions.of(3, EmissionType.CATEGORICAL, InitMode.RANDOM, 3, 5L), SHORT);
    double best = three.restarts().stream().mapToDouble(FitResult::logLikelihood).max()
        .orElseThrow();
    assertEquals(best, three.bestFit().logLikelihood());
    for (int r = 0; r < 3; r++) {
      HmmTraining alone = train(DATA, HmmTrainingOptions.of(3, EmissionType.CATEGORICAL,
          InitMode.RANDOM, 1, three.restartSeed(r)), SHORT);
      assertEquals(three.restarts().get(r).logLikelihood(), alone.bestFit().logLikelihood(),
          "restart " + r + " is the fit from its own seed");
    }
  }

  @Test
  void bicAndAicCountOnlyTheLearnedParametersOverTheObservations() {
    long observations = Arrays.stream(SEQUENCES).mapToLong(s -> s.length).sum();
    HmmParameters given = HmmFitTest.START;
    for (boolean learnStart : new boolean[] {true, false}) {
      for (boolean learnTransitions : new boolean[] {true, false}) {
        BaumWelchSettings estimation =
            new BaumWelchSettings(0, 0, 0, learnStart, learnTransitions);
        HmmTraining training = train(DATA, new HmmTrainingOptions(3,
            EmissionType.CATEGORICAL, null, 1, 1L, given, 0, estimation), new EmSettings(5, 0, 0));
        // 3 states, 4 symbols: π 2, A 6, B 3·3 = 9
        int p = (learnStart ? 2 : 0) + (learnTransitions ? 6 : 0) + 9;
        double ll = training.bestFit().logLikelihood();
        assertEquals(p, training.scores().parameters());
        assertEquals(observations, training.summary().observations());
        assertEquals(-2 * ll + p * Math.log(observations), training.scores().bic(), 1e-9);
        assertEquals(-2 * ll + 2 * p, training.scores().aic(), 1e-9);
        HmmParameters fitted = training.model();
        if (!learnStart) {
          assertArrayEquals(given.start(), fitted.start(), "fixed start");
        }
        if (!learnTransitions) {
          for (int i = 0; i < 3; i++) {
            assertArrayEquals(given.transitions()[i], fitted.transitions()[i], "fixed A " + i);
          }
        } else {
          assertTrue(!Arrays.equals(given.transitions()[0], fitted.transitions()[0]));
        }
      }
    }
  }

  @Test
  void startPseudoCountIsAddedToTheExpectedInitialCounts() {
    double alpha = 2.5;
    HmmTraining training = train(DATA, new HmmTrainingOptions(3, EmissionType.CATEGORICAL, null,
        1, 1L, HmmFitTest.START, 0, new BaumWelchSettings(alpha, 0, 0, true, true)),
        new EmSettings(1, 0, 0));
    // oracle: γ_1 of every sequence under the start point, from the Decoder
    Decoder decoder = new Decoder(HmmFitTest.START);
    double[] counts = new double[3];
    for (int[] sequence : SEQUENCES) {
      double[] gamma = decoder.posteriors(
          SequenceBlock.categorical(null, new int[][] {sequence}, null), 0)[0];
      for (int k = 0; k < 3; k++) {
        counts[k] += gamma[k];
      }
    }
    for (int k = 0; k < 3; k++) {
      assertEquals((counts[k] + alpha) / (SEQUENCES.length + 3 * alpha),
          training.model().start()[k], 1e-12);
    }
  }

  @Test
  void anEmissionPseudoCountKeepsAnUnseenSymbolPossible() {
    int[][] noThree = Arrays.stream(SEQUENCES)
        .map(s -> Arrays.stream(s).map(x -> x == 3 ? 2 : x).toArray()).toArray(int[][]::new);
    JavaRDD<SequenceBlock> data = SequenceBlocks.categorical(JSC, noThree, null, 2);
    HmmTraining plain = train(data, new HmmTrainingOptions(2, EmissionType.CATEGORICAL,
        InitMode.RANDOM, 1, 3L, null, 4, BaumWelchSettings.MAXIMUM_LIKELIHOOD), SETTINGS);
    HmmTraining smoothed = train(data, new HmmTrainingOptions(2, EmissionType.CATEGORICAL,
        InitMode.RANDOM, 1, 3L, null, 4, new BaumWelchSettings(1, 1, 1, true, true)), SETTINGS);
    data.unpersist();
    for (int k = 0; k < 2; k++) {
      double[] b = ((CategoricalEmission) plain.model().emission()).probabilities()[k];
      assertTrue(b[3] < 1e-6, "unsmoothed: symbol 3 tends to 0 in state " + k + ": " + b[3]);
      double[] smooth = ((CategoricalEmission) smoothed.model().emission()).probabilities()[k];
      assertTrue(smooth[3] > 1e-4, "smoothed: symbol 3 keeps mass in state " + k);
    }
  }

  @Test
  void kmeansAndRandomStartsDoNotDependOnThePartitioning() {
    Random random = new Random(4L);
    double[][][] sequences = new double[200][][];
    double[] means = {-5, 0, 6};
    for (int s = 0; s < sequences.length; s++) {
      sequences[s] = new double[1 + random.nextInt(20)][];
      int z = random.nextInt(3);
      for (int t = 0; t < sequences[s].length; t++) {
        z = random.nextDouble() < 0.9 ? z : random.nextInt(3);
        sequences[s][t] = new double[] {means[z] + random.nextGaussian(), random.nextGaussian()};
      }
    }
    JavaRDD<SequenceBlock> one = SequenceBlocks.real(JSC, sequences, null, 1);
    JavaRDD<SequenceBlock> three = SequenceBlocks.real(JSC, sequences, null, 3);
    for (EmissionType type : new EmissionType[] {EmissionType.GAUSSIAN,
        EmissionType.FULL_GAUSSIAN}) {
      for (InitMode init : new InitMode[] {InitMode.KMEANS, InitMode.RANDOM}) {
        HmmTrainingOptions options = HmmTrainingOptions.of(3, type, init, 1, 8L);
        HmmTraining a = train(one, options, new EmSettings(0, 0, 0));
        HmmTraining b = train(three, options, new EmSettings(0, 0, 0));
        assertEquals(HmmJson.toJson(a.model()), HmmJson.toJson(b.model()), type + " " + init);
        if (init == InitMode.KMEANS) {
          double[] starts = Arrays.stream(type == EmissionType.GAUSSIAN
              ? ((GaussianEmission) a.model().emission()).means()
              : ((FullGaussianEmission) a.model().emission()).means())
              .mapToDouble(m -> m[0]).sorted().toArray();
          assertArrayEquals(means, starts, 0.3, "k-means finds the three levels");
        }
      }
    }
    one.unpersist();
    three.unpersist();
  }

  @Test
  void kmeansIsRefusedForSymbolsAndTheWrongObservationKindIsNamed() {
    IllegalArgumentException kmeans = assertThrows(IllegalArgumentException.class,
        () -> train(DATA, HmmTrainingOptions.of(2, EmissionType.CATEGORICAL, InitMode.KMEANS, 1,
            1L), SETTINGS));
    assertTrue(kmeans.getMessage().contains("init kmeans does not apply to categorical"),
        kmeans.getMessage());
    Exception kind = assertThrows(dev.sparkem.data.InvalidDataException.class,
        () -> train(DATA, HmmTrainingOptions.of(2, EmissionType.GAUSSIAN, InitMode.RANDOM, 1,
            1L), SETTINGS));
    assertEquals("the sequences hold integer symbols, expected real values for a gaussian "
        + "emission", kind.getMessage());
  }
}
