package dev.sparkem.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.checkpoint.Checkpointer;
import dev.sparkem.checkpoint.Fingerprint;
import dev.sparkem.checkpoint.ParameterCodec;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.hmm.BaumWelchSettings;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceFrames;
import dev.sparkem.hmm.SequenceLayout;
import dev.sparkem.init.InitMode;
import dev.sparkem.training.HmmTrainer;
import dev.sparkem.training.HmmTraining;
import dev.sparkem.training.HmmTrainingOptions;
import dev.sparkem.training.TrainingPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fit --family hmm}: Baum–Welch on sequences in the array or long layout, with the
 * options of {@link FitCommand} that apply ({@code --k}/{@code --states}, {@code --init},
 * {@code --n-init}, {@code --seed}, {@code --max-iter}, {@code --tol}, {@code --rel-tol},
 * {@code --weight-col}, {@code --checkpoint-dir}/{@code --resume},
 * {@code --require-convergence}) and {@link HmmOptions}; writes model.json and metrics.jsonl
 * like the mixtures, and the same convergence.png and report.html (start, transition and
 * emission tables).
 */
final class HmmFitJob {
  /** The value of {@code --family} that selects this job. */
  static final String FAMILY = "hmm";

  private final FitCommand command;
  private final HmmOptions hmm;
  private final EmSettings settings;

  HmmFitJob(FitCommand command, EmSettings settings) {
    this.command = command;
    this.hmm = command.hmm;
    this.settings = settings;
  }

  /** True when {@code --family} names the HMM. */
  static boolean selected(String family) {
    return family != null && family.trim().toLowerCase(Locale.ROOT).equals(FAMILY);
  }

  Integer run() throws IOException {
    rejectMixtureOptions();
    SparkSession spark = SparkSession.builder().appName("spark-em fit").getOrCreate();
    HmmModelFile given = givenStart(spark);
    EmissionType type = given != null ? EmissionType.of(given.parameters().emission())
        : hmm.emissionType();
    if (given != null && hmm.emission != null && hmm.emissionType() != type) {
      throw new IllegalArgumentException("--emission is " + hmm.emission + " but --init "
          + command.init + " has a " + type + " emission");
    }
    if (hmm.symbols != null && (type != EmissionType.CATEGORICAL || hmm.symbols < 1)) {
      throw new IllegalArgumentException("--symbols is " + hmm.symbols + ", expected a number "
          + ">= 1 and a categorical emission (found " + type + ")");
    }
    InitMode mode = given != null ? null : initMode(type);
    BaumWelchSettings estimation =
        hmm.estimation(type, command.em.regCovar, command.family.rateFloor);
    int states = given != null ? given.parameters().states()
        : command.k == null ? 2 : command.k;
    HmmTrainingOptions options = new HmmTrainingOptions(states, type, mode,
        command.em.nInit, command.em.seed, given == null ? null : given.parameters(),
        hmm.symbols == null ? 0 : hmm.symbols, estimation);
    try (OutputDirectory out = command.output.prepare(spark)) {
      Dataset<Row> frame = command.input.read(spark);
      SequenceLayout layout =
          hmm.layout(frame, command.input.features, command.em.weightColumn, null);
      ObjectNode provenance = provenance(spark, layout, mode, estimation);
      long[] seeds = new long[options.nInit()];
      Arrays.setAll(seeds, r -> TrainingPlan.restartSeed(options.seed(), r));
      Optional<Checkpointer<HmmParameters>> checkpointer = command.checkpoints.open(spark,
          new ParameterCodec<>(HmmJson::toJson, HmmJson::fromJson),
          fingerprint(spark, provenance, options), seeds);
      Optional<EmState> resumed = checkpointer.flatMap(
          c -> command.checkpoints.resumeFrom(c, command.spec.commandLine().getErr()));
      EmState.Sink sink = checkpointer.<EmState.Sink>map(c -> c).orElse(EmState.Sink.NONE);
      JavaRDD<SequenceBlock> blocks = SequenceFrames.blocks(frame, layout, type.discrete());
      try {
        List<IterationRecord> records = new ArrayList<>();
        IterationListener listener = record -> {
          records.add(record);
          command.spec.commandLine().getErr().println(
              FitReport.progressLine(record, settings.maxIterations()));
        };
        HmmTraining training = resumed.isPresent()
            ? HmmTrainer.resume(blocks, options, resumed.get(), settings, listener, sink)
            : HmmTrainer.train(blocks, options, settings, listener, sink);
        if (training.bestFit().status() == FitStatus.DEGENERATE) {
          throw new DegenerateModelException(training.bestFit().message().orElse(
              "degenerate fit") + "; nothing was written to " + command.output.output);
        }
        HmmFitReport report = new HmmFitReport(provenance, training, records);
        report.writeModelAndReport(out, List.of(command.configuration().table()));
        out.writeText(FitCommand.METRICS_FILE, FitReport.metricsJsonLines(records));
        out.commit();
        command.spec.commandLine().getOut().print(report.summary(out.target().toString()));
        checkpointer.ifPresent(Checkpointer::clear);
        return command.exitCode(training.bestFit(), settings);
      } finally {
        blocks.unpersist();
      }
    }
  }

  /**
   * What identifies this run's checkpoints: the provenance (input, layout, init, EM and
   * estimation options) without the Spark version, the input's files, the partitioning, the
   * states, emission and symbols, and the --init model's files.
   */
  private Fingerprint fingerprint(SparkSession spark, ObjectNode provenance,
      HmmTrainingOptions options) {
    ObjectNode node = provenance.deepCopy();
    node.remove("sparkVersion");
    node.put("inputFiles", HadoopFiles.describeFiles(spark, command.input.input));
    node.put("partitions", command.input.partitions);
    node.put("family", FAMILY);
    node.put("states", options.states());
    node.put("emission", options.emissionType().toString());
    node.put("symbols", options.symbols());
    if (options.given() != null) {
      node.put("initFiles", HadoopFiles.describeFiles(spark, command.init));
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> values.put(field.getKey(),
        field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
    return Fingerprint.of(values);
  }

  /** The fit options that only mixtures take. */
  private void rejectMixtureOptions() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("--covariance", command.covariance);
    given.put("--alpha", command.family.alpha);
    given.put("--vocabulary", command.vocabulary);
    given.forEach((option, value) -> {
      if (value != null) {
        throw new IllegalArgumentException(option + " does not apply to the hmm family, which "
            + "takes --emission, the layout options, the pseudo-counts, --reg-covar (gaussian "
            + "emissions) and --rate-floor (poisson emissions) (see fit --help)");
      }
    });
  }

  private InitMode initMode(EmissionType type) {
    if (command.init == null) {
      return type == EmissionType.CATEGORICAL ? InitMode.RANDOM : InitMode.KMEANS;
    }
    InitMode mode = InitMode.parse(command.init);
    if (mode != InitMode.RANDOM && (mode != InitMode.KMEANS
        || type == EmissionType.CATEGORICAL)) {
      throw new IllegalArgumentException("--init " + command.init + " does not apply to a "
          + type + " hmm, expected random" + (type == EmissionType.CATEGORICAL ? "" : ", kmeans")
          + " or an hmm model file");
    }
    return mode;
  }

  /** The model file of --init, or null for an init mode. */
  private HmmModelFile givenStart(SparkSession spark) {
    if (command.init == null || Arrays.stream(InitMode.values())
        .anyMatch(mode -> mode.toString().equalsIgnoreCase(command.init))) {
      return null;
    }
    HmmModelFile file = HmmModelFile.read(spark, "--init", command.init);
    if (command.k != null && command.k != file.parameters().states()) {
      throw new IllegalArgumentException("--k is " + command.k + " but --init " + command.init
          + " has " + file.parameters().states() + " states");
    }
    if (command.em.nInit != 1) {
      throw new IllegalArgumentException("--n-init is " + command.em.nInit + " but --init "
          + command.init + " gives the start point, expected 1");
    }
    return file;
  }

  /** How the model was made: the options that matter for reproducing it. */
  private ObjectNode provenance(SparkSession spark, SequenceLayout layout, InitMode mode,
      BaumWelchSettings estimation) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("input", command.input.input);
    node.put("inputFormat", command.input.format().toString());
    HmmOptions.record(node, layout);
    node.put("presorted", layout.presorted());
    node.put("init", command.init != null ? command.init : mode.toString());
    command.em.record(node);
    node.put("startPseudoCount", estimation.startPseudoCount());
    node.put("transitionPseudoCount", estimation.transitionPseudoCount());
    node.put("emissionPseudoCount", estimation.emissionPseudoCount());
    node.put("regCovar", estimation.regCovar());
    node.put("rateFloor", estimation.rateFloor());
    node.put("learnStart", estimation.learnStart());
    node.put("learnTransitions", estimation.learnTransitions());
    node.put("sparkVersion", spark.version());
    return node;
  }

  /** The parameters' emission, for tests and messages. */
  static String describe(HmmParameters params) {
    return params.states() + "-state hmm, " + EmissionType.of(params.emission()) + " emission";
  }
}
