package dev.sparkem.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.select.ModelScores;
import dev.sparkem.testing.GaussianFits;
import dev.sparkem.training.GaussianMixtureTrainer;
import dev.sparkem.training.TrainingOptions;
import dev.sparkem.training.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimator and model in a Pipeline on Old Faithful: save/load round trips with identical
 * outputs, the same parameters as the trainer, and rejection of a newer format version.
 */
class GaussianMixturePipelineTest {
  private static Dataset<Row> raw;
  private static GaussianMixture estimator;
  private static PipelineModel fitted;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    raw = Faithful.raw();
    estimator = new GaussianMixture().setK(2).setSeed(7).setTol(1e-6).setMaxIter(200)
        .setCovarianceType("full");
    fitted = new Pipeline().setStages(new PipelineStage[] {Faithful.assembler(), estimator})
        .fit(raw);
  }

  private static GaussianMixtureModel model(PipelineModel pipeline) {
    return (GaussianMixtureModel) pipeline.stages()[1];
  }

  @Test
  void savedAndLoadedPipelineModelGivesIdenticalOutputs() throws IOException {
    String path = dir.resolve("pipeline-model").toUri().toString();
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    GaussianMixtureModel original = model(fitted);
    GaussianMixtureModel back = model(loaded);
    assertEquals(original.uid(), back.uid());
    assertEquals(original.extractParamMap().toString(), back.extractParamMap().toString());
    assertFalse(back.hasSummary(), "a loaded model has no summary");
    List<Row> expected = fitted.transform(raw).collectAsList();
    List<Row> actual = loaded.transform(raw).collectAsList();
    assertEquals(272, expected.size());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      assertEquals(e.<Vector>getAs("features"), a.<Vector>getAs("features"), "row " + i);
      assertEquals(e.<Integer>getAs("prediction"), a.<Integer>getAs("prediction"), "row " + i);
      assertArrayEquals(e.<Vector>getAs("probability").toArray(),
          a.<Vector>getAs("probability").toArray(), 1e-15, "probability of row " + i);
      assertEquals(e.<Double>getAs("logLikelihood"), a.<Double>getAs("logLikelihood"), 1e-15,
          "logLikelihood of row " + i);
    }
  }

  @Test
  void savedAndLoadedPipelineKeepsTheEstimatorParams() throws IOException {
    String path = dir.resolve("pipeline").toString();
    new Pipeline().setStages(new PipelineStage[] {Faithful.assembler(), estimator}).save(path);
    GaussianMixture back = (GaussianMixture) Pipeline.load(path).getStages()[1];
    assertEquals(estimator.uid(), back.uid());
    assertEquals(estimator.extractParamMap().toString(), back.extractParamMap().toString());
    assertEquals(7L, back.getSeed());
    assertEquals(1e-6, back.getTol());
  }

  @Test
  void fittedParametersEqualTheTrainersOnTheSameData() {
    Dataset<Row> frame = Faithful.assembler().transform(raw);
    PackedData data = PackedData.pack(frame,
        FeatureColumns.resolve(frame, List.of("features"), List.of()), null, Packing.DEFAULT);
    TrainingResult result;
    try {
      result = GaussianMixtureTrainer.train(data, new TrainingOptions(2, CovarianceType.FULL,
          1e-6, InitMode.KMEANS, 1, 7L, new EmSettings(200, 1e-6, 0)), null,
          IterationListener.NONE);
    } finally {
      data.release();
    }
    GaussianMixtureModel model = model(fitted);
    GaussianFits.assertSameParameters(result.model(), model.parameters(), 1e-12, "faithful");
    MixtureSummary summary = model.summary();
    assertArrayEquals(result.bestFit().logLikelihoods(), summary.logLikelihoodTrace(), 1e-9);
    assertTrue(summary.converged());
    ModelScores scores = ModelScores.of(result.bestFit());
    assertEquals(scores.bic(), summary.bic(), 1e-9 * Math.abs(scores.bic()));
    assertEquals(scores.aic(), summary.aic(), 1e-9 * Math.abs(scores.aic()));
    assertEquals(272.0, summary.totalWeight());
    assertEquals(272.0, summary.clusterSizes()[0] + summary.clusterSizes()[1], 1e-9);
    double[] trace = summary.logLikelihoodTrace();
    for (int t = 1; t < trace.length; t++) {
      assertTrue(trace[t] >= trace[t - 1] - 1e-10 * Math.abs(trace[t]), "EM decreased at " + t);
    }
  }

  @Test
  void modelSavedWithAFutureFormatVersionFailsToLoad() throws IOException {
    Path saved = dir.resolve("model");
    model(fitted).save(saved.toString());
    Path metadata;
    try (Stream<Path> files = Files.list(saved.resolve("metadata"))) {
      metadata = files.filter(f -> f.getFileName().toString().startsWith("part-"))
          .findFirst().orElseThrow();
    }
    String text = Files.readString(metadata, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"formatVersion\":1"), text);
    Files.writeString(metadata, text.replace("\"formatVersion\":1", "\"formatVersion\":99"));
    deleteChecksums(saved.resolve("metadata"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureModel.load(saved.toString()));
    assertTrue(e.getMessage().contains(saved.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("reads format version 1"), e.getMessage());
  }

  @Test
  void exportedJsonImportsToTheSameModel() {
    GaussianMixtureModel original = model(fitted);
    GaussianMixtureModel imported = GaussianMixtureModel.fromJson(original.toJson());
    GaussianFits.assertSameParameters(original.parameters(), imported.parameters(), 0.0,
        "imported");
    assertEquals(2, imported.getK());
    assertEquals("full", imported.getCovarianceType());
    assertThrows(IllegalStateException.class, imported::summary);
    Dataset<Row> frame = Faithful.assembler().transform(raw);
    List<Row> a = original.transform(frame).select("prediction").collectAsList();
    List<Row> b = imported.transform(frame).select("prediction").collectAsList();
    assertEquals(a, b);
  }

  private static void deleteChecksums(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".crc")).toList()) {
        Files.delete(f);
      }
    }
  }
}
