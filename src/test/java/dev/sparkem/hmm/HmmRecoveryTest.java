package dev.sparkem.hmm;

import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.testing.SharedSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Recovery of a known 3-state categorical model from 10⁴ generated sequences (lengths 1..30,
 * about 1.55·10⁵ symbols, 1.45·10⁵ transitions), up to label switching (states matched by their
 * most likely symbol, which differs in the true model). Tolerance 0.02 on every probability:
 * each row of A and B is estimated from at least ~2·10⁴ expected transitions or emissions, so
 * the binomial standard error is at most √(0.25/2·10⁴) ≈ 0.0035; 0.02 is more than 5 of them,
 * leaving room for the information lost to the hidden states. π rests on the 10⁴ first
 * positions only (standard error ≤ 0.005), also to 0.02.
 */
class HmmRecoveryTest {

  @Test
  void recoversAKnownThreeStateModel() {
    HmmParameters truth = HmmFitTest.TRUE_CATEGORICAL;
    int[][] sequences = HmmFitTest.generate(truth, 10_000, 30, 2026L);
    JavaRDD<SequenceBlock> data = SequenceBlocks.categorical(
        JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext()), sequences, null,
        4);
    FitResult<HmmParameters> result = ExpectationMaximization.fit(data, new HmmFamily(),
        HmmFitTest.START, new EmSettings(1000, 1e-9, 0), IterationListener.NONE);
    assertMonotone(result);
    assertTrue(result.converged(), result.toString());
    HmmParameters fitted = result.model();
    double[][] trueB = ((CategoricalEmission) truth.emission()).probabilities();
    double[][] fitB = ((CategoricalEmission) fitted.emission()).probabilities();
    int[] label = new int[3]; // label[true state] = fitted state
    for (int k = 0; k < 3; k++) {
      label[k] = -1;
      int symbol = argmax(trueB[k]);
      for (int j = 0; j < 3; j++) {
        if (argmax(fitB[j]) == symbol) {
          label[k] = j;
        }
      }
      assertTrue(label[k] >= 0, "no fitted state emits mostly symbol " + symbol);
    }
    double[] pi = truth.start();
    double[][] a = truth.transitions();
    for (int i = 0; i < 3; i++) {
      assertEquals(pi[i], fitted.start()[label[i]], 0.02, "π " + i);
      for (int j = 0; j < 3; j++) {
        assertEquals(a[i][j], fitted.transitions()[label[i]][label[j]], 0.02, "A " + i + j);
      }
      for (int m = 0; m < 4; m++) {
        assertEquals(trueB[i][m], fitB[label[i]][m], 0.02, "B " + i + m);
      }
    }
    data.unpersist();
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
