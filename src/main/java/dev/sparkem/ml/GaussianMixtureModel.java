package dev.sparkem.ml;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.mixture.MixturePredictor;
import dev.sparkem.mixture.gaussian.GaussianMixtureJson;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted Gaussian mixture as a Spark ML model: {@link #transform} appends the most probable
 * component ({@code predictionCol}, int), the k posterior probabilities ({@code probabilityCol},
 * vector) and log p(x) ({@code logLikelihoodCol}, natural log, double) to every row. Immutable
 * parameters; the training params are kept as a record of how it was made.
 *
 * <p>Saved with {@link #save(String)} to any Hadoop path as Spark ML metadata plus the jobs'
 * {@code data/model.json}; read back with {@link #load(String)}. {@link #toJson()} and
 * {@link #fromParameters} exchange models with the jobs' {@code model.json}.
 */
public final class GaussianMixtureModel extends Model<GaussianMixtureModel>
    implements GaussianMixtureParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final ParamSet p;
  private final GaussianMixtureParameters parameters;
  private GaussianMixtureSummary summary;

  GaussianMixtureModel(String uid, GaussianMixtureParameters parameters) {
    this.uid = uid;
    this.p = new ParamSet(this);
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /**
   * A model of the given parameters (from {@link GaussianMixtureJson#fromJson} of a jobs'
   * {@code model.json}, say), with a new uid, {@code k} and {@code covarianceType} set to match
   * and the other params at their defaults. It has no summary and no parent.
   */
  public static GaussianMixtureModel fromParameters(GaussianMixtureParameters parameters) {
    GaussianMixtureModel model =
        new GaussianMixtureModel(Identifiable.randomUID("GaussianMixture"), parameters);
    model.set(model.p.k, parameters.k());
    model.set(model.p.covarianceType, parameters.covarianceType().toString());
    return model;
  }

  /**
   * A model read from the text of a JSON model file (the jobs' {@code model.json} or
   * {@link #toJson()}); see {@link #fromParameters}.
   *
   * @throws IllegalArgumentException if the text is not such a model
   */
  public static GaussianMixtureModel fromJson(String json) {
    return fromParameters(
        GaussianMixtureJson.fromJson(Persistence.parse(json, "model JSON"), "model JSON"));
  }

  /** The parameters as the JSON model file holds them (pretty-printed; see README). */
  public String toJson() {
    return Persistence.pretty(GaussianMixtureJson.toJson(parameters));
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The fitted weights, means and covariances (immutable). */
  public GaussianMixtureParameters parameters() {
    return parameters;
  }

  /** True when this model came from {@link GaussianMixture#fit} in this session. */
  public boolean hasSummary() {
    return summary != null;
  }

  /**
   * The training summary.
   *
   * @throws IllegalStateException if there is none (a loaded or imported model)
   */
  public GaussianMixtureSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("model " + uid + " has no training summary: it was "
          + "loaded or imported, not fitted in this session");
    }
    return summary;
  }

  void setSummary(GaussianMixtureSummary value) {
    this.summary = value;
  }

  /**
   * Scores {@code dataset}; lazy, like any DataFrame transformation. Output columns whose
   * param is empty are not written.
   *
   * @throws IllegalArgumentException if the features column is missing or not of vectors, or
   *     an output column exists already
   * @throws dev.sparkem.data.InvalidDataException when the result is evaluated, on a vector of
   *     another width than the model's or a non-finite value (naming the row)
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
    Dataset<Row> scored = MixturePredictor.predict(frame, features, parameters, written[0],
        written[1], written[2]);
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
  public GaussianMixtureModel copy(ParamMap extra) {
    GaussianMixtureModel copy = new GaussianMixtureModel(uid, parameters);
    copyValues(copy, extra);
    copy.summary = summary;
    return copy.setParent(parent());
  }

  /** A writer of the metadata and {@code data/model.json} (see {@link Persistence}). */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        Persistence.saveMetadata(GaussianMixtureModel.this, path, sparkSession());
        Persistence.writeFile(path, Persistence.MODEL_JSON, toJson(), sparkSession());
      }
    };
  }

  /** The reader of saved models; Spark's {@code PipelineModel.load} finds it by reflection. */
  public static MLReader<GaussianMixtureModel> read() {
    return new MLReader<>() {
      @Override
      public GaussianMixtureModel load(String path) {
        Persistence.Metadata metadata =
            Persistence.loadMetadata(path, sparkSession(), GaussianMixtureModel.class);
        String source = path + "/" + Persistence.MODEL_JSON;
        GaussianMixtureParameters parameters = GaussianMixtureJson.fromJson(
            Persistence.readJson(path, Persistence.MODEL_JSON, sparkSession()), source);
        GaussianMixtureModel model = new GaussianMixtureModel(metadata.uid(), parameters);
        Persistence.applyParams(model, metadata);
        return model;
      }
    };
  }

  /**
   * Reads a model saved with {@link #save(String)}.
   *
   * @throws IllegalArgumentException naming the path if it holds something else, a newer format
   *     version, or an invalid {@code data/model.json}
   */
  public static GaussianMixtureModel load(String path) {
    return read().load(path);
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
  @Override public Param<String> covarianceType() { return p.covarianceType; }
  @Override public DoubleParam regCovar() { return p.regCovar; }
  @Override public Param<String> initMode() { return p.initMode; }
  @Override public IntParam nInit() { return p.nInit; }

  public GaussianMixtureModel setFeaturesCol(String value) {
    set(p.featuresCol, ParamSet.column(p.featuresCol, value));
    return this;
  }

  public GaussianMixtureModel setPredictionCol(String value) {
    set(p.predictionCol, ParamSet.column(p.predictionCol, value));
    return this;
  }

  public GaussianMixtureModel setProbabilityCol(String value) {
    set(p.probabilityCol, ParamSet.column(p.probabilityCol, value));
    return this;
  }

  public GaussianMixtureModel setLogLikelihoodCol(String value) {
    set(p.logLikelihoodCol, ParamSet.column(p.logLikelihoodCol, value));
    return this;
  }
}
