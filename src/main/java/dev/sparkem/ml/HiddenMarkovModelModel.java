package dev.sparkem.ml;

import dev.sparkem.hmm.Decoder;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.ForwardBackward;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceFrames;
import dev.sparkem.training.HmmTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted hidden Markov model as a Spark ML model: {@link #transform} decodes the sequence of
 * every row and appends its Viterbi path ({@code pathCol}, array&lt;int&gt;), posterior
 * marginals ({@code posteriorsCol}, array of n probabilities per position) and log p(sequence)
 * ({@code scoreCol}, natural log); an empty column name skips that output. Saved with
 * {@link #save(String)} as Spark ML metadata plus {@code data/model.json} (the jobs' HMM model
 * file, {@link HmmJson}), never Java serialization; read back with {@link #load(String)}.
 */
public final class HiddenMarkovModelModel extends Model<HiddenMarkovModelModel>
    implements HiddenMarkovModelParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Declared p;
  private final HmmParameters parameters;
  private transient HmmTraining training;

  HiddenMarkovModelModel(String uid, HmmParameters parameters) {
    this.uid = uid;
    this.p = HiddenMarkovModelParams.declare(this);
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    set(p.k(), parameters.states());
    set(p.emission(), EmissionType.of(parameters.emission()).toString());
  }

  /** A model of the given parameters with a new uid and default params (k, emission match). */
  public static HiddenMarkovModelModel fromParameters(HmmParameters parameters) {
    return new HiddenMarkovModelModel(
        org.apache.spark.ml.util.Identifiable.randomUID("HiddenMarkovModel"), parameters);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The fitted parameters (immutable). */
  public HmmParameters parameters() {
    return parameters;
  }

  /** The parameters as the jobs' HMM model file holds them (pretty-printed JSON). */
  public String toJson() {
    return Persistence.pretty(HmmJson.toJson(parameters));
  }

  void setTraining(HmmTraining value) {
    training = value;
  }

  /**
   * The restarts and the kept fit (log-likelihood trace, BIC/AIC through
   * {@link HmmTraining#scores()}).
   *
   * @throws IllegalStateException if this model did not come from {@code fit} in this session
   */
  public HmmTraining training() {
    if (training == null) {
      throw new IllegalStateException("this model has no training record (it was loaded or "
          + "made from parameters), expected a model returned by fit");
    }
    return training;
  }

  /**
   * Decodes every row's sequence; lazy, like any DataFrame transformation.
   *
   * @throws IllegalArgumentException if the sequence column is missing or an output column
   *     exists already
   * @throws dev.sparkem.data.InvalidDataException (when the result is computed) naming the
   *     sequence id (the idCol value, else −1) and position of a value the model cannot score
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    HmmParameters params = parameters;
    boolean discrete = EmissionType.of(params.emission()).discrete();
    int n = params.states();
    UserDefinedFunction decode = functions.udf((UDF2<Object, Long, Row>) (cells, id) -> {
      SequenceBlock block = SequenceFrames.single(id == null ? -1 : id, cells, discrete);
      int[] path = new Decoder(params).viterbi(block, 0);
      double[] gamma = new double[path.length * n];
      double score = ForwardBackward.run(params, block, 0, gamma, null, 1.0);
      Object[] posteriors = new Object[path.length];
      for (int t = 0; t < path.length; t++) {
        posteriors[t] = Arrays.copyOfRange(gamma, t * n, (t + 1) * n);
      }
      return RowFactory.create(path, posteriors, score);
    }, decodedType());
    String tmp = "_decoded_" + uid;
    Column id = getIdCol() == null ? functions.lit(null).cast("long")
        : functions.col(getIdCol()).cast("long");
    Dataset<Row> decoded = dataset.toDF().withColumn(tmp,
        decode.apply(functions.col(getSequenceCol()), id));
    List<Column> columns = new ArrayList<>();
    for (String name : dataset.columns()) {
      columns.add(decoded.col(name));
    }
    String[][] outputs = {{getPathCol(), "path"}, {getPosteriorsCol(), "posteriors"},
        {getScoreCol(), "score"}};
    for (String[] output : outputs) {
      if (!output[0].isEmpty()) {
        columns.add(decoded.col(tmp).getField(output[1]).as(output[0]));
      }
    }
    return decoded.select(columns.toArray(new Column[0]));
  }

  private static StructType decodedType() {
    return new StructType()
        .add("path", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        .add("posteriors", DataTypes.createArrayType(
            DataTypes.createArrayType(DataTypes.DoubleType, false), false), false)
        .add("score", DataTypes.DoubleType, false);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema, this);
  }

  /**
   * {@code schema} plus the output columns of {@code params}.
   *
   * @throws IllegalArgumentException if the sequence column is missing or not an array, or an
   *     output column exists already
   */
  static StructType outputSchema(StructType schema, HiddenMarkovModelParams params) {
    String sequence = params.getSequenceCol();
    if (!Arrays.asList(schema.fieldNames()).contains(sequence)
        || !(schema.apply(sequence).dataType() instanceof ArrayType)) {
      throw new IllegalArgumentException("sequenceCol " + sequence + " is not an array column"
          + " of " + schema.simpleString() + ", expected one sequence per row");
    }
    StructType out = schema;
    StructType decoded = decodedType();
    String[][] outputs = {{params.getPathCol(), "path"},
        {params.getPosteriorsCol(), "posteriors"}, {params.getScoreCol(), "score"}};
    for (String[] output : outputs) {
      if (output[0].isEmpty()) {
        continue;
      }
      if (Arrays.asList(out.fieldNames()).contains(output[0])) {
        throw new IllegalArgumentException("output column " + output[0] + " exists already");
      }
      out = out.add(output[0], decoded.apply(output[1]).dataType(), false);
    }
    return out;
  }

  @Override
  public HiddenMarkovModelModel copy(ParamMap extra) {
    HiddenMarkovModelModel copy = new HiddenMarkovModelModel(uid, parameters);
    copyValues(copy, extra);
    copy.training = training;
    return copy.setParent(parent());
  }

  /** Writes the metadata and data/model.json. */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        Persistence.saveMetadata(HiddenMarkovModelModel.this, path, sparkSession());
        Persistence.writeFile(path, Persistence.MODEL_JSON, toJson(), sparkSession());
      }
    };
  }

  /** The reader of saved models; Spark's {@code PipelineModel.load} finds it by reflection. */
  public static MLReader<HiddenMarkovModelModel> read() {
    return new MLReader<>() {
      @Override
      public HiddenMarkovModelModel load(String path) {
        return Persistence.loadModel(path, sparkSession(), HiddenMarkovModelModel.class,
            (uid, json, source) -> new HiddenMarkovModelModel(uid,
                HmmJson.fromJson(json, source)));
      }
    };
  }

  /**
   * Reads a model saved with {@link #save(String)}.
   *
   * @throws IllegalArgumentException naming the path if it holds something else, a newer
   *     format version, or an invalid data/model.json
   */
  public static HiddenMarkovModelModel load(String path) {
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

  public HiddenMarkovModelModel setSequenceCol(String value) {
    set(p.sequenceCol(), value);
    return this;
  }

  public HiddenMarkovModelModel setIdCol(String value) {
    set(p.idCol(), value);
    return this;
  }

  public HiddenMarkovModelModel setPathCol(String value) {
    set(p.pathCol(), value);
    return this;
  }

  public HiddenMarkovModelModel setPosteriorsCol(String value) {
    set(p.posteriorsCol(), value);
    return this;
  }

  public HiddenMarkovModelModel setScoreCol(String value) {
    set(p.scoreCol(), value);
    return this;
  }
}
