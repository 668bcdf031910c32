package dev.sparkem.mixture.bernoulli;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static dev.sparkem.testing.NumericAssertions.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.data.DatasetReader;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.InputFormat;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.FamilyFixtures;
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fits of {@code bernoulli_mixture_digits.json} (binarised digits, k = 2 MLE, k = 10 MLE for
 * exactly 40 iterations, k = 10 with α = 0.01) and {@code bernoulli_mixture_house_votes.json}
 * (232 complete rows, k = 2 MLE), numpy EM cross-checked with pomegranate, from the stored start
 * points: 1e-9 relative per iteration, 1e-7 on the final log-likelihood.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BernoulliReferenceTest {
  private PackedData digits;
  private PackedData votes;

  @BeforeAll
  void pack() {
    Dataset<Row> frame = DatasetReader.read(SharedSpark.session(),
        ReferenceData.ROOT.resolve("binary/digits_binarized.csv").toString(), InputFormat.CSV);
    List<String> pixels = Arrays.asList(frame.columns()).subList(0, 64);
    digits = PackedData.pack(frame, FeatureColumns.resolve(frame, pixels, List.of()), null,
        Packing.DEFAULT.withDomain(BernoulliMixtureFamily.VALUE_DOMAIN)
            .withStorage(StorageLevel.MEMORY_ONLY()));
    votes = FamilyFixtures.pack(completeVotes(), 2, BernoulliMixtureFamily.VALUE_DOMAIN, false);
  }

  /** The 232 rows of house-votes-84 without '?', y = 1 and n = 0, party dropped, file order. */
  private static double[][] completeVotes() {
    try {
      List<double[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(ReferenceData.ROOT.resolve("binary/house-votes-84.data"))) {
        String[] t = line.trim().split(",");
        if (line.isBlank() || line.contains("?")) {
          continue;
        }
        double[] row = new double[t.length - 1];
        for (int a = 1; a < t.length; a++) {
          row[a - 1] = t[a].equals("y") ? 1.0 : 0.0;
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  void release() {
    digits.release();
    votes.release();
  }

  Stream<Arguments> fits() {
    List<Arguments> cases = new ArrayList<>();
    for (String file : List.of("bernoulli_mixture_digits.json",
        "bernoulli_mixture_house_votes.json")) {
      for (JsonNode fit : ReferenceData.json(file).get("fits")) {
        String name = file + " k=" + fit.get("k").asInt() + " alpha=" + fit.get("alpha").asDouble();
        cases.add(Arguments.of(Named.of(name, fit), file.contains("digits")));
      }
    }
    return cases.stream();
  }

  private FitResult<BernoulliMixtureParameters> fit(JsonNode fit, boolean onDigits,
      EmSettings settings) {
    JsonNode init = fit.get("init");
    FitResult<BernoulliMixtureParameters> result = ExpectationMaximization.fit(
        (onDigits ? digits : votes).blocks(), new BernoulliMixtureFamily(fit.get("alpha").asDouble()),
        BernoulliMixtureParameters.of(ReferenceData.vector(init.get("weights")),
            ReferenceData.matrix(init.get("mu"))), settings, IterationListener.NONE);
    assertMonotone(result);
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void firstIterationAndFirstFiveLogLikelihoods(JsonNode fit, boolean onDigits) {
    FitResult<BernoulliMixtureParameters> five = fit(fit, onDigits, new EmSettings(5, 0, 0));
    for (int t = 0; t <= 5; t++) {
      assertRelative(fit.get("loglik_after_iterations_0_to_5").get(t).asDouble(),
          five.logLikelihoods()[t], 1e-9, "log-likelihood after " + t);
    }
    BernoulliMixtureParameters one = fit(fit, onDigits, new EmSettings(1, 0, 0)).model();
    JsonNode after = fit.get("after_1_iteration");
    assertClose(ReferenceData.vector(after.get("weights")), one.weights(), 1e-9, "weights");
    assertClose(ReferenceData.matrix(after.get("mu")), one.mu(), 1e-9, "mu");
  }

  /**
   * The fit of exactly 40 iterations is run for 40; the others to convergence on the objective
   * (relative change below 1e-13 per row).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void finalFit(JsonNode fit, boolean onDigits) {
    JsonNode expected = fit.get("numpy");
    boolean fixed = expected.get("stop").asText().startsWith("exactly");
    EmSettings settings = fixed
        ? new EmSettings(expected.get("iterations").asInt(), 0, 0)
        : new EmSettings(3000, 0, 1e-13);
    FitResult<BernoulliMixtureParameters> result = fit(fit, onDigits, settings);
    assertRelative(expected.get("loglik").asDouble(), result.logLikelihood(), 1e-7,
        "final log-likelihood");
    assertClose(ReferenceData.vector(expected.get("weights")), result.model().weights(),
        fixed ? 1e-9 : 1e-3, "final weights");
    if (fixed) {
      assertClose(ReferenceData.matrix(expected.get("mu")), result.model().mu(), 1e-9, "mu");
    }
  }
}
