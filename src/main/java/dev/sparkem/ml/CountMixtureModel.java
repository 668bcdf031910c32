package dev.sparkem.ml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A fitted multinomial, Bernoulli or Poisson mixture as a Spark ML model: {@link #transform}
 * appends the most probable component, the k posterior probabilities and log p(x) to every row,
 * checking the values against the family (counts, or 0/1); sparse vectors cost O(nnz·k) per row
 * (see {@link FittedMixture}). {@link #parameters()} are of the family's own type
 * ({@code MultinomialMixtureParameters}, {@code BernoulliMixtureParameters},
 * {@code PoissonMixtureParameters}).
 *
 * <p>Saved with {@link #save(String)} to any Hadoop path as Spark ML metadata plus the jobs'
 * {@code data/model.json}; read back with {@link #load(String)}. {@link #toJson()} and
 * {@link #fromJson} exchange models with the jobs' {@code model.json}.
 */
public final class CountMixtureModel extends FittedMixture<CountMixtureModel, MixtureModel>
    implements CountMixtureParams {
  private static final long serialVersionUID = 1L;

  private final ParamSet.Counts c;

  CountMixtureModel(String uid, MixtureModel parameters) {
    super(uid, parameters, InitMode.RANDOM);
    this.c = new ParamSet.Counts(this);
    set(c.family, CountMixtureParams.familyOf(parameters));
  }

  /**
   * A model of the given parameters, with a new uid, {@code k} and {@code family} set to match
   * and the other params at their defaults. It has no summary and no parent.
   *
   * @throws IllegalArgumentException if the parameters are of another family (Gaussian)
   */
  public static CountMixtureModel fromParameters(MixtureModel parameters) {
    CountMixtureModel model =
        new CountMixtureModel(Identifiable.randomUID("CountMixture"), parameters);
    model.set(model.p.k, parameters.k());
    return model;
  }

  /**
   * A model read from the text of a JSON model file (the jobs' {@code model.json} or
   * {@link #toJson()}) of a multinomial, Bernoulli or Poisson mixture; see
   * {@link #fromParameters}.
   *
   * @throws IllegalArgumentException if the text is not such a model
   */
  public static CountMixtureModel fromJson(String json) {
    return fromParameters(read(Identifiable.randomUID("CountMixture"),
        Persistence.parse(json, "model JSON"), "model JSON").parameters());
  }

  private static CountMixtureModel read(String uid, JsonNode json, String source) {
    String fileFamily = json.path("family").asText("");
    MixtureKind<?> kind;
    try {
      kind = MixtureKinds.ofFileFamily(fileFamily);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    if (kind.name().equals("gaussian")) {
      throw new IllegalArgumentException(source + ": family is '" + fileFamily + "', expected a "
          + "multinomial, bernoulli or poisson mixture");
    }
    return new CountMixtureModel(uid, kind.read(json, source));
  }

  /** The family of the parameters, with the alpha or rate floor of the params. */
  @Override
  @SuppressWarnings("unchecked")
  MixtureKind<MixtureModel> kind() {
    return (MixtureKind<MixtureModel>) countKind();
  }

  @Override
  CountMixtureModel newInstance(MixtureModel parameters) {
    return new CountMixtureModel(uid(), parameters);
  }

  /** The reader of saved models; Spark's {@code PipelineModel.load} finds it by reflection. */
  public static MLReader<CountMixtureModel> read() {
    return new MLReader<>() {
      @Override
      public CountMixtureModel load(String path) {
        CountMixtureModel model = Persistence.loadModel(path, sparkSession(),
            CountMixtureModel.class, CountMixtureModel::read);
        String family = CountMixtureParams.familyOf(model.parameters());
        if (!family.equals(model.getFamily())) {
          throw new IllegalArgumentException(path + ": the metadata says family '"
              + model.getFamily() + "', data/model.json holds a " + family + " mixture");
        }
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
  public static CountMixtureModel load(String path) {
    return read().load(path);
  }

  @Override public Param<String> family() { return c.family; }
  @Override public DoubleParam alpha() { return c.alpha; }
  @Override public DoubleParam rateFloor() { return c.rateFloor; }
}
