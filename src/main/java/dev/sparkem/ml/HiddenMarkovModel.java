package dev.sparkem.ml;

import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceFrames;
import dev.sparkem.hmm.SequenceLayout;
import dev.sparkem.init.InitMode;
import dev.sparkem.training.HmmTrainer;
import dev.sparkem.training.HmmTraining;
import dev.sparkem.training.HmmTrainingOptions;
import org.apache.spark.api.java.JavaRDD;
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
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML estimator of a hidden Markov model by distributed Baum–Welch, one sequence per row
 * of an array column; the same trainer ({@link HmmTrainer}) as the jobs' {@code fit --family
 * hmm}. See {@link HiddenMarkovModelParams} for the params.
 *
 * <pre>
 * HiddenMarkovModelModel model = new HiddenMarkovModel().setK(3).setEmission("categorical")
 *     .setSequenceCol("sequence").setNInit(3).fit(sequences);
 * model.transform(sequences);        // + path, posteriors, score
 * model.write().overwrite().save("hdfs:///models/hmm");
 * </pre>
 *
 * Saved with {@link #save(String)} (params only) and read back with {@link #load(String)}.
 */
public final class HiddenMarkovModel extends Estimator<HiddenMarkovModelModel>
    implements HiddenMarkovModelParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Declared p;

  public HiddenMarkovModel() {
    this(Identifiable.randomUID("HiddenMarkovModel"));
  }

  /** An estimator with the given uid (used by {@code copy} and {@code load}). */
  public HiddenMarkovModel(String uid) {
    this.uid = uid;
    this.p = HiddenMarkovModelParams.declare(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * Fits the model to the sequences of {@code sequenceCol}: packs and caches them as sequence
   * blocks, trains {@code nInit} restarts in shared passes, keeps the best, releases the cache.
   *
   * @throws IllegalArgumentException if the sequence column is missing or of the wrong type,
   *     or kmeans is asked for categorical emissions
   * @throws dev.sparkem.data.InvalidDataException on an empty sequence or a bad value, naming the
   *     sequence and position
   * @throws DegenerateModelException if the kept restart degenerated
   */
  @Override
  public HiddenMarkovModelModel fit(Dataset<?> dataset) {
    EmissionType type = getEmission();
    HmmTrainingOptions options = new HmmTrainingOptions(getK(), type,
        InitMode.parse(getInitMode()), getNInit(), getSeed(), null, 0, getEstimation());
    JavaRDD<SequenceBlock> blocks = SequenceFrames.blocks(dataset.toDF(),
        SequenceLayout.array(getSequenceCol(), getIdCol(), null), type.discrete());
    HmmTraining training;
    try {
      training = HmmTrainer.train(blocks, options, new EmSettings(getMaxIter(), getTol(), 0.0),
          IterationListener.NONE);
    } finally {
      blocks.unpersist();
    }
    if (training.bestFit().status() == FitStatus.DEGENERATE) {
      throw new DegenerateModelException(training.bestFit().message().orElse("degenerate fit"));
    }
    HiddenMarkovModelModel model = new HiddenMarkovModelModel(uid, training.model());
    copyValues(model, ParamMap.empty());
    model.setTraining(training);
    return model.setParent(this);
  }

  /** The input schema plus the model's output columns. */
  @Override
  public StructType transformSchema(StructType schema) {
    return HiddenMarkovModelModel.outputSchema(schema, this);
  }

  @Override
  public HiddenMarkovModel copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** A writer of this estimator's params (no data). */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        Persistence.saveMetadata(HiddenMarkovModel.this, path, sparkSession());
      }
    };
  }

  /** The reader of saved estimators; Spark's {@code Pipeline.load} finds it by reflection. */
  public static MLReader<HiddenMarkovModel> read() {
    return new MLReader<>() {
      @Override
      public HiddenMarkovModel load(String path) {
        return Persistence.loadParams(path, sparkSession(), HiddenMarkovModel.class,
            HiddenMarkovModel::new);
      }
    };
  }

  /** Reads an estimator saved with {@link #save(String)}. */
  public static HiddenMarkovModel load(String path) {
    return read().load(path);
  }

  @Override public IntParam k() { return p.k(); }
  @Override public Param<String> emission() { return p.emission(); }
  @Override public IntParam maxIter() { return p.maxIter(); }
  @Override public DoubleParam tol() { return p.tol(); }
  @Override public LongParam seed() { return p.seed(); }
  @Override public Param<String> initMode() { return p.initMode(); }
  @Override public IntParam nInit() { return p.nInit(); }
  @Override public DoubleParam startPseudoCount() { return p.startPseudoCount(); }
  @Override public DoubleParam transitionPseudoCount() { return p.transitionPseudoCount(); }
  @Override public DoubleParam emissionPseudoCount() { return p.emissionPseudoCount(); }
  @Override public DoubleParam regCovar() { return p.regCovar(); }
  @Override public DoubleParam rateFloor() { return p.rateFloor(); }
  @Override public Param<String> sequenceCol() { return p.sequenceCol(); }
  @Override public Param<String> idCol() { return p.idCol(); }
  @Override public Param<String> pathCol() { return p.pathCol(); }
  @Override public Param<String> posteriorsCol() { return p.posteriorsCol(); }
  @Override public Param<String> scoreCol() { return p.scoreCol(); }

  /** @throws IllegalArgumentException if {@code value} &lt; 1 */
  public HiddenMarkovModel setK(int value) {
    return put(p.k(), value);
  }

  /** @throws IllegalArgumentException unless categorical, gaussian, full-gaussian or poisson */
  public HiddenMarkovModel setEmission(String value) {
    return put(p.emission(), EmissionType.parse(value).toString());
  }

  public HiddenMarkovModel setMaxIter(int value) {
    return put(p.maxIter(), value);
  }

  public HiddenMarkovModel setTol(double value) {
    return put(p.tol(), value);
  }

  public HiddenMarkovModel setSeed(long value) {
    return put(p.seed(), value);
  }

  /** @throws IllegalArgumentException unless random or kmeans */
  public HiddenMarkovModel setInitMode(String value) {
    return put(p.initMode(), value.trim().toLowerCase(java.util.Locale.ROOT));
  }

  public HiddenMarkovModel setNInit(int value) {
    return put(p.nInit(), value);
  }

  public HiddenMarkovModel setStartPseudoCount(double value) {
    return put(p.startPseudoCount(), value);
  }

  public HiddenMarkovModel setTransitionPseudoCount(double value) {
    return put(p.transitionPseudoCount(), value);
  }

  public HiddenMarkovModel setEmissionPseudoCount(double value) {
    return put(p.emissionPseudoCount(), value);
  }

  /** Gaussian and full-gaussian emissions only. @throws IllegalArgumentException if &lt; 0 */
  public HiddenMarkovModel setRegCovar(double value) {
    return put(p.regCovar(), value);
  }

  /** Poisson emissions only. @throws IllegalArgumentException if &lt; 0 */
  public HiddenMarkovModel setRateFloor(double value) {
    return put(p.rateFloor(), value);
  }

  public HiddenMarkovModel setSequenceCol(String value) {
    return put(p.sequenceCol(), value);
  }

  public HiddenMarkovModel setIdCol(String value) {
    return put(p.idCol(), value);
  }

  public HiddenMarkovModel setPathCol(String value) {
    return put(p.pathCol(), value);
  }

  public HiddenMarkovModel setPosteriorsCol(String value) {
    return put(p.posteriorsCol(), value);
  }

  public HiddenMarkovModel setScoreCol(String value) {
    return put(p.scoreCol(), value);
  }

  /** Sets a param, with ParamSet's message naming the param and value when it is invalid. */
  private <T> HiddenMarkovModel put(Param<T> param, T value) {
    set(param, ParamSet.checked(param, value));
    return this;
  }
}
