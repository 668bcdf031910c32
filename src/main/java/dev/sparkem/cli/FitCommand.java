package dev.sparkem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.PackedData;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationRecord;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.training.GaussianMixtureTrainer;
import dev.sparkem.training.TrainingOptions;
import dev.sparkem.training.TrainingResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fit}: fits a Gaussian mixture and writes model.json and metrics.jsonl. */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fit a Gaussian mixture by EM and write OUTPUT/model.json "
        + "and OUTPUT/metrics.jsonl; the output appears whole or not at all.",
        "Options may also come from --conf FILE (properties: option names without dashes); "
            + "the command line wins."})
final class FitCommand implements Callable<Integer> {
  static final String MODEL_FILE = ModelFile.NAME;
  static final String METRICS_FILE = "metrics.jsonl";

  @Mixin
  InputOptions input;

  @Mixin
  EmOptions em;

  @Option(names = "--k", paramLabel = "K",
      description = "Number of components (default: 2, or the k of an --init model file).")
  Integer k;

  @Option(names = "--covariance", paramLabel = "TYPE", defaultValue = "full",
      description = "Covariance type, as scikit-learn's covariance_type: full, tied, diag or "
          + "spherical (default: ${DEFAULT-VALUE}).")
  String covariance;

  @Option(names = "--init", paramLabel = "MODE|PATH", defaultValue = "kmeans",
      description = "Start point: kmeans (k-means|| on the cluster), k-means++ (seeding on a "
          + "sample), random (k random rows), random-responsibilities (as scikit-learn's "
          + "'random'), or a model.json file holding weights, means and covariances "
          + "(default: ${DEFAULT-VALUE}).")
  String init;

  @Mixin
  OutputOption output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    CovarianceType type = CovarianceType.parse(covariance);
    SparkSession spark = SparkSession.builder().appName("spark-em fit").getOrCreate();
    GaussianMixtureParameters given = givenStart(spark);
    TrainingOptions options = new TrainingOptions(given != null ? given.k() : k == null ? 2 : k,
        type, em.regCovar, given != null ? InitMode.KMEANS : InitMode.parse(init), em.nInit,
        em.seed, em.settings());
    try (OutputDirectory out = output.prepare(spark)) {
      PackedData data = em.pack(input.read(spark), input.features);
      try {
        List<IterationRecord> records = new ArrayList<>();
        TrainingResult result = GaussianMixtureTrainer.train(data, options, given, record -> {
          records.add(record);
          spec.commandLine().getErr().println(FitReport.progressLine(record));
        });
        if (result.bestFit().status() == FitStatus.DEGENERATE) {
          throw new DegenerateModelException(result.bestFit().message().orElse("degenerate fit")
              + "; nothing was written to " + output.output);
        }
        FitReport report = new FitReport(provenance(spark), data.features(), result, records);
        ObjectMapper json = new ObjectMapper();
        out.writeText(MODEL_FILE, json.writerWithDefaultPrettyPrinter()
            .writeValueAsString(report.modelJson()));
        out.writeText(METRICS_FILE, report.metricsJsonLines());
        out.commit();
        spec.commandLine().getOut().print(report.summary(out.target().toString()));
      } finally {
        data.release();
      }
    }
    return 0;
  }

  /** How the model was made: the options that matter for reproducing it. */
  private ObjectNode provenance(SparkSession spark) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("input", input.input);
    node.put("inputFormat", input.format().toString());
    node.put("init", init);
    em.record(node);
    node.put("sparkVersion", spark.version());
    return node;
  }

  /** The parameters of an --init model file, or null for kmeans/random. */
  private GaussianMixtureParameters givenStart(SparkSession spark) {
    if (Arrays.stream(InitMode.values()).anyMatch(mode -> mode.toString().equalsIgnoreCase(init))) {
      return null;
    }
    GaussianMixtureParameters given;
    try {
      given = ModelFile.read(spark, "--init", init).parameters();
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
