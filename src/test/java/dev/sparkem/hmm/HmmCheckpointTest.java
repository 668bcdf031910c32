package dev.sparkem.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkem.checkpoint.Checkpointer;
import dev.sparkem.checkpoint.Fingerprint;
import dev.sparkem.checkpoint.ParameterCodec;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.init.InitMode;
import dev.sparkem.testing.SharedSpark;
import dev.sparkem.training.HmmTrainer;
import dev.sparkem.training.HmmTraining;
import dev.sparkem.training.HmmTrainingOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HMM training stopped after the checkpoint of iteration 3 and resumed from it with
 * {@link HmmTrainer#resume} ends bit for bit where the uninterrupted training ends (parameters
 * through {@link HmmJson}, traces, status, the listener's records), for every emission, with
 * {@link HmmJson} as the checkpoint's parameter codec.
 */
class HmmCheckpointTest {
  private static final JavaSparkContext JSC =
      JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
  /** tol 0: every restart runs all 7 iterations, so that the resumed part has work to do. */
  private static final EmSettings SETTINGS = new EmSettings(7, 0.0, 0.0);
  private static final Fingerprint RUN = Fingerprint.of(Map.of("input", "x", "tol", "0"));

  @TempDir
  java.nio.file.Path dir;

  /** Stops a training from inside the checkpoint sink, as a killed driver would. */
  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** 60 sequences of 2-d vectors around 0 or 3 (the regime switches with probability 0.1). */
  private static double[][][] vectors() {
    Random random = new Random(7);
    double[][][] sequences = new double[60][20][];
    for (double[][] sequence : sequences) {
      int state = random.nextInt(2);
      for (int t = 0; t < sequence.length; t++) {
        state = random.nextDouble() < 0.1 ? 1 - state : state;
        sequence[t] = new double[] {3 * state + random.nextGaussian(),
            -state + 0.5 * random.nextGaussian()};
      }
    }
    return sequences;
  }

  private Checkpointer<HmmParameters> checkpointer() throws IOException {
    return new Checkpointer<>(FileSystem.getLocal(new Configuration()),
        new Path(dir.resolve("ckpt").toUri()), RUN,
        new ParameterCodec<>(HmmJson::toJson, HmmJson::fromJson), new long[] {5, 6});
  }

  @ParameterizedTest
  @EnumSource(EmissionType.class)
  void aResumedTrainingEndsBitForBitWhereTheUninterruptedOneEnds(EmissionType type)
      throws IOException {
    JavaRDD<SequenceBlock> data = type.discrete()
        ? SequenceBlocks.categorical(JSC, HmmFitTest.generate(HmmFitTest.TRUE_CATEGORICAL, 60,
            20, 99L), null, 2)
        : SequenceBlocks.real(JSC, vectors(), null, 2);
    try {
      HmmTrainingOptions options = HmmTrainingOptions.of(2, type, InitMode.RANDOM, 2, 5L);
      List<IterationRecord> expectedRecords = new ArrayList<>();
      HmmTraining expected = HmmTrainer.train(data, options, SETTINGS, expectedRecords::add);

      Checkpointer<HmmParameters> writer = checkpointer();
      assertThrows(Crash.class, () -> HmmTrainer.train(data, options, SETTINGS, r -> { },
          state -> {
            writer.accept(state);
            if (state.iteration() == 3) {
              throw new Crash();
            }
          }));
      Checkpointer<HmmParameters> reader = checkpointer();
      EmState state = reader.latest().orElseThrow();
      assertEquals(3, state.iteration());
      assertEquals(FitStatus.RUNNING, state.fits().get(0).status());
      List<IterationRecord> records = new ArrayList<>();
      HmmTraining resumed =
          HmmTrainer.resume(data, options, state, SETTINGS, records::add, reader);

      assertEquals(expected.best(), resumed.best());
      for (int r = 0; r < options.nInit(); r++) {
        FitResult<HmmParameters> want = expected.restarts().get(r);
        FitResult<HmmParameters> got = resumed.restarts().get(r);
        assertEquals(HmmJson.toJson(want.model()), HmmJson.toJson(got.model()),
            type + " restart " + r);
        assertArrayEquals(want.logLikelihoods(), got.logLikelihoods());
        assertArrayEquals(want.objectives(), got.objectives());
        assertEquals(want.status(), got.status());
        assertEquals(want.totalWeight(), got.totalWeight());
      }
      assertEquals(withoutSeconds(expectedRecords), withoutSeconds(records));
      assertThrows(IllegalArgumentException.class, () -> HmmTrainer.resume(data,
          HmmTrainingOptions.of(3, type, InitMode.RANDOM, 2, 5L), state, SETTINGS, r -> { },
          EmState.Sink.NONE), "a checkpoint of 2 states does not resume a 3-state training");
      reader.clear();
    } finally {
      data.unpersist();
    }
  }

  private static List<String> withoutSeconds(List<IterationRecord> records) {
    return records.stream().map(r -> r.run() + " " + r.iteration() + " " + r.logLikelihood()
        + " " + r.meanLogLikelihood() + " " + r.delta()).sorted().toList();
  }
}
