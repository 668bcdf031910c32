package dev.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.mixture.PartitionStreams;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
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

/** {@code generate}: synthetic rows drawn from a given or random mixture of any family. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Draw N rows from a mixture (given by --model, or random from the seed) of "
        + "any family and write them as Parquet or CSV with double columns x0..x{d-1}, or as "
        + "LIBSVM text (label 0, then the non-zeros): real values (gaussian), word counts of "
        + "--doc-length words over a vocabulary of d (multinomial), 0/1 (bernoulli) or counts "
        + "(poisson). The mixture drawn from is written "
        + "beside the data as OUTPUT/_mixture.json (Spark's readers skip files starting with an "
        + "underscore).",
        "Options may also come from --conf FILE; the command line wins."})
final class GenerateCommand implements Callable<Integer> {
  static final String MIXTURE_FILE = "_mixture.json";
  private static final int DEFAULT_DOCUMENT_LENGTH = 100;
  /** Count and binary data wider than this are written as LIBSVM unless --format says else. */
  static final int SPARSE_OUTPUT_COLUMNS = 1000;

  @Option(names = "--n", required = true, paramLabel = "N", description = "Number of rows.")
  long rows;

  @Option(names = "--family", paramLabel = "NAME",
      description = "gaussian, multinomial, bernoulli or poisson (default: the --model's family, "
          + "else gaussian).")
  String family;

  @Option(names = "--d", paramLabel = "D", defaultValue = "2",
      description = "Dimension of a random mixture; the vocabulary size for multinomial "
          + "(default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = {"--k", "--states"}, paramLabel = "K", defaultValue = "3",
      description = "Components of a random mixture, or states of a random hmm "
          + "(default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--doc-length", paramLabel = "L",
      description = "multinomial only: words per document (default: "
          + DEFAULT_DOCUMENT_LENGTH + ").")
  Integer documentLength;

  @Option(names = "--model", paramLabel = "PATH",
      description = "Draw from this model.json instead of a random mixture.")
  String model;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the random mixture and of the draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "4",
      description = "Number of partitions, hence output files (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "parquet, csv or libsvm (sparse: only the non-zeros are written) (default: "
          + "libsvm for a count or binary family with more than " + SPARSE_OUTPUT_COLUMNS
          + " columns, else parquet).")
  String format;

  @Mixin
  HmmGenerateOptions hmm;

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
    if (format != null && !List.of("parquet", "csv", "libsvm").contains(format)) {
      throw new IllegalArgumentException(
          "--format is '" + format + "', expected parquet, csv or libsvm");
    }
    SparkSession spark = SparkSession.builder().appName("spark-em generate").getOrCreate();
    JsonNode modelJson = model == null ? null : ModelFile.json(spark, "--model", model);
    if (HmmFitJob.selected(family) || modelJson != null && ModelFile.holdsHmm(modelJson)) {
      if (family != null && !HmmFitJob.selected(family)) {
        throw new IllegalArgumentException("--family is " + family + " but --model " + model
            + " holds a hidden Markov model");
      }
      return new HmmGenerateJob(this).run(spark, modelJson);
    }
    hmm.rejectForMixtures();
    ModelFile file = model == null ? null : ModelFile.read(spark, "--model", model);
    MixtureKind<?> kind = file != null ? file.kind()
        : MixtureKinds.withDefaults(family == null ? "gaussian" : family);
    if (family != null && !MixtureKinds.withDefaults(family).name().equals(kind.name())) {
      throw new IllegalArgumentException("--family is " + family + " but --model " + model
          + " holds a " + kind.name() + " mixture");
    }
    if (documentLength != null && (!kind.name().equals("multinomial") || documentLength < 0)) {
      throw new IllegalArgumentException("--doc-length is " + documentLength
          + ", expected a number >= 0 and the multinomial family (found " + kind.name() + ")");
    }
    return generate(spark, kind, file);
  }

  private <P extends MixtureModel> Integer generate(SparkSession spark, MixtureKind<P> kind,
      ModelFile file) throws IOException {
    P mixture = file == null ? kind.randomModel(k, dimension, new SplittableRandom(seed))
        : file.parameters(kind);
    int length = documentLength == null ? DEFAULT_DOCUMENT_LENGTH : documentLength;
    String written = format != null ? format
        : !kind.name().equals("gaussian") && mixture.dimension() > SPARSE_OUTPUT_COLUMNS
            ? "libsvm" : "parquet";
    boolean sparse = written.equals("libsvm");
    Dataset<Row> data = spark.createDataFrame(draws(spark, kind, mixture, length, sparse),
        sparse ? LIBSVM_SCHEMA : schema(mixture));
    try (OutputDirectory out = output.prepare(spark)) {
      switch (written) {
        case "csv" -> data.write().option("header", "true").csv(out.staging().toString());
        case "libsvm" -> data.write().format("libsvm").save(out.staging().toString());
        default -> data.write().parquet(out.staging().toString());
      }
      out.writeText(MIXTURE_FILE, new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(mixture.toJson()));
      out.commit();
    }
    spec.commandLine().getOut().println("spark-em generate: wrote " + rows + " rows of "
        + mixture.dimension() + " columns from a " + mixture.k() + "-component " + kind.name()
        + " mixture to " + output.output + " (" + written + ")");
    return 0;
  }

  private <P extends MixtureModel> JavaRDD<Row> draws(SparkSession spark, MixtureKind<P> kind,
      P mixture, int length, boolean sparse) {
    long total = rows;
    int parts = partitions;
    long drawSeed = seed;
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      indices.add(p);
    }
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(indices, parts)
        .flatMap(p -> partitionDraws(
            kind.sampler(mixture, PartitionStreams.random(drawSeed, p), length),
            mixture.dimension(), PartitionStreams.start(total, parts, p),
            PartitionStreams.start(total, parts, p + 1), sparse));
  }

  /**
   * Rows [from, to) come from partition p's own stream, so the output depends only on seed:
   * d double cells, or (sparse) LIBSVM's label 0 and the row as a sparse vector.
   */
  private static Iterator<Row> partitionDraws(MixtureKind.RowSampler sampler, int d, long from,
      long to, boolean sparse) {
    double[] x = new double[d];
    return new Iterator<>() {
      private long position = from;

      @Override
      public boolean hasNext() {
        return position < to;
      }

      @Override
      public Row next() {
        position++;
        if (sparse) {
          return RowFactory.create(0.0, sampler.sampleSparse(x));
        }
        sampler.sample(x);
        Object[] cells = new Object[x.length];
        for (int a = 0; a < x.length; a++) {
          cells[a] = x[a];
        }
        return RowFactory.create(cells);
      }
    };
  }

  /** What Spark's LIBSVM writer takes: a double label and a vector column. */
  private static final StructType LIBSVM_SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  private static StructType schema(MixtureModel mixture) {
    List<StructField> fields = new ArrayList<>();
    for (int a = 0; a < mixture.dimension(); a++) {
      fields.add(DataTypes.createStructField("x" + a, DataTypes.DoubleType, false));
    }
    return DataTypes.createStructType(fields);
  }

  /** The options of {@code generate --family hmm}. */
  static final class HmmGenerateOptions {
    @Option(names = "--length", paramLabel = "L", defaultValue = "100",
        description = "hmm only: observations per sequence (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--emission", paramLabel = "TYPE",
        description = "hmm only: emission of a random hmm: categorical, gaussian, full-gaussian "
            + "or poisson (default: categorical); --d is the dimension of a Gaussian one.")
    String emission;

    @Option(names = "--symbols", paramLabel = "M",
        description = "hmm, categorical only: symbols of a random hmm (default: 4).")
    Integer symbols;

    @Option(names = "--layout", paramLabel = "array|long", defaultValue = "array",
        description = "hmm only: one sequence per row (id, sequence, states) or one observation "
            + "per row (id, position, x or x0..x{d-1}, state); CSV needs long "
            + "(default: ${DEFAULT-VALUE}).")
    String layout;

    /** @throws IllegalArgumentException naming an hmm option given for a mixture */
    void rejectForMixtures() {
      if (emission != null || symbols != null || length != 100 || !layout.equals("array")) {
        throw new IllegalArgumentException("--length, --emission, --symbols and --layout apply "
            + "to --family hmm only");
      }
    }
  }
}
