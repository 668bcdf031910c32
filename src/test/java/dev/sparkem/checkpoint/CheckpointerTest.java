package dev.sparkem.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureChecks;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.testing.Samples;
import dev.sparkem.testing.SharedSpark;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
import dev.sparkem.training.MixtureTrainer;
import dev.sparkem.training.MixtureTraining;
import dev.sparkem.training.TrainingPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fit stopped after a checkpoint and resumed from it ends bit for bit where the uninterrupted
 * fit ends (parameters, traces, status, the listener's records), for every family; checkpoints
 * are kept two at a time, refused when written by another run, skipped when unreadable, and
 * doubles survive the JSON exactly.
 */
class CheckpointerTest {
  private static final Fingerprint RUN = Fingerprint.of(Map.of("input", "x", "tol", "0"));
  /** tol 0: every run goes the whole way, so that the resumed part has work to do. */
  private static final EmSettings SETTINGS = new EmSettings(7, 0.0, 0.0);

  @TempDir
  java.nio.file.Path dir;

  /** Stops a fit from inside the checkpoint sink, as a killed driver would. */
  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static double[][] rows(String family) {
    Random random = new Random(11);
    double[][] rows = Samples.mixture(random, 600,
        new double[][] {{0, 0, 0}, {4, 1, 0}, {0, 5, 3}}, 1.0);
    if (family.equals("gaussian")) {
      return rows;
    }
    for (double[] row : rows) {
      for (int a = 0; a < row.length; a++) {
        double v = Math.abs(Math.round(row[a]));
        row[a] = family.equals("bernoulli") ? Math.min(1, v) : v;
      }
    }
    return rows;
  }

  private static PackedData pack(MixtureKind<?> kind, double[][] rows) {
    Dataset<Row> frame = SharedSpark.frame(rows, 3);
    return PackedData.pack(frame, FeatureColumns.resolve(frame, List.of(), List.of()), null,
        kind.packing(Packing.DEFAULT).withStorage(StorageLevel.MEMORY_ONLY()));
  }

  private Checkpointer<MixtureModel> checkpointer(MixtureKind<?> kind, Fingerprint fingerprint)
      throws IOException {
    @SuppressWarnings("unchecked")
    MixtureKind<MixtureModel> any = (MixtureKind<MixtureModel>) kind;
    return new Checkpointer<>(FileSystem.getLocal(new Configuration()),
        new Path(dir.resolve("ckpt").toUri()), fingerprint,
        new ParameterCodec<>(MixtureModel::toJson, any::read), new long[] {5, 6});
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "multinomial", "bernoulli", "poisson"})
  void aResumedFitEndsBitForBitWhereTheUninterruptedOneEnds(String family) throws IOException {
    @SuppressWarnings("unchecked")
    MixtureKind<MixtureModel> kind = (MixtureKind<MixtureModel>) MixtureKinds.withDefaults(family);
    PackedData data = pack(kind, rows(family));
    try {
      TrainingPlan<MixtureModel> plan =
          new TrainingPlan<>(kind, 3, InitMode.RANDOM, 2, 5, null);
      List<IterationRecord> expectedRecords = new ArrayList<>();
      MixtureTraining<MixtureModel> expected =
          MixtureTrainer.train(data, plan, SETTINGS, expectedRecords::add);

      Checkpointer<MixtureModel> writer = checkpointer(kind, RUN);
      assertThrows(Crash.class, () -> MixtureTrainer.train(data, plan, SETTINGS, r -> { },
          state -> {
            writer.accept(state);
            if (state.iteration() == 3) {
              throw new Crash();
            }
          }));
      assertEquals(List.of("checkpoint-000003.json", "checkpoint-000002.json"),
          writer.checkpoints().stream().map(Path::getName).toList());

      Checkpointer<MixtureModel> reader = checkpointer(kind, RUN);
      EmState state = reader.latest().orElseThrow();
      assertEquals(3, state.iteration());
      assertEquals(FitStatus.RUNNING, state.fits().get(0).status());
      List<IterationRecord> records = new ArrayList<>();
      MixtureTraining<MixtureModel> resumed =
          MixtureTrainer.resume(data, plan, state, SETTINGS, records::add, reader);

      assertEquals(expected.best(), resumed.best());
      for (int r = 0; r < plan.nInit(); r++) {
        FitResult<MixtureModel> want = expected.restarts().get(r);
        FitResult<MixtureModel> got = resumed.restarts().get(r);
        assertEquals(want.model().toJson(), got.model().toJson(), family + " restart " + r);
        assertArrayEquals(want.logLikelihoods(), got.logLikelihoods());
        assertArrayEquals(want.objectives(), got.objectives());
        assertEquals(want.status(), got.status());
        assertEquals(want.rows(), got.rows());
        assertEquals(want.totalWeight(), got.totalWeight());
      }
      assertEquals(withoutSeconds(expectedRecords), withoutSeconds(records));
      assertEquals(List.of("checkpoint-000007.json", "checkpoint-000006.json"),
          reader.checkpoints().stream().map(Path::getName).toList());
      reader.clear();
      assertFalse(Files.exists(dir.resolve("ckpt")));
    } finally {
      data.release();
    }
  }

  @Test
  void aFitCheckpointedAfterEveryRestartConvergedResumesToTheSameResult() throws IOException {
    @SuppressWarnings("unchecked")
    MixtureKind<MixtureModel> kind =
        (MixtureKind<MixtureModel>) MixtureKinds.withDefaults("gaussian");
    PackedData data = pack(kind, rows("gaussian"));
    try {
      TrainingPlan<MixtureModel> plan = new TrainingPlan<>(kind, 3, InitMode.RANDOM, 2, 5, null);
      EmSettings converging = new EmSettings(200, 1e-3, 0.0);
      List<Integer> iterations = new ArrayList<>();
      MixtureTraining<MixtureModel> expected = MixtureTrainer.train(data, plan, converging,
          r -> { }, state -> iterations.add(state.iteration()));
      int last = iterations.get(iterations.size() - 1);
      Checkpointer<MixtureModel> writer = checkpointer(kind, RUN);
      assertThrows(Crash.class, () -> MixtureTrainer.train(data, plan, converging, r -> { },
          state -> {
            writer.accept(state);
            if (state.iteration() == last) {
              throw new Crash();
            }
          }));
      EmState state = checkpointer(kind, RUN).latest().orElseThrow();
      assertTrue(state.fits().stream().allMatch(f -> f.status() == FitStatus.CONVERGED),
          state::toString);
      MixtureTraining<MixtureModel> resumed =
          MixtureTrainer.resume(data, plan, state, converging, r -> { }, EmState.Sink.NONE);
      for (int r = 0; r < plan.nInit(); r++) {
        FitResult<MixtureModel> want = expected.restarts().get(r);
        FitResult<MixtureModel> got = resumed.restarts().get(r);
        assertEquals(FitStatus.CONVERGED, got.status());
        assertEquals(want.model().toJson(), got.model().toJson());
        assertArrayEquals(want.logLikelihoods(), got.logLikelihoods());
        assertEquals(want.rows(), got.rows());
      }
    } finally {
      data.release();
    }
  }

  private static List<String> withoutSeconds(List<IterationRecord> records) {
    return records.stream().map(r -> r.run() + " " + r.iteration() + " " + r.logLikelihood()
        + " " + r.meanLogLikelihood() + " " + r.delta()).sorted().toList();
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedNamingWhatDiffers() throws IOException {
    MixtureKind<?> kind = MixtureKinds.withDefaults("gaussian");
    checkpointer(kind, RUN).accept(state(kind));
    Checkpointer<MixtureModel> other =
        checkpointer(kind, Fingerprint.of(Map.of("input", "x", "tol", "1.0E-4")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, other::latest);
    assertTrue(e.getMessage().contains("tol is '0' in the checkpoint, '1.0E-4' now"),
        e::getMessage);
    assertTrue(e.getMessage().contains("checkpoint-000004.json"), e::getMessage);
  }

  @Test
  void anUnreadableNewestCheckpointIsSkippedForTheOneBefore() throws IOException {
    MixtureKind<?> kind = MixtureKinds.withDefaults("gaussian");
    Checkpointer<MixtureModel> checkpointer = checkpointer(kind, RUN);
    EmState four = state(kind);
    checkpointer.accept(four);
    checkpointer.accept(new EmState(5, four.fits()));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    try (OutputStream out = fs.create(checkpointer.file(5), true)) {
      out.write("{\"format\": \"spark-em-checkp".getBytes(StandardCharsets.UTF_8));
    }
    EmState read = checkpointer.latest().orElseThrow();
    assertEquals(4, read.iteration());
    assertEquals(((MixtureModel) four.fits().get(0).model()).toJson(),
        ((MixtureModel) read.fits().get(0).model()).toJson());
    assertArrayEquals(four.fits().get(0).logLikelihoods(), read.fits().get(0).logLikelihoods());
  }

  /** A state at iteration 4 with awkward numbers: weights that sum to 1 only within round-off. */
  private static EmState state(MixtureKind<?> kind) {
    Random random = new Random(3);
    MixtureModel model = kind.randomModel(3, 4, new java.util.SplittableRandom(9));
    double[] trace = {-1234.5678901234567, -1000.1 / 3, Math.nextDown(-333.0), -0.1 - 0.2,
        random.nextGaussian()};
    return new EmState(4, List.of(FitResult.restore(model, FitStatus.RUNNING, null, trace,
        trace, new double[] {0.5, 0.25, 0.125, 1.0 / 3, 7}, 600, 600, List.of())));
  }

  @Test
  void doublesSurviveTheJsonBitForBit() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Random random = new Random(42);
    ArrayNode array = json.createArrayNode();
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      double v;
      do {
        v = Double.longBitsToDouble(random.nextLong());
      } while (!Double.isFinite(v));
      values[i] = i % 2 == 0 ? v : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      array.add(values[i]);
    }
    JsonNode read = json.readTree(json.writeValueAsBytes(array));
    for (int i = 0; i < values.length; i++) {
      assertEquals(Double.doubleToRawLongBits(values[i]),
          Double.doubleToRawLongBits(read.get(i).doubleValue()), "value " + values[i]);
    }
  }

  @Test
  void weightsThatSumToOneWithinRoundOffAreKeptAsTheyAre() {
    double[] weights = {0.7, 0.2, 0.1};
    double sum = 0.7 + 0.2 + 0.1;
    assertTrue(sum != 1.0 && MixtureChecks.sumsToOne(sum, 3), "the sum is " + sum);
    assertArrayEquals(weights, MixtureChecks.weights(weights));
    double[] off = {0.3, 0.3, 0.3999999};
    double[] scaled = MixtureChecks.weights(off);
    assertEquals(1.0, scaled[0] + scaled[1] + scaled[2], 1e-15);
    assertEquals(0.3 / (0.3 + 0.3 + 0.3999999), scaled[0]);
  }
}
