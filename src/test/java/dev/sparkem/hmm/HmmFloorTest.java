package dev.sparkem.hmm;

import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.testing.SharedSpark;
import dev.sparkem.training.HmmTrainer;
import dev.sparkem.training.HmmTraining;
import dev.sparkem.training.HmmTrainingOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The covariance ridge regCovar and the rate floor of {@link BaumWelchSettings}: a state that
 * only ever emits one value has maximum-likelihood variance (or rate) exactly 0, so with the
 * ridge its variance is exactly regCovar (and its rate exactly the floor), by the closed form
 * σ² = Σγ(x − μ)²/Σγ + regCovar = 0 + regCovar, and without it the fit is degenerate.
 *
 * <p>Why exactly: state 1 starts centred on the constant c = 10 (Poisson: 0), and the other
 * observations lie ≥ 9 standard deviations of the ridged variance away (Poisson: counts ≥ 3 under
 * a rate of at most 1e-3), so after the first M-step their posterior in state 1 underflows to 0
 * or is negligible and x − μ is exactly 0 for every observation state 1 explains. The data and
 * start points are public for the jobs' test of --reg-covar and --rate-floor.
 */
public class HmmFloorTest {
  private static final JavaSparkContext JSC =
      JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
  private static final EmSettings SETTINGS = new EmSettings(10, 0, 0);
  private static final double[] START = {0.5, 0.5};
  private static final double[][] TRANSITIONS = {{0.7, 0.3}, {0.3, 0.7}};
  /** State 0 emits the spread values, state 1 only the constant. */
  private static final double[][] SPREAD = {{-1, 0}, {0, 1}, {1, -1}, {0, 0}, {2, 1}};
  private static final double CONSTANT = 10;

  /**
   * 40 sequences of length 8 alternating runs of d-dimensional spread values (d ≤ 2) and of the
   * constant 10 in every coordinate.
   */
  public static double[][][] sequences(int d) {
    double[][][] sequences = new double[40][8][];
    for (int s = 0; s < sequences.length; s++) {
      for (int t = 0; t < 8; t++) {
        boolean constant = ((s + t) / 3) % 2 == 1;
        double[] spread = SPREAD[(s * 7 + t) % SPREAD.length];
        sequences[s][t] = new double[d];
        for (int a = 0; a < d; a++) {
          sequences[s][t][a] = constant ? CONSTANT : spread[a];
        }
      }
    }
    return sequences;
  }

  /** As {@link #sequences}, counts: runs of 3..7 and runs of 0. */
  public static int[][] counts() {
    int[][] counts = new int[40][8];
    for (int s = 0; s < counts.length; s++) {
      for (int t = 0; t < 8; t++) {
        counts[s][t] = ((s + t) / 3) % 2 == 1 ? 0 : 3 + (s * 7 + t) % 5;
      }
    }
    return counts;
  }

  /** The start point of a 1-dimensional diagonal Gaussian fit of {@link #sequences}. */
  public static HmmParameters gaussianStart() {
    return start(GaussianEmission.diagonal(new double[][] {{0}, {CONSTANT}},
        new double[][] {{1}, {1}}));
  }

  /** The start point of a Poisson fit of {@link #counts}: state 1 at rate 1e-100. */
  public static HmmParameters poissonStart() {
    return start(PoissonEmission.of(new double[] {5, 1e-100}));
  }

  private static HmmParameters start(Emission emission) {
    return HmmParameters.of(START, TRANSITIONS, emission);
  }

  private static HmmTraining fit(JavaRDD<SequenceBlock> data, EmissionType type,
      HmmParameters given, BaumWelchSettings estimation) {
    try {
      return HmmTrainer.train(data, new HmmTrainingOptions(2, type, null, 1, 1L, given, 0,
          estimation), SETTINGS, IterationListener.NONE);
    } finally {
      data.unpersist();
    }
  }

  private static void assertDegenerate(HmmTraining training, String message) {
    FitResult<HmmParameters> fit = training.bestFit();
    assertEquals(FitStatus.DEGENERATE, fit.status());
    assertTrue(fit.message().orElse("").contains(message), fit.message().toString());
  }

  @Test
  void diagonalRidgeIsExactlyTheVarianceOfAConstantState() {
    double ridge = 1e-2;
    HmmParameters start = gaussianStart();
    HmmTraining training = fit(SequenceBlocks.real(JSC, sequences(1), null, 2),
        EmissionType.GAUSSIAN, start, BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(ridge, 0));
    assertEquals(FitStatus.MAX_ITERATIONS, training.bestFit().status());
    assertMonotone(training.bestFit());
    GaussianEmission fitted = (GaussianEmission) training.model().emission();
    assertEquals(CONSTANT, fitted.means()[1][0]);
    assertEquals(ridge, fitted.variances()[1][0]);
    assertTrue(fitted.variances()[0][0] > 0.5, "the spread state keeps its own variance");

    HmmTraining plain = fit(SequenceBlocks.real(JSC, sequences(1), null, 2),
        EmissionType.GAUSSIAN, start, BaumWelchSettings.MAXIMUM_LIKELIHOOD);
    assertDegenerate(plain, "state 1 coordinate 0: variance is 0.0");
  }

  @Test
  void fullRidgeIsExactlyTheCovarianceOfAConstantState() {
    double ridge = 1e-2;
    double[][] identity = {{1, 0}, {0, 1}};
    HmmParameters start = start(FullGaussianEmission.of(
        new double[][] {{0, 0}, {CONSTANT, CONSTANT}}, new double[][][] {identity, identity}));
    HmmTraining training = fit(SequenceBlocks.real(JSC, sequences(2), null, 2),
        EmissionType.FULL_GAUSSIAN, start,
        BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(ridge, 0));
    assertMonotone(training.bestFit());
    double[][] covariance = ((FullGaussianEmission) training.model().emission())
        .covariances()[1];
    assertEquals(ridge, covariance[0][0]);
    assertEquals(ridge, covariance[1][1]);
    assertEquals(0.0, covariance[0][1]);

    HmmTraining plain = fit(SequenceBlocks.real(JSC, sequences(2), null, 2),
        EmissionType.FULL_GAUSSIAN, start, BaumWelchSettings.MAXIMUM_LIKELIHOOD);
    assertDegenerate(plain, "covariance of state 1");
  }

  @Test
  void rateFloorIsExactlyTheRateOfAStateThatOnlyEmitsZeros() {
    int[][] counts = counts();
    double floor = 1e-3;
    HmmParameters start = poissonStart();
    HmmTraining training = fit(SequenceBlocks.categorical(JSC, counts, null, 2),
        EmissionType.POISSON, start, BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(0, floor));
    assertMonotone(training.bestFit());
    double[] rates = ((PoissonEmission) training.model().emission()).rates();
    assertEquals(floor, rates[1]);
    assertTrue(rates[0] > 3, "the counting state keeps its rate");

    HmmTraining plain = fit(SequenceBlocks.categorical(JSC, counts, null, 2),
        EmissionType.POISSON, start, BaumWelchSettings.MAXIMUM_LIKELIHOOD);
    assertDegenerate(plain, "state 1: rate is 0.0");
  }

  @Test
  void settingsRejectNegativeFloorsAndFloorsOfAnotherEmission() {
    assertThrows(IllegalArgumentException.class,
        () -> BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(-1e-3, 0));
    assertThrows(IllegalArgumentException.class,
        () -> BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(0, Double.POSITIVE_INFINITY));
    PoissonEmission poisson = PoissonEmission.of(new double[] {1, 2});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> poisson.zeroStatistics().maximize(poisson,
            BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(1e-6, 0)));
    assertTrue(e.getMessage().contains("regCovar is 1.0E-6, expected 0 for Poisson"),
        e.getMessage());
  }
}
