package dev.sparkem.ml;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.training.GaussianMixtureTrainer;
import dev.sparkem.training.TrainingOptions;
import dev.sparkem.training.TrainingResult;
import java.util.List;
import org.apache.spark.ml.Estimator;
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
 * Spark ML estimator of a Gaussian mixture by distributed EM, with scikit-learn's covariance
 * types, restarts and instance weights. Usable in a {@code Pipeline}; see
 * {@link GaussianMixtureParams} for the params and their defaults.
 *
 * <pre>
 * GaussianMixtureModel model = new GaussianMixture().setK(3).setCovarianceType("diag")
 *     .setNInit(5).fit(frame);                       // frame has a "features" vector column
 * model.transform(frame);                            // + prediction, probability, logLikelihood
 * </pre>
 *
 * Saved with {@link #save(String)} (metadata only) and read back with {@link #load(String)}.
 */
public final class GaussianMixture extends Estimator<GaussianMixtureModel>
    implements GaussianMixtureParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final ParamSet p;
  /** A given start point, or null to use {@code initMode}. */
  private GaussianMixtureParameters initialModel;

  public GaussianMixture() {
    this(Identifiable.randomUID("GaussianMixture"));
  }

  /** An estimator with the given uid (used by {@code copy} and {@code load}). */
  public GaussianMixture(String uid) {
    this.uid = uid;
    this.p = new ParamSet(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * Fits the mixture to {@code dataset}'s features column: packs and caches the rows, trains
   * {@code nInit} restarts in shared passes, keeps the best, and releases the cache.
   *
   * @throws IllegalArgumentException if a column is missing or of the wrong type, or an output
   *     column exists already
   * @throws dev.sparkem.data.InvalidDataException on a bad value (naming the row), empty input,
   *     zero total weight, or k larger than the number of rows
   * @throws DegenerateModelException if the kept restart degenerated (a component lost all its
   *     weight, or a covariance is not positive definite; the message names the component)
   */
  @Override
  public GaussianMixtureModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Dataset<Row> frame = dataset.toDF();
    String weight = getWeightCol();
    FeatureColumns features = FeatureColumns.resolve(frame, List.of(getFeaturesCol()),
        weight == null ? List.of() : List.of(weight));
    TrainingOptions options = new TrainingOptions(getK(),
        CovarianceType.parse(getCovarianceType()), getRegCovar(), InitMode.parse(getInitMode()),
        getNInit(), getSeed(), new EmSettings(getMaxIter(), getTol(), 0.0));
    PackedData data = PackedData.pack(frame, features, weight, Packing.DEFAULT);
    TrainingResult result;
    try {
      data.requireRowsFor(options.k());
      result = GaussianMixtureTrainer.train(data, options, initialModel, IterationListener.NONE);
    } finally {
      data.release();
    }
    if (result.bestFit().status() == FitStatus.DEGENERATE) {
      throw new DegenerateModelException(result.bestFit().message().orElse("degenerate fit"));
    }
    GaussianMixtureModel model = new GaussianMixtureModel(uid, result.model());
    copyValues(model, ParamMap.empty());
    model.setSummary(new GaussianMixtureSummary(result));
    return model.setParent(this);
  }

  /**
   * The input schema plus the model's output columns.
   *
   * @throws IllegalArgumentException if the features column is missing or not of vectors, the
   *     weight column (if set) is missing or not numeric, or an output column exists already
   */
  @Override
  public StructType transformSchema(StructType schema) {
    if (getWeightCol() != null) {
      Schemas.requireNumbers(schema, getWeightCol());
    }
    return Schemas.output(schema, this);
  }

  /**
   * Starts EM from these parameters instead of {@code initMode} (given parameters, e.g. a
   * model of an earlier fit or one read from a model.json): sets {@code k} and
   * {@code covarianceType} from them; {@code nInit} must stay 1. The start point is not saved
   * with the estimator.
   */
  public GaussianMixture setInitialModel(GaussianMixtureParameters parameters) {
    setK(parameters.k());
    setCovarianceType(parameters.covarianceType().toString());
    initialModel = parameters;
    return this;
  }

  /** As {@link #setInitialModel(GaussianMixtureParameters)}, from a fitted model. */
  public GaussianMixture setInitialModel(GaussianMixtureModel model) {
    return setInitialModel(model.parameters());
  }

  @Override
  public GaussianMixture copy(ParamMap extra) {
    GaussianMixture copy = defaultCopy(extra);
    copy.initialModel = initialModel;
    return copy;
  }

  /** A writer of this estimator's params (no data). */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        Persistence.saveMetadata(GaussianMixture.this, path, sparkSession());
      }
    };
  }

  /** The reader of saved estimators; Spark's {@code Pipeline.load} finds it by reflection. */
  public static MLReader<GaussianMixture> read() {
    return new MLReader<>() {
      @Override
      public GaussianMixture load(String path) {
        Persistence.Metadata metadata =
            Persistence.loadMetadata(path, sparkSession(), GaussianMixture.class);
        GaussianMixture estimator = new GaussianMixture(metadata.uid());
        Persistence.applyParams(estimator, metadata);
        return estimator;
      }
    };
  }

  /**
   * Reads an estimator saved with {@link #save(String)}.
   *
   * @throws IllegalArgumentException naming the path if it holds something else or a newer
   *     format version
   */
  public static GaussianMixture load(String path) {
    return read().load(path);
  }

  // Params: the accessors Spark finds by reflection, then the setters.

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

  /** @throws IllegalArgumentException if {@code value} &lt; 1 */
  public GaussianMixture setK(int value) {
    return put(p.k, ParamSet.checked(p.k, value));
  }

  /** @throws IllegalArgumentException if {@code value} &lt; 0 */
  public GaussianMixture setMaxIter(int value) {
    return put(p.maxIter, ParamSet.checked(p.maxIter, value));
  }

  /** @throws IllegalArgumentException if {@code value} is negative, infinite or NaN */
  public GaussianMixture setTol(double value) {
    return put(p.tol, ParamSet.checked(p.tol, value));
  }

  public GaussianMixture setSeed(long value) {
    return put(p.seed, value);
  }

  public GaussianMixture setFeaturesCol(String value) {
    return put(p.featuresCol, ParamSet.column(p.featuresCol, value));
  }

  public GaussianMixture setPredictionCol(String value) {
    return put(p.predictionCol, ParamSet.column(p.predictionCol, value));
  }

  public GaussianMixture setProbabilityCol(String value) {
    return put(p.probabilityCol, ParamSet.column(p.probabilityCol, value));
  }

  public GaussianMixture setLogLikelihoodCol(String value) {
    return put(p.logLikelihoodCol, ParamSet.column(p.logLikelihoodCol, value));
  }

  public GaussianMixture setWeightCol(String value) {
    return put(p.weightCol, ParamSet.column(p.weightCol, value));
  }

  /** @throws IllegalArgumentException unless full, tied, diag or spherical (any case) */
  public GaussianMixture setCovarianceType(String value) {
    return put(p.covarianceType, ParamSet.covarianceType(value));
  }

  /** @throws IllegalArgumentException if {@code value} is negative, infinite or NaN */
  public GaussianMixture setRegCovar(double value) {
    return put(p.regCovar, ParamSet.checked(p.regCovar, value));
  }

  /** @throws IllegalArgumentException unless kmeans or random (any case) */
  public GaussianMixture setInitMode(String value) {
    return put(p.initMode, ParamSet.initMode(value));
  }

  /** @throws IllegalArgumentException if {@code value} &lt; 1 */
  public GaussianMixture setNInit(int value) {
    return put(p.nInit, ParamSet.checked(p.nInit, value));
  }

  private <T> GaussianMixture put(Param<T> param, T value) {
    set(param, value);
    return this;
  }
}
