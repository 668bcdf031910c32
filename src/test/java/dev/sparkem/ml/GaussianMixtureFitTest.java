package dev.sparkem.ml;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.testing.GaussianFits;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fitting through the estimator: restarts, weights, output columns, degenerate fits, copy. */
class GaussianMixtureFitTest {
  private static Dataset<Row> frame;

  @BeforeAll
  static void data() {
    frame = Faithful.assembled();
  }

  @Test
  void restartsKeepTheBestAndTheSummaryListsThemAll() {
    GaussianMixtureModel model = new GaussianMixture().setK(3).setNInit(3).setInitMode("random")
        .setSeed(11).setTol(1e-6).fit(frame);
    MixtureSummary summary = model.summary();
    double[] finals = summary.restartLogLikelihoods();
    assertEquals(3, finals.length);
    assertEquals(3, summary.restartStatuses().size());
    double best = Arrays.stream(finals).max().orElseThrow();
    assertEquals(best, summary.logLikelihood(), "kept restart: " + Arrays.toString(finals));
    assertEquals(best, finals[summary.bestRestart()]);
    assertTrue(Arrays.stream(finals).distinct().count() > 1,
        "random starts should not all end alike: " + Arrays.toString(finals));
  }

  @Test
  void weightsOfTwoGiveTheSameModelAsNoWeights() {
    GaussianMixture gm = new GaussianMixture().setK(2).setSeed(3).setTol(1e-8);
    GaussianMixtureModel plain = gm.fit(frame);
    GaussianMixtureModel weighted =
        gm.copy(ParamMap.empty()).setWeightCol("w").fit(frame.withColumn("w", lit(2.0)));
    GaussianFits.assertSameParameters(plain.parameters(), weighted.parameters(), 1e-9, "w=2");
    assertEquals(2 * plain.summary().totalWeight(), weighted.summary().totalWeight());
    assertEquals(plain.summary().rows(), weighted.summary().rows());
  }

  @Test
  void outputColumnsFollowTheParamsAndEmptyOnesAreLeftOut() {
    GaussianMixtureModel model = new GaussianMixture().setK(2).setSeed(5).fit(frame)
        .setPredictionCol("cluster").setProbabilityCol("").setLogLikelihoodCol("ll");
    Dataset<Row> out = model.transform(frame);
    assertEquals(List.of("eruptions", "waiting", "features", "cluster", "ll"),
        Arrays.asList(out.columns()));
    double total = out.agg(org.apache.spark.sql.functions.sum("ll")).first().getDouble(0);
    assertEquals(model.summary().logLikelihood(), total, 1e-9 * Math.abs(total));
    assertEquals(0, model.transform(frame.limit(0)).count(), "empty input scores lazily");
  }

  @Test
  void copyOfTheModelKeepsParamsParametersSummaryAndParent() {
    GaussianMixture gm = new GaussianMixture().setK(2).setSeed(9).setCovarianceType("diag");
    GaussianMixtureModel model = gm.fit(frame).setPredictionCol("c");
    GaussianMixtureModel copy = model.copy(ParamMap.empty());
    assertEquals(model.uid(), copy.uid());
    assertEquals(gm.uid(), copy.uid(), "a fitted model takes its estimator's uid");
    assertEquals(model.extractParamMap().toString(), copy.extractParamMap().toString());
    assertSame(model.parameters(), copy.parameters());
    assertSame(model.summary(), copy.summary());
    assertSame(gm, copy.parent());
    assertEquals("diag", copy.getCovarianceType());
    assertEquals(FitStatus.CONVERGED, copy.summary().status());
  }

  @Test
  void aDegenerateFitThrows() {
    // Three distinct points, k=3, no ridge: every component collapses onto one point.
    Dataset<Row> three = frame.limit(3).dropDuplicates("features");
    DegenerateModelException e = assertThrows(DegenerateModelException.class,
        () -> new GaussianMixture().setK((int) three.count()).setRegCovar(0).fit(three));
    assertFalse(e.getMessage().isEmpty());
  }
}
