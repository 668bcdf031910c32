package dev.sparkem.hmm;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Baum–Welch against the numpy / pomegranate 0.14.8 fits of {@code hmm_categorical_lambda_phage
 * .json} (2 states over ACGT, 48,502 bases), {@code hmm_gaussian_nile.json} (2 states, 100
 * flows) and {@code hmm_poisson_earthquakes.json} (2 and 3 states, 107 yearly counts), from
 * their stored starts with the references' own stop rules (|ΔLL| &lt; 1e-9, 1e-12 and 1e-12;
 * one sequence of weight 1, so the engine's per-unit-weight rule is the same), plus the
 * hand-checkable forward–backward values of all three cases of
 * {@code hmm_tiny_forward_backward.json} (categorical, Poisson, Gaussian).
 * Log-likelihoods and parameters to 1e-6 relative; probabilities near 0 (the converged start
 * distribution is 2e-12 or 6e-137) to 1e-6 absolute.
 */
class HmmReferenceTest {
  private static final JavaSparkContext JSC =
      JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

  private static FitResult<HmmParameters> fit(JavaRDD<SequenceBlock> data, HmmParameters start,
      EmSettings settings) {
    FitResult<HmmParameters> result = ExpectationMaximization.fit(data, new HmmFamily(), start,
        settings, IterationListener.NONE);
    assertMonotone(result);
    return result;
  }

  private static void compare(JsonNode fit, JavaRDD<SequenceBlock> data,
      Function<JsonNode, HmmParameters> parse, double tolerance, String emissionsName) {
    HmmParameters start = parse.apply(fit.get("init"));
    FitResult<HmmParameters> five = fit(data, start, new EmSettings(5, 0, 0));
    for (int t = 0; t <= 5; t++) {
      assertRelative(fit.get("loglik_after_iterations_0_to_5").get(t).asDouble(),
          five.logLikelihoods()[t], 1e-9, "log-likelihood after " + t);
    }
    HmmParameters one = fit(data, start, new EmSettings(1, 0, 0)).model();
    assertSame(parse.apply(fit.get("after_1_iteration")), one, 1e-9);

    FitResult<HmmParameters> converged = fit(data, start, new EmSettings(20000, tolerance, 0));
    JsonNode numpy = fit.get("numpy");
    assertRelative(numpy.get("loglik").asDouble(), converged.logLikelihood(), 1e-9,
        "converged log-likelihood");
    // The iteration count may differ by one: the stop thresholds (1e-12 on a total of 342 for
    // the earthquakes) are at the level of round-off, so when the rule fires depends on the
    // summation order (λ-phage, Nile, earthquakes k = 3 match exactly; k = 2 stops at 50, not 51).
    assertEquals(numpy.get("iterations").asInt(), converged.iterations(), 1.0, "iterations");
    assertSame(parse.apply(numpy), converged.model(), 1e-6);
  }

  /** π and A to {@code tolerance} absolute, emissions to {@code tolerance} relative. */
  private static void assertSame(HmmParameters expected, HmmParameters actual, double tolerance) {
    assertClose(expected.start(), actual.start(), tolerance, "start");
    assertClose(expected.transitions(), actual.transitions(), tolerance, "transitions");
    if (expected.emission() instanceof CategoricalEmission e) {
      assertClose(e.probabilities(), ((CategoricalEmission) actual.emission()).probabilities(),
          tolerance, "emission probabilities");
    } else if (expected.emission() instanceof PoissonEmission e) {
      double[] rates = ((PoissonEmission) actual.emission()).rates();
      for (int k = 0; k < e.states(); k++) {
        assertRelative(e.rates()[k], rates[k], tolerance, "rate " + k);
      }
    } else {
      GaussianEmission e = (GaussianEmission) expected.emission();
      GaussianEmission a = (GaussianEmission) actual.emission();
      for (int k = 0; k < e.states(); k++) {
        assertRelative(e.means()[k][0], a.means()[k][0], tolerance, "mean " + k);
        assertRelative(e.variances()[k][0], a.variances()[k][0], 2 * tolerance, "variance " + k);
      }
    }
  }

  @Test
  void lambdaPhageCategorical() {
    JsonNode reference = ReferenceData.json("hmm_categorical_lambda_phage.json");
    int[] genome = HmmFixtures.lambdaPhage();
    assertEquals(reference.get("T").asInt(), genome.length);
    JavaRDD<SequenceBlock> data =
        SequenceBlocks.categorical(JSC, new int[][] {genome}, null, 1);
    compare(reference.get("fits").get(0), data, HmmFixtures::categorical, 1e-9, "emissions");
    data.unpersist();
  }

  @Test
  void nileGaussian() {
    JsonNode reference = ReferenceData.json("hmm_gaussian_nile.json");
    double[][] flows = HmmFixtures.nile();
    assertEquals(reference.get("T").asInt(), flows.length);
    JavaRDD<SequenceBlock> data = SequenceBlocks.real(JSC, new double[][][] {flows}, null, 1);
    compare(reference.get("fits").get(0), data, HmmFixtures::gaussian, 1e-12, "emissions");
    data.unpersist();
  }

  @Test
  void earthquakesPoisson() {
    JsonNode reference = ReferenceData.json("hmm_poisson_earthquakes.json");
    int[] counts = HmmFixtures.earthquakes();
    assertEquals(reference.get("T").asInt(), counts.length);
    JavaRDD<SequenceBlock> data = SequenceBlocks.categorical(JSC, new int[][] {counts}, null, 1);
    for (JsonNode fit : reference.get("fits")) {
      compare(fit, data, HmmFixtures::poisson, 1e-12, "rates");
    }
    data.unpersist();
  }

  @Test
  void tinyForwardBackwardCases() {
    JsonNode reference = ReferenceData.json("hmm_tiny_forward_backward.json");
    for (JsonNode c : reference.get("cases")) {
      String name = c.get("name").asText();
      SequenceBlock block;
      Emission emission;
      if (name.startsWith("categorical")) {
        StringBuilder bases = new StringBuilder();
        c.get("x").forEach(v -> bases.append(v.asText()));
        block = SequenceBlock.categorical(null, new int[][] {HmmFixtures.symbols(
            bases.toString())}, null);
        emission = CategoricalEmission.of(new double[][] {{.3, .2, .2, .3}, {.2, .3, .3, .2}});
      } else if (name.startsWith("gaussian")) {
        double[][] x = new double[c.get("x").size()][1];
        for (int t = 0; t < x.length; t++) {
          x[t][0] = c.get("x").get(t).asDouble();
        }
        block = SequenceBlock.real(null, new double[][][] {x}, null);
        emission = GaussianEmission.diagonal(new double[][] {{1100}, {850}},
            new double[][] {{150 * 150}, {150 * 150}});
      } else {
        int[] x = new int[c.get("x").size()];
        for (int t = 0; t < x.length; t++) {
          x[t] = c.get("x").get(t).asInt();
        }
        block = SequenceBlock.categorical(null, new int[][] {x}, null);
        emission = PoissonEmission.of(new double[] {15, 25});
      }
      HmmParameters params = HmmParameters.of(ReferenceData.vector(c.get("start")),
          ReferenceData.matrix(c.get("transitions")), emission);
      int n = params.states();
      int length = block.length(0);
      double[] gamma = new double[length * n];
      double[] xi = new double[n * n];
      double ll = ForwardBackward.run(params, block, 0, gamma, xi, 1.0);
      assertRelative(c.get("loglik").asDouble(), ll, 1e-12, name + " log-likelihood");
      double[] expectedGamma = ReferenceData.flatten(c.get("gamma[t][k]"));
      assertClose(expectedGamma, gamma, 1e-12, name + " gamma");
      assertClose(ReferenceData.flatten(
          c.get("xi_sum[i][j] (sum over t of P(z_t=i, z_t+1=j | x))")), xi, 1e-12, name + " xi");
      int[] path = new Decoder(params).viterbi(block, 0);
      int[] expectedPath = new int[length];
      for (int t = 0; t < length; t++) {
        expectedPath[t] = c.get("viterbi_path").get(t).asInt();
      }
      assertArrayEquals(expectedPath, path, name + " Viterbi path");
      HmmFamily family = new HmmFamily();
      HmmStatistics stats = family.zero(params);
      family.accumulate(params, block, stats);
      HmmParameters next = family.maximize(stats, params);
      JsonNode step = c.get("after_one_baum_welch_step");
      assertClose(ReferenceData.vector(step.get("start")), next.start(), 1e-12, name + " π");
      assertClose(ReferenceData.matrix(step.get("transitions")), next.transitions(), 1e-12,
          name + " A");
    }
  }
}
