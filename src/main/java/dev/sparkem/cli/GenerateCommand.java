package dev.sparkem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.mixture.gaussian.GaussianMixtureJson;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianMixtureSampler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: synthetic rows drawn from a given or random Gaussian mixture. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Draw N rows from a Gaussian mixture (given by --model, or random from the "
        + "seed) and write them as Parquet or CSV with columns x0..x{d-1}. The mixture drawn from "
        + "is written beside the data as OUTPUT/_mixture.json (Spark's readers skip files "
        + "starting with an underscore).",
        "Options may also come from --conf FILE; the command line wins."})
final class GenerateCommand implements Callable<Integer> {
  static final String MIXTURE_FILE = "_mixture.json";

  @Option(names = "--n", required = true, paramLabel = "N", description = "Number of rows.")
  long rows;

  @Option(names = "--d", paramLabel = "D", defaultValue = "2",
      description = "Dimension of a random mixture (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--k", paramLabel = "K", defaultValue = "3",
      description = "Components of a random mixture (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--model", paramLabel = "PATH",
      description = "Draw from this model.json instead of a random mixture.")
  String model;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the random mixture and of the draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "4",
      description = "Number of partitions, hence output files (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin
  OutputOption output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (rows < 1 || partitions < 1 || k < 1 || dimension < 1) {
      throw new IllegalArgumentException("--n, --d, --k and --partitions must be >= 1, found "
          + rows + ", " + dimension + ", " + k + ", " + partitions);
    }
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw new IllegalArgumentException(
          "--format is '" + format + "', expected parquet or csv");
    }
    SparkSession spark = SparkSession.builder().appName("spark-em generate").getOrCreate();
    GaussianMixtureParameters mixture = model == null
        ? GaussianMixtureSampler.randomMixture(k, dimension, new SplittableRandom(seed))
        : ModelFile.read(spark, "--model", model).parameters();
    Dataset<Row> data = spark.createDataFrame(draws(spark, mixture), schema(mixture));
    try (OutputDirectory out = output.prepare(spark)) {
      if (format.equals("csv")) {
        data.write().option("header", "true").csv(out.staging().toString());
      } else {
        data.write().parquet(out.staging().toString());
      }
      out.writeText(MIXTURE_FILE, new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(GaussianMixtureJson.toJson(mixture)));
      out.commit();
    }
    spec.commandLine().getOut().println("spark-em generate: wrote " + rows + " rows of " + mixture.dimension()
        + " columns from a " + mixture.k() + "-component mixture to " + output.output + " (" + format
        + ")");
    return 0;
  }

  private JavaRDD<Row> draws(SparkSession spark, GaussianMixtureParameters mixture) {
    long total = rows;
    int parts = partitions;
    long drawSeed = seed;
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      indices.add(p);
    }
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(indices, parts)
        .flatMap(p -> partitionDraws(mixture, p, total * p / parts, total * (p + 1) / parts,
            drawSeed));
  }

  /** Rows [from, to) come from partition p's own stream, so the output depends only on seed. */
  private static Iterator<Row> partitionDraws(GaussianMixtureParameters mixture, int p,
      long from, long to, long seed) {
    SplittableRandom stream = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p + 1)));
    GaussianMixtureSampler rowSampler = new GaussianMixtureSampler(mixture, stream);
    double[] x = new double[mixture.dimension()];
    return new Iterator<>() {
      private long position = from;

      @Override
      public boolean hasNext() {
        return position < to;
      }

      @Override
      public Row next() {
        position++;
        rowSampler.sample(x);
        Object[] cells = new Object[x.length];
        for (int a = 0; a < x.length; a++) {
          cells[a] = x[a];
        }
        return RowFactory.create(cells);
      }
    };
  }

  private static StructType schema(GaussianMixtureParameters mixture) {
    List<StructField> fields = new ArrayList<>();
    for (int a = 0; a < mixture.dimension(); a++) {
      fields.add(DataTypes.createStructField("x" + a, DataTypes.DoubleType, false));
    }
    return DataTypes.createStructType(fields);
  }
}
