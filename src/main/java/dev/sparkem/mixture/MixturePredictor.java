package dev.sparkem.mixture;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.InvalidDataException;
import dev.sparkem.data.RowBlock;
import dev.sparkem.data.Packing;
import dev.sparkem.data.RowPacker;
import dev.sparkem.data.RowReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores rows under a fitted mixture of any family: appends the hard assignment {@value #PREDICTION} (int, the
 * component of highest posterior), the posterior vector {@value #PROBABILITY} (Spark ML vector of
 * k probabilities) and {@value #LOG_LIKELIHOOD} (log p(x), natural log) to every input row. Rows
 * are packed into blocks as the family packs them for fitting ({@link RowPacker}, in the
 * family's {@link Packing}: sparse rows for multinomial, so that scoring costs O(nnz·k) per row
 * and never O(V·k)) and scored as in the E-step.
 */
public final class MixturePredictor {
  public static final String PREDICTION = "prediction";
  public static final String PROBABILITY = "probability";
  public static final String LOG_LIKELIHOOD = "logLikelihood";
  private static final int ROWS_PER_BLOCK = 4096;
  /** At most this many bytes (4 MiB) of values in one block of rows being scored. */
  private static final long MAX_BLOCK_BYTES = 4L << 20;

  private MixturePredictor() {}

  /**
   * The input with the three columns appended; lazy, like any DataFrame transformation. Bad
   * feature values fail the job that evaluates it with an {@link InvalidDataException}.
   *
   * @throws InvalidDataException if an output column name is taken or the features do not match
   *     the model's dimension
   */
  public static Dataset<Row> predict(
      Dataset<Row> input, FeatureColumns features, MixtureModel model) {
    return predict(input, features, model, Packing.DEFAULT);
  }

  /**
   * As {@link #predict(Dataset, FeatureColumns, MixtureModel)}, reading the rows as the model
   * family packs them ({@code MixtureKind.packing}): accepting the feature values of its domain
   * (counts for multinomial and Poisson, 0/1 for Bernoulli; a value outside it fails the job
   * with an {@link InvalidDataException} naming row and column), in its layout (sparse for
   * multinomial).
   *
   * @throws InvalidDataException if an output column name is taken or the features do not match
   *     the model's dimension
   */
  public static Dataset<Row> predict(Dataset<Row> input, FeatureColumns features,
      MixtureModel model, Packing packing) {
    return predict(input, features, model, packing, PREDICTION, PROBABILITY, LOG_LIKELIHOOD);
  }

  /**
   * As {@link #predict(Dataset, FeatureColumns, MixtureModel, Packing)}, with the three
   * output columns named by the caller (the Spark ML face names them after its params).
   *
   * @throws InvalidDataException if an output column name is taken or the features do not match
   *     the model's dimension
   * @throws IllegalArgumentException if two output names are equal
   */
  public static Dataset<Row> predict(Dataset<Row> input, FeatureColumns features,
      MixtureModel model, Packing packing, String predictionCol, String probabilityCol,
      String logLikelihoodCol) {
    if (List.of(predictionCol, probabilityCol, logLikelihoodCol).stream().distinct().count() < 3) {
      throw new IllegalArgumentException("output columns are '" + predictionCol + "', '"
          + probabilityCol + "' and '" + logLikelihoodCol + "', expected three distinct names");
    }
    if (features.dimension() != model.dimension()) {
      throw new InvalidDataException("the input has " + features.dimension()
          + " features, the model expects " + model.dimension());
    }
    for (String name : List.of(predictionCol, probabilityCol, logLikelihoodCol)) {
      if (Arrays.asList(input.columns()).contains(name)) {
        throw new InvalidDataException(
            "the input already has a column '" + name + "', which predict writes");
      }
    }
    StructType schema = input.schema()
        .add(predictionCol, DataTypes.IntegerType, false)
        .add(probabilityCol, SQLDataTypes.VectorType(), false)
        .add(logLikelihoodCol, DataTypes.DoubleType, false);
    RowReader reader = new RowReader(input.schema(), features, packing.domain(), null);
    long blockBytes = Math.min(MAX_BLOCK_BYTES, (long) ROWS_PER_BLOCK * 8 * model.dimension());
    RowPacker packer = new RowPacker(reader, packing.withBlockBytes(blockBytes));
    MapPartitionsFunction<Row, Row> score = rows -> scoreAll(rows, packer, model);
    return input.mapPartitions(score, Encoders.row(schema));
  }

  private static Iterator<Row> scoreAll(
      Iterator<Row> rows, RowPacker packer, MixtureModel model) {
    int k = model.k();
    List<Row> pending = new ArrayList<>();
    Iterator<Row> recorded = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        pending.add(row);
        return row;
      }
    };
    Iterator<RowBlock> blocks = packer.call(TaskContext.getPartitionId(), recorded);
    return new Iterator<>() {
      private Iterator<Row> scored = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        return scored.hasNext() || blocks.hasNext();
      }

      @Override
      public Row next() {
        if (!scored.hasNext()) {
          scored = scoreBlock();
        }
        return scored.next();
      }

      /** Scores the next block; {@code pending} holds exactly its rows. */
      private Iterator<Row> scoreBlock() {
        pending.clear();
        RowBlock block = blocks.next();
        int n = block.rows();
        double[] posteriors = new double[n * k];
        double[] logLikelihoods = new double[n];
        model.logJointDensities(block, posteriors);
        Posteriors.normalize(posteriors, k, block, logLikelihoods);
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          double[] p = Arrays.copyOfRange(posteriors, i * k, (i + 1) * k);
          int best = 0;
          for (int j = 1; j < k; j++) {
            if (p[j] > p[best]) {
              best = j;
            }
          }
          Row row = pending.get(i);
          Object[] cells = new Object[row.length() + 3];
          for (int c = 0; c < row.length(); c++) {
            cells[c] = row.get(c);
          }
          cells[row.length()] = best;
          cells[row.length() + 1] = Vectors.dense(p);
          cells[row.length() + 2] = logLikelihoods[i];
          out.add(RowFactory.create(cells));
        }
        return out.iterator();
      }
    };
  }
}
