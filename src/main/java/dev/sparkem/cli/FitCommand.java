package dev.sparkem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.Packing;
import dev.sparkem.data.PackedData;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  @Option(names = "--weight-col", paramLabel = "COLUMN",
      description = "Column of row weights (finite, >= 0); a row of weight w counts as w rows.")
  String weightColumn;

  @Option(names = "--k", paramLabel = "K",
      description = "Number of components (default: 2, or the k of an --init model file).")
  Integer k;

  @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
      description = "Maximum number of EM iterations (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-3",
      description = "Stop when the mean log-likelihood per unit weight changes by less than TOL "
          + "(as scikit-learn's tol; default: ${DEFAULT-VALUE}). 0 runs exactly --max-iter "
          + "iterations.")
  double tolerance;

  @Option(names = "--rel-tol", paramLabel = "TOL", defaultValue = "0",
      description = "Also stop when that change is below TOL x |mean log-likelihood| "
          + "(default: ${DEFAULT-VALUE}, off).")
  double relativeTolerance;

  @Option(names = "--covariance", paramLabel = "TYPE", defaultValue = "full",
      description = "Covariance type, as scikit-learn's covariance_type: full, tied, diag or "
          + "spherical (default: ${DEFAULT-VALUE}).")
  String covariance;

  @Option(names = "--n-init", paramLabel = "N", defaultValue = "1",
      description = "Restarts from independent start points; the best final log-likelihood wins "
          + "and all restarts share each pass over the data (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the initialisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--reg-covar", paramLabel = "R", defaultValue = "1e-6",
      description = "Added to every covariance's diagonal after each M-step "
          + "(default: ${DEFAULT-VALUE}).")
  double regCovar;

  @Option(names = "--init", paramLabel = "kmeans|random|PATH", defaultValue = "kmeans",
      description = "Start point: kmeans (k-means||), random (k random rows), or a model.json "
          + "file holding weights, means and covariances (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--block-size-mb", paramLabel = "MB", defaultValue = "4",
      description = "Byte budget of one cached block of rows (default: ${DEFAULT-VALUE}).")
  double blockSizeMb;

  @Mixin
  OutputOption output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    EmSettings settings = new EmSettings(maxIterations, tolerance, relativeTolerance);
    CovarianceType type = CovarianceType.parse(covariance);
    if (!(blockSizeMb > 0)) {
      throw new IllegalArgumentException("--block-size-mb is " + blockSizeMb + ", expected > 0");
    }
    SparkSession spark = SparkSession.builder().appName("spark-em fit").getOrCreate();
    GaussianMixtureParameters given = givenStart(spark);
    TrainingOptions options = new TrainingOptions(given != null ? given.k() : k == null ? 2 : k,
        type, regCovar, given != null ? InitMode.KMEANS : InitMode.parse(init), nInit, seed,
        settings);
    try (OutputDirectory out = output.prepare(spark)) {
      Dataset<Row> frame = input.read(spark);
      FeatureColumns features = FeatureColumns.resolve(frame, input.features,
          weightColumn == null ? List.of() : List.of(weightColumn));
      PackedData data = PackedData.pack(frame, features, weightColumn,
          Packing.DEFAULT.withBlockBytes((long) (blockSizeMb * (1 << 20))));
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
        FitReport report = new FitReport(provenance(spark), features, result, records);
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
    node.put("weightCol", weightColumn);
    node.put("init", init);
    node.put("seed", seed);
    node.put("nInit", nInit);
    node.put("regCovar", regCovar);
    node.put("maxIter", maxIterations);
    node.put("tol", tolerance);
    node.put("relTol", relativeTolerance);
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
      throw new IllegalArgumentException(
          e.getMessage() + " (--init takes kmeans, random or a model file)", e);
    }
    if (k != null && k != given.k()) {
      throw new IllegalArgumentException("--k is " + k + " but --init " + init + " has "
          + given.k() + " components");
    }
    return given;
  }
}
