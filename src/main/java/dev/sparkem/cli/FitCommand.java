package dev.sparkem.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.checkpoint.Checkpointer;
import dev.sparkem.checkpoint.Fingerprint;
import dev.sparkem.checkpoint.ParameterCodec;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.training.GaussianKind;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureTrainer;
import dev.sparkem.training.MixtureTraining;
import dev.sparkem.training.TrainingPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fit}: fits a mixture of any family and writes model.json, metrics.jsonl,
 * convergence.png and report.html.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fit a mixture (Gaussian, multinomial, Bernoulli or Poisson) by EM and write "
        + "OUTPUT/model.json, OUTPUT/metrics.jsonl, OUTPUT/convergence.png and OUTPUT/report.html,"
        + " or a hidden Markov model (--family hmm) and write OUTPUT/model.json and "
        + "OUTPUT/metrics.jsonl; the output appears whole or not at all.",
        "Options may also come from --conf FILE (properties: option names without dashes); "
            + "the command line wins."})
final class FitCommand implements Callable<Integer>, Configuration.Aware {
  static final String MODEL_FILE = ModelFile.NAME;
  static final String METRICS_FILE = "metrics.jsonl";

  @Mixin
  InputOptions input;

  @Mixin
  FamilyOptions family;

  @Mixin
  EmOptions em;

  @Option(names = {"--k", "--states"}, paramLabel = "K",
      description = "Number of components, or of hidden states for --family hmm (default: 2, "
          + "or the k of an --init model file).")
  Integer k;

  @Option(names = "--covariance", paramLabel = "TYPE",
      description = "gaussian only: covariance type, as scikit-learn's covariance_type: full, "
          + "tied, diag or spherical (default: full).")
  String covariance;

  @Option(names = "--init", paramLabel = "MODE|PATH",
      description = "Start point: kmeans (k-means|| on the cluster), k-means++ (seeding on a "
          + "sample), random (k random rows), random-responsibilities (as scikit-learn's "
          + "'random'), or a model.json file of the same family. kmeans and k-means++ are "
          + "Gaussian only (default: kmeans for gaussian, random for the others).")
  String init;

  @Option(names = "--vocabulary", paramLabel = "FILE",
      description = "One term per line naming the features in order (line 1 is LIBSVM index "
          + "1); the summary then lists each component's top terms.")
  String vocabulary;

  @Mixin
  HmmOptions hmm;

  @Mixin
  OutputOption output;

  @Mixin
  CheckpointOptions checkpoints;

  @Option(names = "--require-convergence", arity = "0..1", paramLabel = "true|false",
      description = "Exit with code 4 when the fit stops at --max-iter without converging (the "
          + "model is still written).")
  boolean requireConvergence;

  @Spec
  CommandSpec spec;

  private Configuration configuration;

  @Override
  public void configuration(Configuration configuration) {
    this.configuration = configuration;
  }

  /** This run's configuration, for the report. */
  Configuration configuration() {
    return configuration;
  }

  @Override
  public Integer call() throws IOException {
    EmSettings settings = em.settings();
    if (k != null && k < 1) {
      throw new IllegalArgumentException("--k is " + k + ", expected >= 1");
    }
    if (HmmFitJob.selected(family.family)) {
      return new HmmFitJob(this, settings).run();
    }
    hmm.rejectFor(family.family);
    return fit(family.kind(covariance, em.regCovar == null ? null : em.regCovar()), settings);
  }

  private <P extends MixtureModel> Integer fit(MixtureKind<P> kind, EmSettings settings)
      throws IOException {
    SparkSession spark = SparkSession.builder().appName("spark-em fit").getOrCreate();
    P given = givenStart(spark, kind);
    InitMode mode = given != null ? null : init == null ? kind.defaultInit() : InitMode.parse(init);
    if (mode != null) {
      kind.checkInit(mode);
    }
    TrainingPlan<P> plan = new TrainingPlan<>(kind, given != null ? given.k() : k == null ? 2 : k,
        mode, em.nInit, em.seed, given);
    List<String> terms = vocabulary == null ? null
        : HadoopFiles.readText(spark, vocabulary).lines().map(String::trim).toList();
    long[] seeds = new long[plan.nInit()];
    Arrays.setAll(seeds, plan::restartSeed);
    Optional<Checkpointer<P>> checkpointer =
        checkpoints.open(spark, new ParameterCodec<>(MixtureModel::toJson, kind::read),
            fingerprint(spark, kind, mode, plan), seeds);
    Optional<EmState> resumed =
        checkpointer.flatMap(c -> checkpoints.resumeFrom(c, spec.commandLine().getErr()));
    EmState.Sink sink = checkpointer.<EmState.Sink>map(c -> c).orElse(EmState.Sink.NONE);
    MixtureTraining<P> result;
    try (OutputDirectory out = output.prepare(spark)) {
      PackedData data = em.pack(input.read(spark), input.features,
          kind.packing(Packing.DEFAULT));
      try {
        if (terms != null && terms.size() != data.dimension()) {
          throw new IllegalArgumentException("--vocabulary " + vocabulary + " has " + terms.size()
              + " terms, the input has " + data.dimension() + " features");
        }
        List<IterationRecord> records = new ArrayList<>();
        IterationListener listener = record -> {
          records.add(record);
          spec.commandLine().getErr().println(
              FitReport.progressLine(record, settings.maxIterations()));
        };
        result = resumed.isPresent()
            ? MixtureTrainer.resume(data, plan, resumed.get(), settings, listener, sink)
            : MixtureTrainer.train(data, plan, settings, listener, sink);
        if (result.bestFit().status() == FitStatus.DEGENERATE) {
          throw new DegenerateModelException(result.bestFit().message().orElse("degenerate fit")
              + "; nothing was written to " + output.output);
        }
        FitReport<P> report = new FitReport<>(provenance(spark, kind, mode), data.features(),
            kind, result, records, terms);
        report.writeModelAndReport(out, report.title("fit"),
            List.of(configuration.table()));
        out.writeText(METRICS_FILE, report.metricsJsonLines());
        out.commit();
        spec.commandLine().getOut().print(report.summary(out.target().toString()));
      } finally {
        data.release();
      }
    }
    checkpointer.ifPresent(Checkpointer::clear);
    return exitCode(result.bestFit(), settings);
  }

  /**
   * 0, or with --require-convergence {@link SparkEm#NOT_CONVERGED} (saying so on stderr) when
   * {@code best}, whose model has been written, stopped at --max-iter without converging.
   */
  int exitCode(FitResult<?> best, EmSettings settings) {
    if (requireConvergence && best.status() == FitStatus.MAX_ITERATIONS) {
      spec.commandLine().getErr().println("error: the fit did not converge in "
          + best.iterations() + " iterations (--max-iter " + settings.maxIterations()
          + ", --tol " + settings.tolerance() + ", --rel-tol " + settings.relativeTolerance()
          + "); the model was written to " + output.output + " with status max_iterations");
      return SparkEm.NOT_CONVERGED;
    }
    return 0;
  }

  /**
   * What identifies this run's checkpoints: the input and its files, the family and every option
   * that changes the fitted numbers (the partitioning and block size too, since they change the
   * order of the sums).
   */
  private Fingerprint fingerprint(SparkSession spark, MixtureKind<?> kind, InitMode mode,
      TrainingPlan<?> plan) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("input", input.input);
    node.put("inputFiles", HadoopFiles.describeFiles(spark, input.input));
    node.put("inputFormat", input.format().toString());
    node.put("features", String.join(",", input.features));
    node.put("partitions", input.partitions);
    node.put("blockSizeMb", em.blockSizeMb);
    node.put("family", kind.name());
    node.put("k", plan.k());
    node.put("covariance", kind instanceof GaussianKind gaussian ? gaussian.type().toString()
        : "none");
    kind.record(node);
    node.put("init", init != null ? init : mode.toString());
    if (plan.given() != null) {
      node.put("initFiles", HadoopFiles.describeFiles(spark, init));
    }
    em.record(node);
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return Fingerprint.of(values);
  }

  /** How the model was made: the options that matter for reproducing it. */
  private ObjectNode provenance(SparkSession spark, MixtureKind<?> kind, InitMode mode) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("input", input.input);
    node.put("inputFormat", input.format().toString());
    node.put("init", init != null ? init : mode.toString());
    em.record(node);
    kind.record(node);
    if (vocabulary != null) {
      node.put("vocabulary", vocabulary);
    }
    node.put("sparkVersion", spark.version());
    return node;
  }

  /** The parameters of an --init model file, or null for an init mode. */
  private <P extends MixtureModel> P givenStart(SparkSession spark, MixtureKind<P> kind) {
    if (init == null || Arrays.stream(InitMode.values())
        .anyMatch(mode -> mode.toString().equalsIgnoreCase(init))) {
      return null;
    }
    P given;
    try {
      given = ModelFile.read(spark, "--init", init).parameters(kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (--init takes one of "
          + Arrays.stream(InitMode.values()).map(InitMode::toString)
              .collect(Collectors.joining(", ")) + ", or a model file)", e);
    }
    if (k != null && k != given.k()) {
      throw new IllegalArgumentException("--k is " + k + " but --init " + init + " has "
          + given.k() + " components");
    }
    return given;
  }
}
