package dev.sparkem.ml;

import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.training.MixtureKind;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator of a mixture for counts, words or bits by distributed EM: {@code family}
 * {@code multinomial} (bag-of-words count vectors, sparse: O(nnz·k) per pass, smoothing
 * {@code alpha}), {@code bernoulli} (0/1 vectors, smoothing {@code alpha}) or {@code poisson}
 * (count vectors, rates floored at {@code rateFloor}), with restarts and instance weights. The
 * same trainer as the jobs' {@code fit --family}; see {@link CountMixtureParams} for the params
 * and {@link MixtureEstimator} for what all mixture estimators share.
 *
 * <pre>
 * CountMixtureModel model = new CountMixture().setFamily("multinomial").setK(5)
 *     .setAlpha(0.01).setNInit(3).fit(documents);    // a "features" column of count vectors
 * model.transform(documents);                        // + prediction, probability, logLikelihood
 * </pre>
 *
 * Init modes: {@code random} (k random rows, smoothed; the default) and
 * {@code random-responsibilities}; k-means does not apply (fit throws). Saved with
 * {@link #save(String)} (metadata only) and read back with {@link #load(String)}.
 */
public final class CountMixture
    extends MixtureEstimator<CountMixture, CountMixtureModel, MixtureModel>
    implements CountMixtureParams {
  private static final long serialVersionUID = 1L;

  private final ParamSet.Counts c;

  public CountMixture() {
    this(Identifiable.randomUID("CountMixture"));
  }

  /** An estimator with the given uid (used by {@code copy} and {@code load}). */
  public CountMixture(String uid) {
    super(uid, InitMode.RANDOM);
    this.c = new ParamSet.Counts(this);
  }

  @Override
  @SuppressWarnings("unchecked")
  MixtureKind<MixtureModel> kind() {
    return (MixtureKind<MixtureModel>) countKind();
  }

  @Override
  CountMixtureModel newModel(MixtureModel parameters) {
    return new CountMixtureModel(uid(), parameters);
  }

  /** @throws IllegalArgumentException if the start point is of another family */
  @Override
  void checkInitialModel(MixtureModel parameters) {
    String family = CountMixtureParams.familyOf(parameters);
    if (!family.equals(getFamily())) {
      throw new IllegalArgumentException("the start point is a " + family + " mixture, family is '"
          + getFamily() + "'");
    }
  }

  /**
   * Starts EM from these parameters (multinomial, Bernoulli or Poisson mixture parameters, e.g.
   * of an earlier fit or read from a model.json) instead of {@code initMode}: sets {@code k} and
   * {@code family} from them; {@code nInit} must stay 1. The start point is not saved with the
   * estimator.
   *
   * @throws IllegalArgumentException if the parameters are of another family (Gaussian)
   */
  public CountMixture setInitialModel(MixtureModel parameters) {
    setFamily(CountMixtureParams.familyOf(parameters));
    return startFrom(parameters);
  }

  /** As {@link #setInitialModel(MixtureModel)}, from a fitted model. */
  public CountMixture setInitialModel(CountMixtureModel model) {
    return setInitialModel(model.parameters());
  }

  /** The reader of saved estimators; Spark's {@code Pipeline.load} finds it by reflection. */
  public static MLReader<CountMixture> read() {
    return new MLReader<>() {
      @Override
      public CountMixture load(String path) {
        return Persistence.loadParams(path, sparkSession(), CountMixture.class,
            CountMixture::new);
      }
    };
  }

  /**
   * Reads an estimator saved with {@link #save(String)}.
   *
   * @throws IllegalArgumentException naming the path if it holds something else or a newer
   *     format version
   */
  public static CountMixture load(String path) {
    return read().load(path);
  }

  @Override public Param<String> family() { return c.family; }
  @Override public DoubleParam alpha() { return c.alpha; }
  @Override public DoubleParam rateFloor() { return c.rateFloor; }

  /** @throws IllegalArgumentException unless multinomial, bernoulli or poisson (any case) */
  public CountMixture setFamily(String value) {
    return put(c.family, ParamSet.family(value));
  }

  /** @throws IllegalArgumentException if {@code value} is negative, infinite or NaN */
  public CountMixture setAlpha(double value) {
    return put(c.alpha, ParamSet.checked(c.alpha, value));
  }

  /** @throws IllegalArgumentException if {@code value} is not &gt; 0 (or NaN) */
  public CountMixture setRateFloor(double value) {
    return put(c.rateFloor, ParamSet.checked(c.rateFloor, value));
  }
}
