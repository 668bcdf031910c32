package dev.sparkem.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.hmm.BaumWelchSettings;
import dev.sparkem.hmm.CategoricalEmission;
import dev.sparkem.hmm.Decoder;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.HmmFloorTest;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.HmmSampler;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceFrames;
import dev.sparkem.hmm.SequenceLayout;
import dev.sparkem.init.InitMode;
import dev.sparkem.testing.SharedSpark;
import dev.sparkem.training.HmmTrainer;
import dev.sparkem.training.HmmTraining;
import dev.sparkem.training.HmmTrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML face of hidden Markov models: the estimator gives the Java API's fit, transform
 * gives the Decoder's paths, posteriors and scores, save/load keeps the model bit for bit, and
 * regCovar / rateFloor reach the M-step.
 */
class HiddenMarkovModelTest {
  private static final HmmParameters TRUTH = HmmParameters.of(new double[] {0.7, 0.3},
      new double[][] {{0.9, 0.1}, {0.2, 0.8}},
      CategoricalEmission.of(new double[][] {{0.6, 0.3, 0.1}, {0.1, 0.2, 0.7}}));

  @TempDir
  Path dir;

  private static Dataset<Row> sequences(int count) {
    HmmSampler sampler = new HmmSampler(TRUTH, new SplittableRandom(12L));
    List<Row> rows = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      int[] x = sampler.discrete(sampler.states(1 + (int) (id % 20)));
      rows.add(RowFactory.create(1000 + id, Arrays.stream(x).boxed().toArray(Integer[]::new)));
    }
    StructType schema = new StructType().add("sid", DataTypes.LongType, false)
        .add("sequence", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    return SharedSpark.session().createDataFrame(rows, schema).repartition(3);
  }

  @Test
  void fitEqualsTheJavaApiAndTransformEqualsTheDecoder() {
    Dataset<Row> frame = sequences(150).cache();
    HiddenMarkovModelModel model = new HiddenMarkovModel().setK(2).setSeed(4L).setNInit(2)
        .setMaxIter(20).setTol(0).setIdCol("sid").setTransitionPseudoCount(0.5).fit(frame);
    var blocks = SequenceFrames.blocks(frame, SequenceLayout.array("sequence", "sid", null),
        true);
    HmmTraining java = HmmTrainer.train(blocks, new HmmTrainingOptions(2,
        EmissionType.CATEGORICAL, InitMode.RANDOM, 2, 4L, null, 0,
        new BaumWelchSettings(0, 0.5, 0, true, true)), new EmSettings(20, 0, 0),
        IterationListener.NONE);
    blocks.unpersist();
    assertEquals(HmmJson.toJson(java.model()), HmmJson.toJson(model.parameters()),
        "the estimator is the Java API's fit, bit for bit");
    assertEquals(java.bestFit().logLikelihood(), model.training().bestFit().logLikelihood());

    Decoder decoder = new Decoder(model.parameters());
    List<Row> out = model.transform(frame).orderBy("sid").collectAsList();
    assertEquals(150, out.size());
    for (Row row : out) {
      int[] x = row.<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray();
      SequenceBlock block = SequenceBlock.categorical(null, new int[][] {x}, null);
      assertArrayEquals(decoder.viterbi(block, 0), row.<Integer>getList(row.fieldIndex("path"))
          .stream().mapToInt(Integer::intValue).toArray());
      assertEquals(decoder.logLikelihood(block, 0), row.getDouble(row.fieldIndex("score")),
          1e-12 * Math.abs(row.getDouble(row.fieldIndex("score"))));
      List<scala.collection.Seq<Double>> posteriors = row.getList(row.fieldIndex("posteriors"));
      double[][] gamma = decoder.posteriors(block, 0);
      for (int t = 0; t < x.length; t++) {
        assertEquals(gamma[t][1], posteriors.get(t).apply(1), 1e-12);
      }
    }
    frame.unpersist();
  }

  @Test
  void rateFloorAndRegCovarReachTheMStep() {
    assertEquals(BaumWelchSettings.MAXIMUM_LIKELIHOOD, new HiddenMarkovModel().getEstimation());
    assertEquals(BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(0.5, 0.25),
        new HiddenMarkovModel().setRegCovar(0.5).setRateFloor(0.25).getEstimation());
    assertThrows(IllegalArgumentException.class, () -> new HiddenMarkovModel().setRegCovar(-1));
    assertThrows(IllegalArgumentException.class, () -> new HiddenMarkovModel().setRateFloor(-1));

    int[][] counts = HmmFloorTest.counts();
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < counts.length; s++) {
      rows.add(RowFactory.create((long) s, Arrays.stream(counts[s]).boxed()
          .toArray(Integer[]::new)));
    }
    StructType schema = new StructType().add("sid", DataTypes.LongType, false)
        .add("sequence", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    Dataset<Row> frame = SharedSpark.session().createDataFrame(rows, schema).cache();
    double floor = 0.5;
    HiddenMarkovModelModel model = new HiddenMarkovModel().setEmission("poisson").setSeed(3L)
        .setMaxIter(10).setTol(0).setIdCol("sid").setRateFloor(floor).fit(frame);
    var blocks = SequenceFrames.blocks(frame, SequenceLayout.array("sequence", "sid", null),
        true);
    HmmTraining java = HmmTrainer.train(blocks, new HmmTrainingOptions(2, EmissionType.POISSON,
        InitMode.RANDOM, 1, 3L, null, 0,
        BaumWelchSettings.MAXIMUM_LIKELIHOOD.withFloors(0, floor)), new EmSettings(10, 0, 0),
        IterationListener.NONE);
    blocks.unpersist();
    frame.unpersist();
    assertEquals(HmmJson.toJson(java.model()), HmmJson.toJson(model.parameters()),
        "the estimator is the Java API's fit with the same floor, bit for bit");
    assertEquals(floor, Arrays.stream(((dev.sparkem.hmm.PoissonEmission) model.parameters()
        .emission()).rates()).min().orElseThrow(), "the state of the runs of zeros is floored");
  }

  @Test
  void saveAndLoadKeepTheModelAndParams() throws java.io.IOException {
    Dataset<Row> frame = sequences(40).cache();
    HiddenMarkovModel estimator = new HiddenMarkovModel().setK(2).setMaxIter(3).setSeed(2L)
        .setScoreCol("logp");
    HiddenMarkovModelModel model = estimator.fit(frame);
    String path = dir.resolve("model").toString();
    model.save(path);
    HiddenMarkovModelModel loaded = HiddenMarkovModelModel.load(path);
    assertEquals(model.toJson(), loaded.toJson());
    assertEquals(model.uid(), loaded.uid());
    assertEquals("logp", loaded.getScoreCol());
    assertEquals(model.transform(frame).orderBy("sid").collectAsList(),
        loaded.transform(frame).orderBy("sid").collectAsList());
    String estimatorPath = dir.resolve("estimator").toString();
    estimator.save(estimatorPath);
    HiddenMarkovModel back = HiddenMarkovModel.load(estimatorPath);
    assertEquals(3, back.getMaxIter());
    assertEquals(2L, back.getSeed());
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> CountMixtureModel.load(path));
    assertTrue(wrong.getMessage().contains("expected 'dev.sparkem.ml.CountMixtureModel'"),
        wrong.getMessage());
    frame.unpersist();
  }
}
