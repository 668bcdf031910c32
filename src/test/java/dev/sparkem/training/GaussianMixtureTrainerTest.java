package dev.sparkem.training;

import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.GaussianInitializer;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Restarts: all share the passes, each equals the same fit run alone, the best is kept. */
class GaussianMixtureTrainerTest {
  private static PackedData iris;

  @BeforeAll
  static void pack() {
    iris = SharedSpark.pack(ReferenceData.firstColumns("gmm/iris.csv", 4), 3);
  }

  @AfterAll
  static void release() {
    iris.release();
  }

  @Test
  void theKeptRestartHasTheBestLogLikelihoodAndEveryRestartIsListed() {
    EmSettings settings = new EmSettings(200, 1e-8, 0);
    TrainingOptions options =
        new TrainingOptions(3, CovarianceType.DIAG, 1e-6, InitMode.RANDOM, 5, 7, settings);
    TrainingResult result =
        GaussianMixtureTrainer.train(iris, options, null, IterationListener.NONE);
    assertEquals(5, result.restarts().size());
    Set<Long> distinctSeeds = new HashSet<>();
    double best = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < 5; r++) {
      FitResult<GaussianMixtureParameters> restart = result.restarts().get(r);
      assertMonotone(restart);
      best = Math.max(best, restart.logLikelihood());
      distinctSeeds.add(options.restartSeed(r));
      // Oracle: the same restart fitted alone, from the same seeded start point.
      GaussianMixtureParameters start = GaussianInitializer.start(InitMode.RANDOM, iris, 3,
          CovarianceType.DIAG, options.restartSeed(r), 1e-6);
      FitResult<GaussianMixtureParameters> alone = ExpectationMaximization.fit(iris.blocks(),
          new GaussianMixtureFamily(CovarianceType.DIAG, 1e-6), start, settings,
          IterationListener.NONE);
      assertEquals(alone.logLikelihood(), restart.logLikelihood(), 0.0, "restart " + r);
      assertEquals(alone.iterations(), restart.iterations(), "restart " + r);
    }
    assertEquals(5, distinctSeeds.size());
    assertEquals(best, result.bestFit().logLikelihood(), 0.0);
    List<Double> finals = new ArrayList<>();
    result.restarts().forEach(f -> finals.add(f.logLikelihood()));
    assertTrue(finals.stream().distinct().count() > 1, "restarts reached different optima: "
        + finals);
  }

  @Test
  void aGivenStartNeedsOneRestartAndMatchingShape() {
    GaussianMixtureParameters given = GaussianInitializer.start(InitMode.RANDOM, iris, 2,
        CovarianceType.FULL, 1, 1e-6);
    EmSettings settings = new EmSettings(5, 0, 0);
    IllegalArgumentException restarts = assertThrows(IllegalArgumentException.class, () ->
        GaussianMixtureTrainer.train(iris, new TrainingOptions(2, CovarianceType.FULL, 1e-6,
            InitMode.KMEANS, 2, 1, settings), given, IterationListener.NONE));
    assertTrue(restarts.getMessage().contains("nInit is 2"), restarts.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () ->
        GaussianMixtureTrainer.train(iris, new TrainingOptions(2, CovarianceType.DIAG, 1e-6,
            InitMode.KMEANS, 1, 1, settings), given, IterationListener.NONE));
    assertTrue(type.getMessage().contains("expected k=2 and diag"), type.getMessage());
    TrainingResult ok = GaussianMixtureTrainer.train(iris, new TrainingOptions(2,
        CovarianceType.FULL, 1e-6, InitMode.KMEANS, 1, 1, settings), given,
        IterationListener.NONE);
    assertEquals(5, ok.bestFit().iterations());
    assertNotEquals(given.weights()[0], ok.model().weights()[0]);
  }
}
