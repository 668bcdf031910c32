package dev.sparkem.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Params of the estimator: defaults, validators with clear messages, copy, schema checks. */
class GaussianMixtureParamsTest {
  private static final StructType VECTORS =
      new StructType().add("features", SQLDataTypes.VectorType());

  @Test
  void defaults() {
    GaussianMixture gm = new GaussianMixture();
    assertEquals(2, gm.getK());
    assertEquals(100, gm.getMaxIter());
    assertEquals(1e-3, gm.getTol());
    assertEquals(1L, gm.getSeed());
    assertEquals("features", gm.getFeaturesCol());
    assertEquals("prediction", gm.getPredictionCol());
    assertEquals("probability", gm.getProbabilityCol());
    assertEquals("logLikelihood", gm.getLogLikelihoodCol());
    assertNull(gm.getWeightCol());
    assertEquals("full", gm.getCovarianceType());
    assertEquals(1e-6, gm.getRegCovar());
    assertEquals("kmeans", gm.getInitMode());
    assertEquals(1, gm.getNInit());
  }

  @Test
  void sparkFindsEveryParamByReflection() {
    List<String> names = Arrays.stream(new GaussianMixture().params()).map(Param::name).toList();
    assertEquals(List.of("covarianceType", "featuresCol", "initMode", "k", "logLikelihoodCol",
        "maxIter", "nInit", "predictionCol", "probabilityCol", "regCovar", "seed", "tol",
        "weightCol"), names);
    assertTrue(new GaussianMixture().explainParams().contains("number of components"));
  }

  @Test
  void badValuesAreRejectedWithClearMessages() {
    GaussianMixture gm = new GaussianMixture();
    assertMessage(() -> gm.setK(0), "k is 0, expected >= 1");
    assertMessage(() -> gm.setRegCovar(-1e-3), "regCovar is -0.001, expected >= 0");
    assertMessage(() -> gm.setRegCovar(Double.NaN), "regCovar is NaN, expected >= 0");
    assertMessage(() -> gm.setTol(-1), "tol is -1.0, expected >= 0");
    assertMessage(() -> gm.setMaxIter(-1), "maxIter is -1, expected >= 0");
    assertMessage(() -> gm.setNInit(0), "nInit is 0, expected >= 1");
    assertMessage(() -> gm.setCovarianceType("banana"),
        "covarianceType: unknown covariance type 'banana', expected one of full, tied, diag, "
            + "spherical");
    assertMessage(() -> gm.setInitMode("kmeans||"), "initMode is 'kmeans||', expected one of "
        + "kmeans, k-means++, random, random-responsibilities");
    assertMessage(() -> gm.setFeaturesCol(null), "featuresCol is null, expected a column name");
    // Spark's own path (ParamMap, set by param) runs the validators declared with the params.
    assertThrows(IllegalArgumentException.class, () -> gm.set(gm.k(), 0));
    assertThrows(IllegalArgumentException.class, () -> gm.set(gm.covarianceType(), "FULL"));
    assertEquals(2, gm.getK(), "a rejected value leaves the param as it was");
  }

  @Test
  void namesAreCanonicalised() {
    GaussianMixture gm = new GaussianMixture().setCovarianceType(" DIAG ").setInitMode("Random");
    assertEquals("diag", gm.getCovarianceType());
    assertEquals("random", gm.getInitMode());
  }

  @Test
  void copyKeepsParamsAndAppliesExtra() {
    GaussianMixture gm = new GaussianMixture().setK(4).setTol(1e-7).setSeed(42)
        .setCovarianceType("tied").setNInit(3).setWeightCol("w").setProbabilityCol("");
    GaussianMixture copy = gm.copy(ParamMap.empty());
    assertEquals(gm.uid(), copy.uid());
    assertEquals(gm.extractParamMap().toString(), copy.extractParamMap().toString());
    assertEquals("w", copy.getWeightCol());
    GaussianMixture changed = gm.copy(new ParamMap().put(gm.k().w(6)));
    assertEquals(6, changed.getK());
    assertEquals(4, gm.getK(), "copy does not change the original");
    assertNotEquals(gm.uid(), new GaussianMixture().uid());
  }

  @Test
  void transformSchemaChecksInputsAndOutputs() {
    GaussianMixture gm = new GaussianMixture().setProbabilityCol("");
    StructType out = gm.transformSchema(VECTORS);
    assertEquals(List.of("features", "prediction", "logLikelihood"),
        Arrays.asList(out.fieldNames()));
    assertMessage(() -> gm.transformSchema(new StructType().add("features", DataTypes.DoubleType)),
        "featuresCol 'features' has type double, expected vectors");
    assertMessage(() -> gm.transformSchema(new StructType().add("x", DataTypes.DoubleType)),
        "featuresCol 'features' is missing from the input (columns: x)");
    assertMessage(() -> gm.transformSchema(VECTORS.add("prediction", DataTypes.IntegerType)),
        "predictionCol is 'prediction', but the input already has a column of that name");
    assertMessage(() -> gm.setWeightCol("w").transformSchema(VECTORS),
        "weightCol 'w' is missing from the input");
    assertMessage(() -> new GaussianMixture().setLogLikelihoodCol("prediction")
        .transformSchema(VECTORS), "logLikelihoodCol is 'prediction', the same name as another");
  }

  private static void assertMessage(Executable call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected),
        "expected a message containing <" + expected + "> but was <" + e.getMessage() + ">");
  }
}
