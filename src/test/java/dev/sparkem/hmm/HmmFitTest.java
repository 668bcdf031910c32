package dev.sparkem.hmm;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.testing.SharedSpark;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Baum–Welch on sequences drawn from known models: a length-10⁵ sequence, partitioning
 * invariance, weights, the MAP objective with pseudo-counts, the merge contract, and bad input.
 */
class HmmFitTest {
  private static final JavaSparkContext JSC =
      JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

  static final HmmParameters TRUE_CATEGORICAL = HmmParameters.of(new double[] {0.6, 0.3, 0.1},
      new double[][] {{0.8, 0.15, 0.05}, {0.1, 0.8, 0.1}, {0.2, 0.2, 0.6}},
      CategoricalEmission.of(new double[][] {
          {0.7, 0.1, 0.1, 0.1}, {0.1, 0.7, 0.1, 0.1}, {0.05, 0.05, 0.2, 0.7}}));

  /** A start point away from the truth. */
  static final HmmParameters START = HmmParameters.of(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
      new double[][] {{0.5, 0.25, 0.25}, {0.25, 0.5, 0.25}, {0.25, 0.25, 0.5}},
      CategoricalEmission.of(new double[][] {
          {0.4, 0.2, 0.2, 0.2}, {0.2, 0.4, 0.2, 0.2}, {0.2, 0.2, 0.3, 0.3}}));

  /** Draws {@code count} sequences of lengths 1..maxLength from the categorical model. */
  static int[][] generate(HmmParameters model, int count, int maxLength, long seed) {
    Random random = new Random(seed);
    double[] pi = model.start();
    double[][] a = model.transitions();
    double[][] b = ((CategoricalEmission) model.emission()).probabilities();
    int[][] sequences = new int[count][];
    for (int s = 0; s < count; s++) {
      int length = 1 + random.nextInt(maxLength);
      sequences[s] = new int[length];
      int z = draw(pi, random);
      for (int t = 0; t < length; t++) {
        if (t > 0) {
          z = draw(a[z], random);
        }
        sequences[s][t] = draw(b[z], random);
      }
    }
    return sequences;
  }

  static int draw(double[] p, Random random) {
    double u = random.nextDouble();
    for (int i = 0; i < p.length - 1; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  private static FitResult<HmmParameters> fit(JavaRDD<SequenceBlock> data, HmmFamily family,
      int iterations) {
    FitResult<HmmParameters> result = ExpectationMaximization.fit(data, family, START,
        new EmSettings(iterations, 0, 0), IterationListener.NONE);
    assertMonotone(result);
    return result;
  }

  @Test
  void sequenceOfLength100000HasAFiniteLogLikelihood() {
    int[] x = new int[100_000];
    Random random = new Random(7L);
    int z = 0;
    double[][] a = TRUE_CATEGORICAL.transitions();
    double[][] b = ((CategoricalEmission) TRUE_CATEGORICAL.emission()).probabilities();
    for (int t = 0; t < x.length; t++) {
      z = t == 0 ? 0 : draw(a[z], random);
      x[t] = draw(b[z], random);
    }
    SequenceBlock block = SequenceBlock.categorical(null, new int[][] {x}, null);
    double ll = new Decoder(TRUE_CATEGORICAL).logLikelihood(block, 0);
    assertTrue(Double.isFinite(ll) && ll < 0, "log-likelihood " + ll);
    // about 1 nat per symbol: far below the smallest double's log (−745), so unscaled would fail
    assertTrue(ll < -50_000 && ll > -200_000, "log-likelihood " + ll);
    FitResult<HmmParameters> result =
        fit(SequenceBlocks.categorical(JSC, new int[][] {x}, null, 1), new HmmFamily(), 3);
    assertTrue(Double.isFinite(result.logLikelihood()));
    assertEquals(100_000, new Decoder(result.model()).viterbi(block, 0).length);
  }

  @Test
  void oneAndFourPartitionsAgree() {
    int[][] sequences = generate(TRUE_CATEGORICAL, 400, 30, 11L);
    double[] weights = new double[sequences.length];
    for (int s = 0; s < weights.length; s++) {
      weights[s] = 0.5 + (s % 3);
    }
    JavaRDD<SequenceBlock> one = SequenceBlocks.categorical(JSC, sequences, weights, 1);
    JavaRDD<SequenceBlock> four = SequenceBlocks.categorical(JSC, sequences, weights, 4);
    assertEquals(4, four.getNumPartitions());
    FitResult<HmmParameters> a = fit(one, new HmmFamily(), 10);
    FitResult<HmmParameters> b = fit(four, new HmmFamily(), 10);
    for (int t = 0; t < a.logLikelihoods().length; t++) {
      assertEquals(a.logLikelihoods()[t], b.logLikelihoods()[t],
          1e-9 * Math.abs(a.logLikelihoods()[t]), "log-likelihood " + t);
    }
    assertClose(a.model().start(), b.model().start(), 1e-9, "start");
    assertClose(a.model().transitions(), b.model().transitions(), 1e-9, "transitions");
    assertClose(((CategoricalEmission) a.model().emission()).probabilities(),
        ((CategoricalEmission) b.model().emission()).probabilities(), 1e-9, "emissions");
    one.unpersist();
    four.unpersist();
  }

  @Test
  void integerWeightsEqualRepeatedSequences() {
    int[][] sequences = generate(TRUE_CATEGORICAL, 50, 10, 12L);
    int[][] repeated = new int[100][];
    double[] weights = new double[50];
    for (int s = 0; s < 50; s++) {
      repeated[2 * s] = sequences[s];
      repeated[2 * s + 1] = sequences[s];
      weights[s] = 2;
    }
    FitResult<HmmParameters> weighted =
        fit(SequenceBlocks.categorical(JSC, sequences, weights, 2), new HmmFamily(), 5);
    FitResult<HmmParameters> copies =
        fit(SequenceBlocks.categorical(JSC, repeated, null, 3), new HmmFamily(), 5);
    assertEquals(copies.logLikelihood(), weighted.logLikelihood(),
        1e-9 * Math.abs(copies.logLikelihood()));
    assertClose(copies.model().transitions(), weighted.model().transitions(), 1e-9, "A");
  }

  @Test
  void pseudoCountsGiveAMonotoneMapObjectiveAndNoZeroProbabilities() {
    // Symbol 3 never occurs: the ML emission for it goes to 0, the MAP one stays > 0.
    int[][] sequences = generate(TRUE_CATEGORICAL, 200, 20, 13L);
    for (int[] x : sequences) {
      for (int t = 0; t < x.length; t++) {
        x[t] = Math.min(x[t], 2);
      }
    }
    JavaRDD<SequenceBlock> data = SequenceBlocks.categorical(JSC, sequences, null, 2);
    HmmFamily family = new HmmFamily(1.0, 1.0);
    FitResult<HmmParameters> result = fit(data, family, 15);
    double[][] b = ((CategoricalEmission) result.model().emission()).probabilities();
    for (double[] row : b) {
      assertTrue(row[3] > 0, "smoothed probability of an unseen symbol");
    }
    double[] objectives = result.objectives();
    double[] lls = result.logLikelihoods();
    assertEquals(lls[lls.length - 1] + family.logPrior(result.model()),
        objectives[objectives.length - 1], 1e-9 * Math.abs(objectives[objectives.length - 1]));
    FitResult<HmmParameters> ml = fit(data, new HmmFamily(), 15);
    double[][] mlB = ((CategoricalEmission) ml.model().emission()).probabilities();
    assertTrue(mlB[0][3] < 1e-6, "ML probability of an unseen symbol " + mlB[0][3]);
    data.unpersist();
  }

  @Test
  void mergedPartsEqualTheWhole() {
    int[][] sequences = generate(TRUE_CATEGORICAL, 20, 8, 14L);
    HmmFamily family = new HmmFamily();
    HmmStatistics whole = family.zero(START);
    double llWhole = family.accumulate(START,
        SequenceBlock.categorical(null, sequences, null), whole);
    HmmStatistics left = family.zero(START);
    HmmStatistics right = family.zero(START);
    double ll = family.accumulate(START, SequenceBlock.categorical(null,
        java.util.Arrays.copyOfRange(sequences, 0, 7), null), left);
    ll += family.accumulate(START, SequenceBlock.categorical(null,
        java.util.Arrays.copyOfRange(sequences, 7, 20), null), right);
    left.merge(right);
    assertEquals(llWhole, ll, 1e-12 * Math.abs(llWhole));
    assertEquals(llWhole, left.logLikelihood(), 1e-12 * Math.abs(llWhole));
    assertEquals(20.0, left.totalWeight());
    assertClose(whole.initialCounts(), left.initialCounts(), 1e-12, "initial counts");
    assertClose(whole.transitionCounts(), left.transitionCounts(), 1e-12, "transition counts");
    HmmStatistics twoStates = family.zero(HmmParameters.of(new double[] {0.5, 0.5},
        new double[][] {{0.5, 0.5}, {0.5, 0.5}},
        CategoricalEmission.of(new double[][] {{0.5, 0.5}, {0.5, 0.5}})));
    assertThrows(IllegalArgumentException.class, () -> left.merge(twoStates));
  }

  @Test
  void badInputIsNamedBySequenceAndPosition() {
    InvalidDataException empty = assertThrows(InvalidDataException.class,
        () -> SequenceBlock.categorical(new long[] {5, 9}, new int[][] {{1}, {}}, null));
    assertTrue(empty.getMessage().contains("sequence 9 is empty"), empty.getMessage());
    InvalidDataException nan = assertThrows(InvalidDataException.class,
        () -> SequenceBlock.real(null, new double[][][] {{{1.0}, {Double.NaN}}}, null));
    assertTrue(nan.getMessage().contains("sequence 0 position 1"), nan.getMessage());
    InvalidDataException width = assertThrows(InvalidDataException.class,
        () -> SequenceBlock.real(null, new double[][][] {{{1.0}}, {{1.0, 2.0}}}, null));
    assertTrue(width.getMessage().contains("dimension 2, expected 1"), width.getMessage());
    SequenceBlock unknown = SequenceBlock.categorical(new long[] {42}, new int[][] {{0, 1, 7}},
        null);
    InvalidDataException symbol = assertThrows(InvalidDataException.class,
        () -> new Decoder(TRUE_CATEGORICAL).viterbi(unknown, 0));
    assertTrue(symbol.getMessage().contains("sequence 42 position 2: symbol is 7"),
        symbol.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.5, 0.6}, {0.5, 0.5}},
            TRUE_CATEGORICAL.emission()));
    assertTrue(rows.getMessage().contains("transitions row 0 sums to"), rows.getMessage());
  }
}
