package dev.sparkem.ml;

import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.training.GaussianKind;
import dev.sparkem.training.MixtureKind;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator of a Gaussian mixture by distributed EM, with scikit-learn's covariance
 * types, restarts and instance weights. Usable in a {@code Pipeline}; see
 * {@link GaussianMixtureParams} for the params and their defaults, and {@link MixtureEstimator}
 * for what all mixture estimators share.
 *
 * <pre>
 * GaussianMixtureModel model = new GaussianMixture().setK(3).setCovarianceType("diag")
 *     .setNInit(5).fit(frame);                       // frame has a "features" vector column
 * model.transform(frame);                            // + prediction, probability, logLikelihood
 * </pre>
 *
 * Saved with {@link #save(String)} (metadata only) and read back with {@link #load(String)}.
 */
public final class GaussianMixture
    extends MixtureEstimator<GaussianMixture, GaussianMixtureModel, GaussianMixtureParameters>
    implements GaussianMixtureParams {
  private static final long serialVersionUID = 1L;

  private final ParamSet.Gaussian g;

  public GaussianMixture() {
    this(Identifiable.randomUID("GaussianMixture"));
  }

  /** An estimator with the given uid (used by {@code copy} and {@code load}). */
  public GaussianMixture(String uid) {
    super(uid, InitMode.KMEANS);
    this.g = new ParamSet.Gaussian(this);
  }

  @Override
  MixtureKind<GaussianMixtureParameters> kind() {
    return new GaussianKind(CovarianceType.parse(getCovarianceType()), getRegCovar());
  }

  @Override
  GaussianMixtureModel newModel(GaussianMixtureParameters parameters) {
    return new GaussianMixtureModel(uid(), parameters);
  }

  /**
   * Starts EM from these parameters instead of {@code initMode} (given parameters, e.g. a
   * model of an earlier fit or one read from a model.json): sets {@code k} and
   * {@code covarianceType} from them; {@code nInit} must stay 1. The start point is not saved
   * with the estimator.
   */
  public GaussianMixture setInitialModel(GaussianMixtureParameters parameters) {
    setCovarianceType(parameters.covarianceType().toString());
    return startFrom(parameters);
  }

  /** As {@link #setInitialModel(GaussianMixtureParameters)}, from a fitted model. */
  public GaussianMixture setInitialModel(GaussianMixtureModel model) {
    return setInitialModel(model.parameters());
  }

  /** The reader of saved estimators; Spark's {@code Pipeline.load} finds it by reflection. */
  public static MLReader<GaussianMixture> read() {
    return new MLReader<>() {
      @Override
      public GaussianMixture load(String path) {
        return Persistence.loadParams(path, sparkSession(), GaussianMixture.class,
            GaussianMixture::new);
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

  @Override public Param<String> covarianceType() { return g.covarianceType; }
  @Override public DoubleParam regCovar() { return g.regCovar; }

  /** @throws IllegalArgumentException unless full, tied, diag or spherical (any case) */
  public GaussianMixture setCovarianceType(String value) {
    return put(g.covarianceType, ParamSet.covarianceType(value));
  }

  /** @throws IllegalArgumentException if {@code value} is negative, infinite or NaN */
  public GaussianMixture setRegCovar(double value) {
    return put(g.regCovar, ParamSet.checked(g.regCovar, value));
  }
}
