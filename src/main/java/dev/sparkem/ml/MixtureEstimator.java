package dev.sparkem.ml;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureTrainer;
import dev.sparkem.training.MixtureTraining;
import dev.sparkem.training.TrainingPlan;
import java.util.List;
import org.apache.spark.ml.Estimator;
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
 * What every mixture estimator shares, whatever the component family: the {@link MixtureParams}
 * and their setters, {@code fit} (pack and cache the rows for the family, train {@code nInit}
 * restarts in shared passes with the {@link MixtureTrainer}, keep the best, release the cache),
 * the schema check, an optional given start point, and persistence of the params. A subclass
 * names its family ({@link #kind()}) and wraps fitted parameters in its model type.
 *
 * @param <E> the estimator type (setters return it)
 * @param <M> the model type
 * @param <P> the parameters of the family
 */
public abstract class MixtureEstimator<E extends MixtureEstimator<E, M, P>,
    M extends FittedMixture<M, P>, P extends MixtureModel>
    extends Estimator<M> implements MixtureParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  final ParamSet p;
  /** A given start point, or null to use {@code initMode}. */
  private P initialModel;

  MixtureEstimator(String uid, InitMode defaultInit) {
    this.uid = uid;
    this.p = new ParamSet(this, defaultInit);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The family to fit, with the settings of the current params. */
  abstract MixtureKind<P> kind();

  /** A model of {@code parameters} with this estimator's uid. */
  abstract M newModel(P parameters);

  /**
   * Checks that a given start point is of the family the current params select, where the
   * parameter type alone does not say it; k, width and the Gaussian covariance type are checked
   * by the trainer. Nothing to check by default.
   *
   * @throws IllegalArgumentException if not
   */
  void checkInitialModel(P parameters) {}

  /**
   * Fits the mixture to {@code dataset}'s features column: packs and caches the rows for the
   * family (values checked against the family's domain), trains {@code nInit} restarts in shared
   * passes, keeps the best, and releases the cache.
   *
   * @throws IllegalArgumentException if a column is missing or of the wrong type, an output
   *     column exists already, or the init mode does not apply to the family
   * @throws dev.sparkem.data.InvalidDataException on a bad value (naming the row and column),
   *     empty input, zero total weight, or k larger than the number of rows
   * @throws DegenerateModelException if the kept restart degenerated (a component lost all its
   *     weight, or a covariance is not positive definite; the message names the component)
   */
  @Override
  public M fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    MixtureKind<P> kind = kind();
    InitMode init = InitMode.parse(getInitMode());
    if (initialModel == null) {
      kind.checkInit(init);
    } else {
      checkInitialModel(initialModel);
    }
    TrainingPlan<P> plan =
        new TrainingPlan<>(kind, getK(), init, getNInit(), getSeed(), initialModel);
    Dataset<Row> frame = dataset.toDF();
    String weight = getWeightCol();
    FeatureColumns features = FeatureColumns.resolve(frame, List.of(getFeaturesCol()),
        weight == null ? List.of() : List.of(weight));
    PackedData data = PackedData.pack(frame, features, weight, kind.packing(Packing.DEFAULT));
    MixtureTraining<P> result;
    try {
      result = MixtureTrainer.train(data, plan, new EmSettings(getMaxIter(), getTol(), 0.0),
          IterationListener.NONE);
    } finally {
      data.release();
    }
    if (result.bestFit().status() == FitStatus.DEGENERATE) {
      throw new DegenerateModelException(result.bestFit().message().orElse("degenerate fit"));
    }
    M model = newModel(result.model());
    copyValues(model, ParamMap.empty());
    model.setSummary(new MixtureSummary(result));
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
   * Starts EM from these parameters instead of {@code initMode}: sets {@code k} (and the
   * family's own params, see the subclass) from them; {@code nInit} must stay 1. The start point
   * is not saved with the estimator.
   */
  E startFrom(P parameters) {
    setK(parameters.k());
    initialModel = parameters;
    return self();
  }

  @Override
  public E copy(ParamMap extra) {
    E copy = defaultCopy(extra);
    ((MixtureEstimator<E, M, P>) copy).initialModel = initialModel;
    return copy;
  }

  /** A writer of this estimator's params (no data). */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        Persistence.saveMetadata(MixtureEstimator.this, path, sparkSession());
      }
    };
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
  @Override public Param<String> initMode() { return p.initMode; }
  @Override public IntParam nInit() { return p.nInit; }

  /** @throws IllegalArgumentException if {@code value} &lt; 1 */
  public E setK(int value) {
    return put(p.k, ParamSet.checked(p.k, value));
  }

  /** @throws IllegalArgumentException if {@code value} &lt; 0 */
  public E setMaxIter(int value) {
    return put(p.maxIter, ParamSet.checked(p.maxIter, value));
  }

  /** @throws IllegalArgumentException if {@code value} is negative, infinite or NaN */
  public E setTol(double value) {
    return put(p.tol, ParamSet.checked(p.tol, value));
  }

  public E setSeed(long value) {
    return put(p.seed, value);
  }

  public E setFeaturesCol(String value) {
    return put(p.featuresCol, ParamSet.column(p.featuresCol, value));
  }

  public E setPredictionCol(String value) {
    return put(p.predictionCol, ParamSet.column(p.predictionCol, value));
  }

  public E setProbabilityCol(String value) {
    return put(p.probabilityCol, ParamSet.column(p.probabilityCol, value));
  }

  public E setLogLikelihoodCol(String value) {
    return put(p.logLikelihoodCol, ParamSet.column(p.logLikelihoodCol, value));
  }

  public E setWeightCol(String value) {
    return put(p.weightCol, ParamSet.column(p.weightCol, value));
  }

  /**
   * @throws IllegalArgumentException unless kmeans, k-means++, random or random-responsibilities
   *     (any case); whether the family takes it is checked by {@code fit}
   */
  public E setInitMode(String value) {
    return put(p.initMode, ParamSet.initMode(value));
  }

  /** @throws IllegalArgumentException if {@code value} &lt; 1 */
  public E setNInit(int value) {
    return put(p.nInit, ParamSet.checked(p.nInit, value));
  }

  <T> E put(Param<T> param, T value) {
    set(param, value);
    return self();
  }

  @SuppressWarnings("unchecked")
  private E self() {
    return (E) this;
  }
}
