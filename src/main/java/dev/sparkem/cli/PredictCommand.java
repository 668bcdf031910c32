package dev.sparkem.cli;

import dev.sparkem.data.DatasetReader;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.mixture.MixturePredictor;
import dev.sparkem.data.Packing;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
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

/** {@code predict}: scores an input under a saved model of any family and writes Parquet. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Score every row of the input under a model.json and write Parquet with the "
        + "input columns plus prediction (int), probability (vector of k posteriors) and "
        + "logLikelihood (log p(x), natural log).",
        "Options may also come from --conf FILE; the command line wins."})
final class PredictCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "A model.json written by fit (or a directory holding one), of any family.")
  String model;

  @Option(names = "--family", paramLabel = "NAME",
      description = "gaussian, multinomial, bernoulli or poisson: checked against the model "
          + "file's family (default: the file's). Input values must suit the family: counts "
          + "for multinomial and poisson, 0 or 1 for bernoulli.")
  String family;

  @Mixin
  OutputOption output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = SparkSession.builder().appName("spark-em predict").getOrCreate();
    ModelFile file = ModelFile.read(spark, "--model", model);
    MixtureKind<?> kind = file.kind();
    if (family != null && !MixtureKinds.withDefaults(family).name().equals(kind.name())) {
      throw new IllegalArgumentException("--family is " + family + " but --model " + model
          + " holds a " + kind.name() + " mixture");
    }
    MixtureModel params = file.parameters();
    Dataset<Row> frame = input.read(spark, params.dimension());
    List<String> names = new ArrayList<>(input.features);
    if (names.isEmpty()) {
      names.addAll(file.features());
    }
    FeatureColumns features = names.isEmpty()
        ? FeatureColumns.resolve(frame, names, List.of())
        : FeatureColumns.expect(frame, names, params.dimension());
    Dataset<Row> scored = MixturePredictor.predict(frame, features, params,
        kind.packing(Packing.DEFAULT));
    try (OutputDirectory out = output.prepare(spark)) {
      try {
        scored.write().parquet(out.staging().toString());
      } catch (Exception e) { // Spark's job failures are checked exceptions thrown from Scala
        throw DatasetReader.readFailure("cannot read the input or write the scores", e);
      }
      out.commit();
    }
    spec.commandLine().getOut().println("spark-em predict: wrote " + output.output + " (Parquet; columns "
        + String.join(", ", scored.columns()) + ")");
    return 0;
  }
}
