package dev.sparkem.cli;

import dev.sparkem.hmm.Decoder;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.ForwardBackward;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceFrames;
import dev.sparkem.hmm.SequenceLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code decode}: Viterbi paths, posterior marginals and scores of sequences under an HMM. */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = {"Decode every sequence of the input under a hidden Markov model.json (fit "
        + "--family hmm) and write Parquet with one row per sequence: the sequence id (the id "
        + "column's name, or 'id' for row numbers), length, path (the Viterbi state path, "
        + "array<int>), posteriors (P(state k at position t | sequence), array<array<double>>, "
        + "one array of n per position) and score (log p(sequence), natural log).",
        "The layout defaults to the one recorded in the model file. Options may also come "
            + "from --conf FILE; the command line wins."})
final class DecodeCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "A model.json written by fit --family hmm (or a directory holding one).")
  String model;

  @Mixin
  HmmOptions hmm;

  @Mixin
  OutputOption output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = SparkSession.builder().appName("spark-em decode").getOrCreate();
    HmmModelFile file = HmmModelFile.read(spark, "--model", model);
    HmmParameters params = file.parameters();
    EmissionType type = EmissionType.of(params.emission());
    hmm.given().keySet().stream()
        .filter(option -> !List.of("--sequence-col", "--id-col", "--position-col",
            "--presorted", "--emission").contains(option))
        .findFirst().ifPresent(option -> {
          throw new IllegalArgumentException(option + " does not apply to decode, which takes "
              + "the model as fitted");
        });
    if (hmm.emission != null && hmm.emissionType() != type) {
      throw new IllegalArgumentException("--emission is " + hmm.emission + " but --model "
          + model + " has a " + type + " emission");
    }
    Dataset<Row> frame = input.read(spark);
    SequenceLayout layout = hmm.layout(frame, input.features, null, file.json());
    JavaRDD<SequenceBlock> blocks = SequenceFrames.blocks(frame, layout, type.discrete());
    try (OutputDirectory out = output.prepare(spark)) {
      Dataset<Row> decoded = spark.createDataFrame(blocks.flatMap(
          block -> decode(params, block).iterator()),
          schema(layout.idColumn() == null ? HmmOptions.DEFAULT_ID_COLUMN : layout.idColumn()));
      decoded.write().parquet(out.staging().toString());
      out.commit();
    } finally {
      blocks.unpersist();
    }
    spec.commandLine().getOut().println("spark-em decode: wrote " + output.output
        + " (Parquet; one row per sequence: id, length, path, posteriors, score)");
    return 0;
  }

  /** One row per sequence of the block. */
  private static List<Row> decode(HmmParameters params, SequenceBlock block) {
    Decoder decoder = new Decoder(params);
    int n = params.states();
    List<Row> rows = new ArrayList<>(block.rows());
    for (int s = 0; s < block.rows(); s++) {
      int[] path = decoder.viterbi(block, s);
      Integer[] boxed = new Integer[path.length];
      for (int t = 0; t < path.length; t++) {
        boxed[t] = path[t];
      }
      double[] gamma = new double[path.length * n];
      double score = ForwardBackward.run(params, block, s, gamma, null, 1.0);
      Object[] posteriors = new Object[path.length];
      for (int t = 0; t < path.length; t++) {
        Double[] row = new Double[n];
        for (int k = 0; k < n; k++) {
          row[k] = gamma[t * n + k];
        }
        posteriors[t] = row;
      }
      rows.add(RowFactory.create(block.id(s), block.length(s), boxed, posteriors, score));
    }
    return rows;
  }

  private static StructType schema(String idColumn) {
    return new StructType()
        .add(idColumn, DataTypes.LongType, false)
        .add("length", DataTypes.IntegerType, false)
        .add("path", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        .add("posteriors", DataTypes.createArrayType(
            DataTypes.createArrayType(DataTypes.DoubleType, false), false), false)
        .add("score", DataTypes.DoubleType, false);
  }
}
