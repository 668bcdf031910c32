package dev.sparkem.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HMM model file: exact round trips for every emission type, and what it refuses. */
class HmmJsonTest {
  /** Parameters with arbitrary (not decimal-friendly) doubles, as an M-step leaves them. */
  static HmmParameters sample(EmissionType type, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 3;
    int d = 2;
    double[][] transitions = new double[n][];
    for (int i = 0; i < n; i++) {
      transitions[i] = dirichlet(random, n);
    }
    double[][] means = new double[n][d];
    double[][] variances = new double[n][d];
    double[][][] covariances = new double[n][d][d];
    for (int k = 0; k < n; k++) {
      for (int a = 0; a < d; a++) {
        means[k][a] = random.nextGaussian() * 1e3;
        variances[k][a] = 0.1 + random.nextDouble();
      }
      double off = random.nextDouble() * 0.1;
      covariances[k] = new double[][] {{variances[k][0], off}, {off, variances[k][1]}};
    }
    Emission emission = switch (type) {
      case CATEGORICAL -> CategoricalEmission.of(new double[][] {
          dirichlet(random, 4), dirichlet(random, 4), dirichlet(random, 4)});
      case GAUSSIAN -> GaussianEmission.diagonal(means, variances);
      case FULL_GAUSSIAN -> FullGaussianEmission.of(means, covariances);
      case POISSON -> PoissonEmission.of(new double[] {Math.PI, Math.E, 1.0 / 3});
    };
    return HmmParameters.of(dirichlet(random, n), transitions, emission);
  }

  private static double[] dirichlet(SplittableRandom random, int size) {
    double[] p = new double[size];
    double sum = 0.0;
    for (int j = 0; j < size; j++) {
      p[j] = -Math.log(1 - random.nextDouble());
      sum += p[j];
    }
    for (int j = 0; j < size; j++) {
      p[j] /= sum;
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EmissionType.class)
  void roundTripIsExactToTheBit(EmissionType type) {
    for (long seed = 1; seed <= 20; seed++) {
      HmmParameters params = sample(type, seed);
      ObjectNode json = HmmJson.toJson(params);
      assertEquals("hmm", json.get("family").asText());
      assertEquals(type.toString(), json.get("emission").asText());
      assertEquals(3, json.get("states").asInt());
      HmmParameters back = HmmJson.parse(json.toPrettyString(), "model.json");
      assertArrayEquals(params.start(), back.start());
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(params.transitions()[i], back.transitions()[i]);
      }
      assertEquals(json, HmmJson.toJson(back), "every emission number survives exactly");
      assertEquals(params.parameterCount(), back.parameterCount());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EmissionType.class)
  void refusesAFutureVersionAnotherFamilyAndAMissingFamily(EmissionType type) {
    ObjectNode json = HmmJson.toJson(sample(type, 7));
    json.put("formatVersion", 2);
    assertMessage(json, "m.json: formatVersion is 2, this version of spark-em reads up to 1");
    json.put("formatVersion", 1);
    json.put("family", "gaussian-mixture");
    assertMessage(json, "m.json: family is 'gaussian-mixture', expected 'hmm'");
    json.remove("family");
    assertMessage(json, "m.json: key 'family' is missing");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EmissionType.class)
  void refusesATruncatedOrCorruptFile(EmissionType type) {
    String text = HmmJson.toJson(sample(type, 3)).toPrettyString();
    IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
        () -> HmmJson.parse(text.substring(0, text.length() / 2), "m.json"));
    assertTrue(truncated.getMessage().startsWith("m.json is not valid JSON (truncated or "
        + "corrupt?)"), truncated.getMessage());
    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
        () -> HmmJson.parse(text.replace("\"start\"", "start"), "m.json"));
    assertTrue(corrupt.getMessage().contains("line "), corrupt.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> HmmJson.parse("", "m.json"));
    assertEquals("m.json is empty, expected a JSON model file", empty.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EmissionType.class)
  void namesAMissingKeyOrABadShape(EmissionType type) {
    ObjectNode json = HmmJson.toJson(sample(type, 5));
    json.remove("transitions");
    assertMessage(json, "m.json: key 'transitions' is missing");
    json.setAll(HmmJson.toJson(sample(type, 5)));
    ((ArrayNode) json.get("transitions").get(1)).remove(2);
    assertMessage(json, "m.json: transitions row 1 has 2 entries, expected 3");
    json.setAll(HmmJson.toJson(sample(type, 5)));
    json.put("emission", "mixture");
    assertMessage(json, "m.json: emission is 'mixture', expected one of categorical, gaussian, "
        + "full-gaussian, poisson");
    json.setAll(HmmJson.toJson(sample(type, 5)));
    ((ArrayNode) json.get("start")).set(0, 1.5);
    assertMessage(json, "m.json: start[0][0] is 1.5, expected a probability in [0, 1]");
  }

  private static void assertMessage(ObjectNode json, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HmmJson.fromJson(json, "m.json"));
    assertEquals(expected, e.getMessage());
  }
}
