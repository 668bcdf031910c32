package dev.sparkem.ml;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.Packing;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.mixture.MixturePredictor;
import dev.sparkem.training.MixtureKind;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What every fitted mixture model shares, whatever the component family: {@link #transform}
 * appends the most probable component ({@code predictionCol}, int), the k posterior
 * probabilities ({@code probabilityCol}, vector) and log p(x) ({@code logLikelihoodCol}, natural
 * log, double) to every row, checking the feature values against the family's domain; the
 * training summary; the JSON of the parameters ({@link #toJson()}, the jobs' model file); and
 * persistence as Spark ML metadata plus {@code data/model.json} (see {@link Persistence}), never
 * Java serialization. Immutable parameters; the training params are kept as a record of how it
 * was made.
 *
 * @param <M> the model type (setters and {@code copy} return it)
 * @param <P> the parameters of the family
 */
public abstract class FittedMixture<M extends FittedMixture<M, P>, P extends MixtureModel>
    extends Model<M> implements MixtureParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  final ParamSet p;
  private final P parameters;
  private MixtureSummary summary;

  FittedMixture(String uid, P parameters, InitMode defaultInit) {
    this.uid = uid;
    this.p = new ParamSet(this, defaultInit);
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The fitted parameters (immutable). */
  public P parameters() {
    return parameters;
  }

  /** The family of these parameters, with the settings of the current params. */
  abstract MixtureKind<P> kind();

  /** A model of the same class with this uid and {@code parameters}, no params set. */
  abstract M newInstance(P parameters);

  /** The parameters as the JSON model file holds them (pretty-printed; see README). */
  public String toJson() {
    return Persistence.pretty(parameters.toJson());
  }

  /** True when this model came from {@code fit} in this session. */
  public boolean hasSummary() {
    return summary != null;
  }

  /**
   * The training summary.
   *
   * @throws IllegalStateException if there is none (a loaded or imported model)
   */
  public MixtureSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("model " + uid + " has no training summary: it was "
          + "loaded or imported, not fitted in this session");
    }
    return summary;
  }

  void setSummary(MixtureSummary value) {
    this.summary = value;
  }

  /**
   * Scores {@code dataset}; lazy, like any DataFrame transformation. Output columns whose
   * param is empty are not written. Sparse vectors are scored from their non-zeros by the count
   * families (O(nnz·k) per row).
   *
   * @throws IllegalArgumentException if the features column is missing or not of vectors, or
   *     an output column exists already
   * @throws dev.sparkem.data.InvalidDataException when the result is evaluated, on a vector of
   *     another width than the model's or a value outside the family's domain (naming the row)
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Dataset<Row> frame = dataset.toDF();
    FeatureColumns features =
        FeatureColumns.expect(frame, List.of(getFeaturesCol()), parameters.dimension());
    String[] names = {getPredictionCol(), getProbabilityCol(), getLogLikelihoodCol()};
    String[] written = names.clone();
    for (int i = 0; i < names.length; i++) {
      if (names[i].isEmpty()) {
        written[i] = "_" + uid + "_unused_" + i;
      }
    }
    Dataset<Row> scored = MixturePredictor.predict(frame, features, parameters,
        kind().packing(Packing.DEFAULT), written[0], written[1], written[2]);
    for (int i = 0; i < names.length; i++) {
      if (names[i].isEmpty()) {
        scored = scored.drop(written[i]);
      }
    }
    return scored;
  }

  /**
   * The input schema plus the output columns.
   *
   * @throws IllegalArgumentException if the features column is missing or not of vectors, or an
   *     output column exists already
   */
  @Override
  public StructType transformSchema(StructType schema) {
    return Schemas.output(schema, this);
  }

  /** A copy with the same uid, parameters, summary and parent, and {@code extra} applied. */
  @Override
  public M copy(ParamMap extra) {
    M copy = newInstance(parameters);
    copyValues(copy, extra);
    copy.setSummary(summary);
    return copy.setParent(parent());
  }

  /** A writer of the metadata and {@code data/model.json} (see {@link Persistence}). */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        Persistence.saveMetadata(FittedMixture.this, path, sparkSession());
        Persistence.writeFile(path, Persistence.MODEL_JSON, toJson(), sparkSession());
      }
    };
  }

  // Params: the accessors Spark finds by reflection, then the setters of the output columns.

  @Override public IntParam k() { return p.k; }
  @Override public IntParam maxIter() { return p.maxIter; }
  @Override public DoubleParam tol() { return p.tol; }
  @Override public LongParam seed() { return p.seed; }
  @Override public Param<String> featuresCol() { return p.featuresCol; }
  @Override public Param<String> predictionCol() { return p.predictionCol; }
  @Override public Param<String> probabilityCol() { return p.probabilityCol; }
  @Override public Param<String> logLikelihoodCol() { return p.logLikelihoodCol; }
  @Override public Param<String> weightCol() { return p.weightCol; }
  @Override public Param<String> initMode() { return p.initMode; }
  @Override public IntParam nInit() { return p.nInit; }

  public M setFeaturesCol(String value) {
    return put(p.featuresCol, ParamSet.column(p.featuresCol, value));
  }

  public M setPredictionCol(String value) {
    return put(p.predictionCol, ParamSet.column(p.predictionCol, value));
  }

  public M setProbabilityCol(String value) {
    return put(p.probabilityCol, ParamSet.column(p.probabilityCol, value));
  }

  public M setLogLikelihoodCol(String value) {
    return put(p.logLikelihoodCol, ParamSet.column(p.logLikelihoodCol, value));
  }

  <T> M put(Param<T> param, T value) {
    set(param, value);
    @SuppressWarnings("unchecked")
    M self = (M) this;
    return self;
  }
}
