package dev.sparkem.ml;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.FamilyFixtures;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.mixture.multinomial.MultinomialMixtureParameters;
import dev.sparkem.select.ModelScores;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
import dev.sparkem.training.MixtureTrainer;
import dev.sparkem.training.MixtureTraining;
import dev.sparkem.training.TrainingPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark ML face of the count families: a fit equals the Java trainer's on the same data
 * (1e-12), models and estimators survive save/load (also inside a Pipeline) with identical
 * outputs, and family, init mode and start point are checked.
 */
class CountMixtureTest {
  @TempDir
  Path dir;

  /** 300 rows drawn from a random 3-component mixture of the family, width 8. */
  private static Dataset<Row> sample(String family) {
    MixtureKind<MixtureModel> kind = kind(family);
    SplittableRandom random = new SplittableRandom(17);
    MixtureModel truth = kind.randomModel(3, 8, random);
    MixtureKind.RowSampler sampler = kind.sampler(truth, random, 20);
    double[][] rows = new double[300][8];
    for (double[] row : rows) {
      sampler.sample(row);
    }
    return FamilyFixtures.vectors(rows, 3);
  }

  @SuppressWarnings("unchecked")
  private static MixtureKind<MixtureModel> kind(String family) {
    return (MixtureKind<MixtureModel>) MixtureKinds.withDefaults(family);
  }

  private static void assertSameModel(MixtureKind<MixtureModel> kind, MixtureModel expected,
      MixtureModel actual, double tolerance) {
    assertClose(expected.weights(), actual.weights(), tolerance, "weights");
    for (int j = 0; j < expected.k(); j++) {
      assertClose(kind.centre(expected, j), kind.centre(actual, j), tolerance,
          kind.centreName() + " of component " + j);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"multinomial", "bernoulli", "poisson"})
  void fitEqualsTheTrainersModel(String family) {
    Dataset<Row> frame = sample(family);
    CountMixtureModel model = new CountMixture().setFamily(family).setK(3).setNInit(2)
        .setSeed(5).setTol(1e-9).setMaxIter(30).fit(frame);

    MixtureKind<MixtureModel> kind = kind(family);
    PackedData data = PackedData.pack(frame,
        FeatureColumns.resolve(frame, List.of("features"), List.of()), null,
        kind.packing(Packing.DEFAULT));
    MixtureTraining<MixtureModel> trained;
    try {
      trained = MixtureTrainer.train(data,
          new TrainingPlan<>(kind, 3, InitMode.RANDOM, 2, 5L, null),
          new EmSettings(30, 1e-9, 0), IterationListener.NONE);
    } finally {
      data.release();
    }
    assertMonotone(trained.bestFit());
    assertSameModel(kind, trained.model(), model.parameters(), 1e-12);
    MixtureSummary summary = model.summary();
    assertArrayEquals(trained.bestFit().logLikelihoods(), summary.logLikelihoodTrace(), 1e-12);
    assertEquals(ModelScores.of(trained.bestFit()).bic(), summary.bic(), 1e-9);
    assertEquals(trained.best(), summary.bestRestart());
    assertEquals(300.0, summary.totalWeight());
  }

  @Test
  void weightsOfTwoGiveTheSameModelAsNoWeights() {
    Dataset<Row> frame = sample("poisson");
    CountMixture estimator = new CountMixture().setFamily("poisson").setK(3).setSeed(2)
        .setTol(1e-10).setInitMode("random-responsibilities");
    CountMixtureModel plain = estimator.fit(frame);
    CountMixtureModel weighted = new CountMixture().setFamily("poisson").setK(3).setSeed(2)
        .setTol(1e-10).setInitMode("random-responsibilities").setWeightCol("w")
        .fit(frame.withColumn("w", lit(2.0)));
    assertSameModel(kind("poisson"), plain.parameters(), weighted.parameters(), 1e-9);
    assertEquals(600.0, weighted.summary().totalWeight());
  }

  @Test
  void savedAndLoadedPipelineModelGivesIdenticalOutputs() throws IOException {
    Dataset<Row> frame = sample("multinomial");
    CountMixture estimator = new CountMixture().setK(3).setAlpha(0.5).setSeed(3).setMaxIter(20);
    PipelineModel fitted =
        new Pipeline().setStages(new PipelineStage[] {estimator}).fit(frame);
    String path = dir.resolve("pipeline-model").toUri().toString();
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    CountMixtureModel original = (CountMixtureModel) fitted.stages()[0];
    CountMixtureModel back = (CountMixtureModel) loaded.stages()[0];
    assertEquals(original.uid(), back.uid());
    assertEquals(original.extractParamMap().toString(), back.extractParamMap().toString());
    assertEquals("multinomial", back.getFamily());
    assertEquals(0.5, back.getAlpha());
    assertInstanceOf(MultinomialMixtureParameters.class, back.parameters());
    // data/model.json holds the numbers exactly; reading rescales every row of theta to sum 1
    assertSameModel(kind("multinomial"), original.parameters(), back.parameters(), 1e-15);
    assertFalse(back.hasSummary(), "a loaded model has no summary");
    List<Row> expected = fitted.transform(frame).collectAsList();
    List<Row> actual = loaded.transform(frame).collectAsList();
    assertEquals(300, actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      assertEquals(e.<Integer>getAs("prediction"), a.<Integer>getAs("prediction"), "row " + i);
      assertArrayEquals(e.<Vector>getAs("probability").toArray(),
          a.<Vector>getAs("probability").toArray(), 1e-14, "probability of row " + i);
      double ll = e.<Double>getAs("logLikelihood");
      assertEquals(ll, a.<Double>getAs("logLikelihood"), 1e-14 * Math.abs(ll), "row " + i);
    }
  }

  @Test
  void savedEstimatorAndImportedJsonKeepEverything() throws IOException {
    CountMixture estimator = new CountMixture().setFamily("bernoulli").setK(4).setAlpha(0.25)
        .setNInit(3).setSeed(9);
    String path = dir.resolve("estimator").toString();
    estimator.save(path);
    CountMixture back = CountMixture.load(path);
    assertEquals(estimator.uid(), back.uid());
    assertEquals(estimator.extractParamMap().toString(), back.extractParamMap().toString());
    assertEquals("bernoulli", back.getFamily());

    CountMixtureModel model = back.setMaxIter(10).fit(sample("bernoulli"));
    CountMixtureModel imported = CountMixtureModel.fromJson(model.toJson());
    assertEquals("bernoulli", imported.getFamily());
    assertEquals(4, imported.getK());
    assertSameModel(kind("bernoulli"), model.parameters(), imported.parameters(), 1e-15);
    assertThrows(IllegalStateException.class, imported::summary);
  }

  @Test
  void familyInitModeAndStartPointAreChecked() {
    IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
        () -> new CountMixture().setFamily("gaussian"));
    assertTrue(family.getMessage().contains("multinomial, bernoulli, poisson"),
        family.getMessage());
    Dataset<Row> frame = sample("poisson");
    IllegalArgumentException init = assertThrows(IllegalArgumentException.class,
        () -> new CountMixture().setFamily("poisson").setInitMode("kmeans").fit(frame));
    assertTrue(init.getMessage().contains("does not apply to the poisson family"),
        init.getMessage());
    CountMixtureModel start = new CountMixture().setFamily("poisson").setK(3).setMaxIter(2)
        .fit(frame);
    CountMixture fromStart = new CountMixture().setInitialModel(start).setMaxIter(3);
    assertEquals("poisson", fromStart.getFamily());
    assertEquals(3, fromStart.getK());
    fromStart.setFamily("multinomial");
    IllegalArgumentException mismatch =
        assertThrows(IllegalArgumentException.class, () -> fromStart.fit(frame));
    assertTrue(mismatch.getMessage().contains("poisson mixture"), mismatch.getMessage());
  }
}
