package dev.sparkem.mixture.poisson;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
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
 * The earthquake-count fits of {@code poisson_mixture_earthquakes.json} (numpy EM and
 * pomegranate 0.14.8 agreeing to 2e-12, k = 2 and 3), read through the jobs' CSV reader and run
 * from the stored start points: 1e-9 relative per iteration, 1e-7 on the converged
 * log-likelihood.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoissonReferenceTest {
  private static final JsonNode REFERENCE = ReferenceData.json("poisson_mixture_earthquakes.json");
  private PackedData data;

  @BeforeAll
  void pack() {
    Dataset<Row> frame = DatasetReader.read(SharedSpark.session(),
        ReferenceData.ROOT.resolve(REFERENCE.get("file").asText()).toString(), InputFormat.CSV);
    data = PackedData.pack(frame,
        FeatureColumns.resolve(frame, List.of(REFERENCE.get("column").asText()), List.of()), null,
        Packing.DEFAULT.withDomain(PoissonMixtureFamily.VALUE_DOMAIN)
            .withStorage(StorageLevel.MEMORY_ONLY()));
  }

  @AfterAll
  void release() {
    data.release();
  }

  Stream<Arguments> fits() {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode fit : REFERENCE.get("fits")) {
      cases.add(Arguments.of(Named.of("k=" + fit.get("k").asInt(), fit)));
    }
    return cases.stream();
  }

  private static double[][] column(JsonNode lambdas) {
    double[][] rates = new double[lambdas.size()][1];
    for (int j = 0; j < rates.length; j++) {
      rates[j][0] = lambdas.get(j).asDouble();
    }
    return rates;
  }

  private FitResult<PoissonMixtureParameters> fit(JsonNode fit, EmSettings settings) {
    JsonNode init = fit.get("init");
    FitResult<PoissonMixtureParameters> result = ExpectationMaximization.fit(data.blocks(),
        new PoissonMixtureFamily(), PoissonMixtureParameters.of(
            ReferenceData.vector(init.get("weights")), column(init.get("lambdas"))),
        settings, IterationListener.NONE);
    assertMonotone(result);
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void firstIterationAndFirstFiveLogLikelihoods(JsonNode fit) {
    FitResult<PoissonMixtureParameters> five = fit(fit, new EmSettings(5, 0, 0));
    for (int t = 0; t <= 5; t++) {
      assertRelative(fit.get("loglik_after_iterations_0_to_5").get(t).asDouble(),
          five.logLikelihoods()[t], 1e-9, "log-likelihood after " + t);
    }
    PoissonMixtureParameters one = fit(fit, new EmSettings(1, 0, 0)).model();
    JsonNode after = fit.get("after_1_iteration");
    assertClose(ReferenceData.vector(after.get("weights")), one.weights(), 1e-9, "weights");
    assertClose(column(after.get("lambdas")), one.rates(), 1e-9, "rates");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void convergedFit(JsonNode fit) {
    FitResult<PoissonMixtureParameters> result = fit(fit, new EmSettings(2000, 0, 1e-15));
    JsonNode expected = fit.get("numpy");
    assertRelative(expected.get("loglik").asDouble(), result.logLikelihood(), 1e-7,
        "final log-likelihood");
    assertClose(ReferenceData.vector(expected.get("weights")), result.model().weights(), 1e-3,
        "final weights");
    assertEquals(2 * fit.get("k").asInt() - 1, result.model().parameterCount());
    assertRelative(fit.get("bic").asDouble(), -2 * result.logLikelihood()
        + result.model().parameterCount() * Math.log(data.totalWeight()), 1e-7, "BIC");
  }
}
