package dev.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.HmmSampler;
import dev.sparkem.mixture.PartitionStreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code generate --family hmm} (or {@code --model} an HMM file): {@code --n} sequences of
 * {@code --length} observations drawn from a given or random HMM, partition p drawing sequences
 * [start(p), start(p+1)) from its own seeded stream ({@link PartitionStreams}), so the output
 * depends only on the seed and the partition count. Array layout: columns {@code id} (long),
 * {@code sequence} and {@code states} (the hidden path, array&lt;int&gt;); long layout: one row
 * per observation with {@code id}, {@code position}, the observation ({@code x} for symbols and
 * counts, {@code x0..x{d-1}} for real vectors) and {@code state}. The model drawn from is
 * written beside the data as {@value #MODEL_FILE}.
 */
final class HmmGenerateJob {
  static final String MODEL_FILE = "_hmm.json";
  private static final int DEFAULT_SYMBOLS = 4;

  private final GenerateCommand command;
  private final GenerateCommand.HmmGenerateOptions hmm;

  HmmGenerateJob(GenerateCommand command) {
    this.command = command;
    this.hmm = command.hmm;
  }

  Integer run(SparkSession spark, JsonNode modelJson) throws IOException {
    if (hmm.length < 1) {
      throw new IllegalArgumentException("--length is " + hmm.length + ", expected >= 1");
    }
    boolean longLayout = switch (hmm.layout) {
      case "array" -> false;
      case "long" -> true;
      default -> throw new IllegalArgumentException("--layout is '" + hmm.layout
          + "', expected array or long");
    };
    String format = command.format == null ? "parquet" : command.format;
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format is '" + format + "', expected parquet or csv"
          + " for sequences");
    }
    if (format.equals("csv") && !longLayout) {
      throw new IllegalArgumentException("--format csv cannot hold arrays: use --layout long");
    }
    if (command.documentLength != null) {
      throw new IllegalArgumentException("--doc-length does not apply to the hmm family");
    }
    HmmParameters model;
    if (modelJson != null) {
      model = HmmJson.fromJson(modelJson, "--model " + ModelFile.path(command.model));
      if (hmm.emission != null || hmm.symbols != null) {
        throw new IllegalArgumentException("--emission and --symbols describe a random hmm, "
            + "but --model " + command.model + " gives one");
      }
    } else {
      EmissionType type = hmm.emission == null ? EmissionType.CATEGORICAL
          : EmissionType.parse(hmm.emission);
      int symbols = hmm.symbols == null ? DEFAULT_SYMBOLS : hmm.symbols;
      if (symbols < 1 || hmm.symbols != null && type != EmissionType.CATEGORICAL) {
        throw new IllegalArgumentException("--symbols is " + symbols + ", expected >= 1 and a "
            + "categorical emission (found " + type + ")");
      }
      model = HmmSampler.randomModel(type, command.k, type == EmissionType.CATEGORICAL
          ? symbols : command.dimension, new SplittableRandom(command.seed));
    }
    int d = HmmJson.dimension(model.emission());
    boolean discrete = EmissionType.of(model.emission()).discrete();
    Dataset<Row> data = spark.createDataFrame(draws(spark, model, longLayout),
        longLayout ? longSchema(discrete, d) : arraySchema(discrete, d));
    try (OutputDirectory out = command.output.prepare(spark)) {
      if (format.equals("csv")) {
        data.write().option("header", "true").csv(out.staging().toString());
      } else {
        data.write().parquet(out.staging().toString());
      }
      out.writeText(MODEL_FILE, new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(HmmJson.toJson(model)));
      out.commit();
    }
    command.spec.commandLine().getOut().println("spark-em generate: wrote " + command.rows
        + " sequences of length " + hmm.length + " from a " + HmmFitJob.describe(model) + " to "
        + command.output.output + " (" + format + ", " + hmm.layout + " layout)");
    return 0;
  }

  private JavaRDD<Row> draws(SparkSession spark, HmmParameters model, boolean longLayout) {
    long total = command.rows;
    int parts = command.partitions;
    long seed = command.seed;
    int length = hmm.length;
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      indices.add(p);
    }
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(indices, parts)
        .flatMap(p -> sequences(new HmmSampler(model, PartitionStreams.random(seed, p)),
            PartitionStreams.start(total, parts, p), PartitionStreams.start(total, parts, p + 1),
            length, longLayout));
  }

  /** The rows of sequences [from, to). */
  private static Iterator<Row> sequences(HmmSampler sampler, long from, long to, int length,
      boolean longLayout) {
    boolean discrete = sampler.type().discrete();
    return new Iterator<>() {
      private long id = from;
      private List<Row> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        return next < pending.size() || id < to;
      }

      @Override
      public Row next() {
        if (next == pending.size()) {
          pending = draw(id++);
          next = 0;
        }
        return pending.get(next++);
      }

      private List<Row> draw(long sequence) {
        int[] path = sampler.states(length);
        int[] symbols = discrete ? sampler.discrete(path) : null;
        double[][] values = discrete ? null : sampler.real(path);
        List<Row> rows = new ArrayList<>();
        if (longLayout) {
          for (int t = 0; t < length; t++) {
            Object[] cells = new Object[3 + (discrete ? 1 : values[t].length)];
            cells[0] = sequence;
            cells[1] = t;
            if (discrete) {
              cells[2] = symbols[t];
            } else {
              for (int a = 0; a < values[t].length; a++) {
                cells[2 + a] = values[t][a];
              }
            }
            cells[cells.length - 1] = path[t];
            rows.add(RowFactory.create(cells));
          }
          return rows;
        }
        Object observations;
        if (discrete) {
          observations = box(symbols);
        } else if (values[0].length == 1) {
          Double[] x = new Double[length];
          for (int t = 0; t < length; t++) {
            x[t] = values[t][0];
          }
          observations = x;
        } else {
          Object[] x = new Object[length];
          for (int t = 0; t < length; t++) {
            x[t] = java.util.Arrays.stream(values[t]).boxed().toArray(Double[]::new);
          }
          observations = x;
        }
        rows.add(RowFactory.create(sequence, observations, box(path)));
        return rows;
      }
    };
  }

  private static Integer[] box(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }

  private static StructType arraySchema(boolean discrete, int d) {
    DataType element = discrete ? DataTypes.IntegerType : d == 1 ? DataTypes.DoubleType
        : DataTypes.createArrayType(DataTypes.DoubleType, false);
    return new StructType().add("id", DataTypes.LongType, false)
        .add("sequence", DataTypes.createArrayType(element, false), false)
        .add("states", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
  }

  private static StructType longSchema(boolean discrete, int d) {
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("position", DataTypes.IntegerType, false);
    if (discrete) {
      schema = schema.add("x", DataTypes.IntegerType, false);
    } else {
      for (int a = 0; a < d; a++) {
        schema = schema.add("x" + a, DataTypes.DoubleType, false);
      }
    }
    return schema.add("state", DataTypes.IntegerType, false);
  }
}
