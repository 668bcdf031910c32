package dev.sparkem.ml;

import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureJson;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.training.GaussianKind;
import dev.sparkem.training.MixtureKind;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A fitted Gaussian mixture as a Spark ML model: {@link #transform} appends the most probable
 * component, the k posterior probabilities and log p(x) to every row (see
 * {@link FittedMixture}).
 *
 * <p>Saved with {@link #save(String)} to any Hadoop path as Spark ML metadata plus the jobs'
 * {@code data/model.json}; read back with {@link #load(String)}. {@link #toJson()} and
 * {@link #fromParameters} exchange models with the jobs' {@code model.json}.
 */
public final class GaussianMixtureModel
    extends FittedMixture<GaussianMixtureModel, GaussianMixtureParameters>
    implements GaussianMixtureParams {
  private static final long serialVersionUID = 1L;

  private final ParamSet.Gaussian g;

  GaussianMixtureModel(String uid, GaussianMixtureParameters parameters) {
    super(uid, parameters, InitMode.KMEANS);
    this.g = new ParamSet.Gaussian(this);
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
    model.set(model.g.covarianceType, parameters.covarianceType().toString());
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

  @Override
  MixtureKind<GaussianMixtureParameters> kind() {
    return new GaussianKind(CovarianceType.parse(getCovarianceType()), getRegCovar());
  }

  @Override
  GaussianMixtureModel newInstance(GaussianMixtureParameters parameters) {
    return new GaussianMixtureModel(uid(), parameters);
  }

  /** The reader of saved models; Spark's {@code PipelineModel.load} finds it by reflection. */
  public static MLReader<GaussianMixtureModel> read() {
    return new MLReader<>() {
      @Override
      public GaussianMixtureModel load(String path) {
        return Persistence.loadModel(path, sparkSession(), GaussianMixtureModel.class,
            (uid, json, source) ->
                new GaussianMixtureModel(uid, GaussianMixtureJson.fromJson(json, source)));
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

  @Override public Param<String> covarianceType() { return g.covarianceType; }
  @Override public DoubleParam regCovar() { return g.regCovar; }
}
