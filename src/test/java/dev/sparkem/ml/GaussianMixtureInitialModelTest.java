package dev.sparkem.ml;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.testing.ReferenceData;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The estimator started from given parameters: from scikit-learn's stored start point on Old
 * Faithful (k=2, tied), one iteration gives scikit-learn's parameters after one iteration.
 */
class GaussianMixtureInitialModelTest {
  @Test
  void oneIterationFromScikitLearnsStartMatchesScikitLearn() {
    JsonNode fit = null;
    for (JsonNode candidate : ReferenceData.json("sklearn_gmm_faithful.json").get("fits")) {
      if (candidate.get("k").asInt() == 2
          && candidate.get("covariance_type").asText().equals("tied")) {
        fit = candidate;
      }
    }
    JsonNode init = fit.get("init");
    GaussianMixtureParameters start = GaussianMixtureParameters.of(CovarianceType.TIED,
        ReferenceData.vector(init.get("weights")), ReferenceData.matrix(init.get("means")),
        ReferenceData.flatten(init.get("covariances")));
    Dataset<Row> data = Faithful.assembled();
    GaussianMixture estimator = new GaussianMixture().setInitialModel(start).setMaxIter(1)
        .setTol(0.0);
    assertEquals(2, estimator.getK());
    assertEquals("tied", estimator.getCovarianceType());
    GaussianMixtureModel model = estimator.copy(ParamMap.empty()).fit(data);
    JsonNode after = fit.get("after_1_iteration");
    assertClose(ReferenceData.vector(after.get("weights")), model.parameters().weights(), 1e-9,
        "weights");
    assertClose(ReferenceData.matrix(after.get("means")), model.parameters().means(), 1e-9,
        "means");
    assertClose(ReferenceData.flatten(after.get("covariances")),
        model.parameters().covarianceValues(), 1e-9, "covariances");
    IllegalArgumentException restarts = assertThrows(IllegalArgumentException.class,
        () -> new GaussianMixture().setInitialModel(model).setNInit(2).fit(data));
    assertTrue(restarts.getMessage().contains("nInit is 2"), restarts.getMessage());
  }
}
