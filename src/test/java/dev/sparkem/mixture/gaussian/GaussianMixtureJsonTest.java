package dev.sparkem.mixture.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** model.json round trips for every covariance type, in scikit-learn's shapes. */
class GaussianMixtureJsonTest {
  private static GaussianMixtureParameters sample(CovarianceType type) {
    double[] covariances = switch (type) {
      case FULL -> new double[] {2, 0.5, 0.5, 1, 1, 0, 0, 3};
      case TIED -> new double[] {2, 0.5, 0.5, 1};
      case DIAG -> new double[] {2, 1, 1, 3};
      case SPHERICAL -> new double[] {2, 3};
    };
    return GaussianMixtureParameters.of(type, new double[] {0.25, 0.75},
        new double[][] {{0, 1}, {4, 5}}, covariances);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CovarianceType.class)
  void roundTripKeepsEveryValueAndScikitLearnsShape(CovarianceType type) {
    GaussianMixtureParameters params = sample(type);
    ObjectNode json = GaussianMixtureJson.toJson(params);
    JsonNode covariances = json.get("covariances");
    int[] shape = switch (type) {
      case FULL -> new int[] {2, 2, 2};
      case TIED, DIAG -> new int[] {2, 2};
      case SPHERICAL -> new int[] {2};
    };
    JsonNode level = covariances;
    for (int size : shape) {
      assertTrue(level.isArray(), type + ": covariances nested " + shape.length + " deep");
      assertEquals(size, level.size());
      level = level.get(0);
    }
    assertTrue(level.isNumber(), type + ": innermost entries are numbers");
    assertEquals(type.toString(), json.get("covarianceType").asText());
    GaussianMixtureParameters back = GaussianMixtureJson.fromJson(json, "test");
    assertEquals(type, back.covarianceType());
    assertArrayEquals(params.weights(), back.weights());
    assertArrayEquals(params.covarianceValues(), back.covarianceValues());
    assertArrayEquals(params.mean(1), back.mean(1));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CovarianceType.class)
  void aFutureFormatOrAnotherFamilyIsRefusedByName(CovarianceType type) {
    ObjectNode json = GaussianMixtureJson.toJson(sample(type));
    json.put("formatVersion", 2);
    IllegalArgumentException future = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureJson.fromJson(json, "model.json"));
    assertTrue(future.getMessage().contains("model.json: formatVersion is 2"),
        future.getMessage());
    json.put("formatVersion", 1);
    json.put("family", "poisson-mixture");
    IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureJson.fromJson(json, "model.json"));
    assertTrue(family.getMessage().contains("family is 'poisson-mixture'"), family.getMessage());
  }
}
