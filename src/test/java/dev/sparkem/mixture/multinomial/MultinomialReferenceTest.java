package dev.sparkem.mixture.multinomial;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static dev.sparkem.testing.NumericAssertions.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.data.DatasetReader;
import dev.sparkem.data.InputFormat;
import dev.sparkem.data.PackedData;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.FamilyFixtures;
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fit of {@code multinomial_mixture.json} (numpy EM of {@code discrete_refs.py}: Spark's LDA
 * sample, 12 documents × 11 words, k = 2, 3 with α = 0, 1; the UCI bag-of-words newsgroups5, 2500
 * documents × 9328 words, k = 5 with α = 1, 0.01), from the stored start points. The reference
 * leaves the multinomial coefficient out of its log-likelihood and objective; it is added here.
 * Tolerances are the reference README's: 1e-9 relative per iteration, 1e-7 on the converged
 * log-likelihood.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultinomialReferenceTest {
  private final Map<String, PackedData> packed = new HashMap<>();
  private final Map<String, double[][]> documents = new HashMap<>();

  Stream<Arguments> fits() {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode fit : ReferenceData.json("multinomial_mixture.json").get("fits")) {
      String name = fit.get("dataset").asText() + " k=" + fit.get("k").asInt() + " alpha="
          + fit.get("alpha").asDouble();
      cases.add(Arguments.of(Named.of(name, fit)));
    }
    return cases.stream();
  }

  private PackedData data(JsonNode fit) {
    String file = fit.get("file").asText();
    return packed.computeIfAbsent(file, f -> {
      if (f.endsWith(".txt") && f.contains("libsvm")) {
        return FamilyFixtures.pack(DatasetReader.read(SharedSpark.session(),
            ReferenceData.ROOT.resolve(f).toString(), InputFormat.LIBSVM),
            MultinomialMixtureFamily.VALUE_DOMAIN, true);
      }
      return FamilyFixtures.pack(FamilyFixtures.vectorFrame(bagOfWords(f), 3),
          MultinomialMixtureFamily.VALUE_DOMAIN, true);
    });
  }

  /** UCI bag-of-words: D, W, NNZ, then "docID wordID count" lines (1-based). */
  private List<Vector> bagOfWords(String file) {
    try {
      List<String> lines = Files.readAllLines(ReferenceData.ROOT.resolve(file));
      int docs = Integer.parseInt(lines.get(0).trim());
      int words = Integer.parseInt(lines.get(1).trim());
      double[][] counts = new double[docs][words];
      for (String line : lines.subList(3, lines.size())) {
        String[] t = line.trim().split("\\s+");
        counts[Integer.parseInt(t[0]) - 1][Integer.parseInt(t[1]) - 1] = Double.parseDouble(t[2]);
      }
      documents.put(file, counts);
      List<Vector> vectors = new ArrayList<>(docs);
      for (double[] doc : counts) {
        vectors.add(Vectors.dense(doc).toSparse());
      }
      return vectors;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The stored θ, or the reference's rule from the stored seed documents. */
  private MultinomialMixtureParameters start(JsonNode fit) {
    JsonNode init = fit.get("init");
    if (init.has("theta")) {
      double[][] theta = ReferenceData.matrix(init.get("theta"));
      double[] weights = new double[theta.length];
      java.util.Arrays.fill(weights, 1.0 / theta.length);
      return MultinomialMixtureParameters.of(weights, theta);
    }
    double[][] counts = documents.get(fit.get("file").asText());
    JsonNode seeds = init.get("seed_docs");
    double[][] rows = new double[seeds.size()][];
    for (int j = 0; j < rows.length; j++) {
      rows[j] = counts[seeds.get(j).asInt()];
    }
    return MultinomialStarts.fromRows(rows);
  }

  @AfterAll
  void release() {
    packed.values().forEach(PackedData::release);
  }

  private FitResult<MultinomialMixtureParameters> fit(JsonNode fit, EmSettings settings) {
    PackedData data = data(fit);
    FitResult<MultinomialMixtureParameters> result = ExpectationMaximization.fit(data.blocks(),
        new MultinomialMixtureFamily(fit.get("alpha").asDouble()), start(fit), settings,
        IterationListener.NONE);
    assertMonotone(result);
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void firstIterationAndFirstFiveLogLikelihoods(JsonNode fit) {
    double coefficient = fit.get("log_multinomial_coefficient_sum").asDouble();
    FitResult<MultinomialMixtureParameters> five = fit(fit, new EmSettings(5, 0, 0));
    for (int t = 0; t <= 5; t++) {
      assertRelative(fit.get("loglik_after_iterations_0_to_5").get(t).asDouble() + coefficient,
          five.logLikelihoods()[t], 1e-9, "log-likelihood after " + t);
      assertRelative(fit.get("objective_after_iterations_0_to_5").get(t).asDouble() + coefficient,
          five.objectives()[t], 1e-9, "objective after " + t);
    }
    MultinomialMixtureParameters one = fit(fit, new EmSettings(1, 0, 0)).model();
    JsonNode after = fit.get("after_1_iteration");
    assertClose(ReferenceData.vector(after.get("weights")), one.weights(), 1e-9, "weights");
    if (after.has("theta")) {
      assertClose(ReferenceData.matrix(after.get("theta")), one.theta(), 1e-9, "theta");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void convergedFit(JsonNode fit) {
    double coefficient = fit.get("log_multinomial_coefficient_sum").asDouble();
    FitResult<MultinomialMixtureParameters> result = fit(fit, new EmSettings(2000, 0, 1e-13));
    JsonNode expected = fit.get("final");
    assertRelative(expected.get("loglik").asDouble() + coefficient, result.logLikelihood(), 1e-7,
        "final log-likelihood");
    assertRelative(expected.get("objective").asDouble() + coefficient,
        result.objectives()[result.iterations()], 1e-7, "final objective");
    assertClose(ReferenceData.vector(expected.get("weights")), result.model().weights(), 1e-4,
        "final weights");
  }
}
