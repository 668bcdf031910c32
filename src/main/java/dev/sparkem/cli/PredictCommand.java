package dev.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.mixture.gaussian.GaussianMixtureJson;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianMixturePredictor;
import java.io.IOException;
import java.util.ArrayList;
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

/** {@code predict}: scores an input under a saved model and writes Parquet. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Score every row of the input under a model.json and write Parquet with the "
        + "input columns plus prediction (int), probability (vector of k posteriors) and "
        + "logLikelihood (log p(x), natural log).",
        "Options may also come from --conf FILE; the command line wins."})
final class PredictCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "A model.json written by fit (or a directory holding one).")
  String model;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Output directory (replaced as a whole when the job succeeds).")
  String output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SparkSession spark = SparkSession.builder().appName("spark-em predict").getOrCreate();
    String location = model.endsWith(".json") ? model : model + "/" + FitCommand.MODEL_FILE;
    JsonNode json = new ObjectMapper().readTree(HadoopFiles.readText(spark, location));
    GaussianMixtureParameters params = GaussianMixtureJson.fromJson(json, location);
    Dataset<Row> frame = input.read(spark);
    List<String> names = new ArrayList<>(input.features);
    if (names.isEmpty() && json.has("features")) {
      json.get("features").forEach(n -> names.add(n.asText()));
    }
    FeatureColumns features = names.isEmpty()
        ? FeatureColumns.resolve(frame, names, List.of())
        : FeatureColumns.expect(frame, names, params.dimension());
    Dataset<Row> scored = GaussianMixturePredictor.predict(frame, features, params);
    try (OutputDirectory out = OutputDirectory.prepare(spark, output)) {
      scored.write().parquet(out.staging().toString());
      out.commit();
    }
    spec.commandLine().getOut().println("spark-em predict: wrote " + output + " (Parquet; columns "
        + String.join(", ", scored.columns()) + ")");
    return 0;
  }
}
