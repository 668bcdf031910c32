package dev.sparkem.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The on-disk layout of a saved estimator or model, on any Hadoop path:
 * <pre>
 * PATH/metadata/part-*   one line of JSON, as Spark ML's DefaultParamsWriter writes it:
 *                        class, timestamp, sparkVersion, uid, paramMap, defaultParamMap,
 *                        plus "format": "spark-em-ml" and "formatVersion"
 * PATH/data/model.json   (models only) the parameters as the jobs' model.json
 * </pre>
 * The metadata is written and read here with Jackson and {@link Param#jsonEncode} /
 * {@link Param#jsonDecode} rather than with Spark's {@code DefaultParamsWriter}, which is
 * {@code private[ml]} in Scala; the layout is the same, so {@code PipelineModel.load} and
 * {@code Pipeline.load} find the class of a stage and call its static {@code read()}.
 */
final class Persistence {
  /** The value of {@code format} in the metadata. */
  static final String FORMAT = "spark-em-ml";
  /** The layout version written, and the newest one read. */
  static final int FORMAT_VERSION = 1;
  static final String METADATA = "metadata";
  static final String MODEL_JSON = "data/model.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Persistence() {}

  /** What a metadata file holds. */
  record Metadata(String path, String uid, String sparkVersion, JsonNode params,
      JsonNode defaults) {}

  /** Writes {@code instance}'s metadata (class, uid, params, versions) under {@code path}. */
  static void saveMetadata(Params instance, String path, SparkSession spark) {
    ObjectNode root = JSON.createObjectNode();
    root.put("class", instance.getClass().getName());
    root.put("timestamp", System.currentTimeMillis());
    root.put("sparkVersion", spark.version());
    root.put("uid", instance.uid());
    ObjectNode set = root.putObject("paramMap");
    ObjectNode defaults = root.putObject("defaultParamMap");
    for (Param<?> param : instance.params()) {
      @SuppressWarnings("unchecked")
      Param<Object> p = (Param<Object>) param;
      if (instance.isSet(p)) {
        set.set(p.name(), parse(p.jsonEncode(instance.getOrDefault(p)), path));
      }
      if (instance.hasDefault(p)) {
        defaults.set(p.name(), parse(p.jsonEncode(instance.getDefault(p).get()), path));
      }
    }
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    StructType schema = new StructType().add("value", DataTypes.StringType, false);
    List<Row> line = List.of(RowFactory.create(root.toString()));
    spark.createDataFrame(line, schema).coalesce(1).write()
        .text(new Path(path, METADATA).toString());
  }

  /**
   * Reads the metadata under {@code path}.
   *
   * @throws IllegalArgumentException naming the path if it was written for another class, is not
   *     spark-em's, or has a format version other than one this code reads
   */
  static Metadata loadMetadata(String path, SparkSession spark, Class<?> expected) {
    String text = spark.read().text(new Path(path, METADATA).toString()).first().getString(0);
    JsonNode root = parse(text, path);
    String className = root.path("class").asText();
    if (!expected.getName().equals(className)) {
      throw new IllegalArgumentException(path + ": the saved class is '" + className
          + "', expected '" + expected.getName() + "'");
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(path + ": metadata format is '" + root.path("format")
          .asText() + "', expected '" + FORMAT + "'");
    }
    JsonNode version = root.get("formatVersion");
    if (version == null || !version.canConvertToInt() || version.asInt() < 1
        || version.asInt() > FORMAT_VERSION) {
      throw new IllegalArgumentException(path + ": saved with format version " + version
          + ", this version of spark-em reads format version " + FORMAT_VERSION
          + (FORMAT_VERSION > 1 ? " and older" : ""));
    }
    return new Metadata(path, root.path("uid").asText(), root.path("sparkVersion").asText(),
        root.path("paramMap"), root.path("defaultParamMap"));
  }

  /**
   * Reads an estimator saved under {@code path}: a new instance made by {@code create} from the
   * saved uid, with the saved params and defaults.
   *
   * @throws IllegalArgumentException naming the path, as {@link #loadMetadata} and
   *     {@link #applyParams}
   */
  static <T extends Params> T loadParams(String path, SparkSession spark, Class<T> type,
      Function<String, T> create) {
    Metadata metadata = loadMetadata(path, spark, type);
    T instance = create.apply(metadata.uid());
    applyParams(instance, metadata);
    return instance;
  }

  /** Makes a model from its saved uid and the JSON of {@code data/model.json}. */
  @FunctionalInterface
  interface ModelFactory<T> {
    /**
     * @param source the path of the JSON, for messages
     * @throws IllegalArgumentException naming the source if the JSON is not such a model
     */
    T create(String uid, JsonNode json, String source);
  }

  /**
   * Reads a model saved under {@code path}: the metadata, then {@code data/model.json} through
   * {@code create}, then the saved params and defaults.
   *
   * @throws IllegalArgumentException naming the path, as {@link #loadParams}, or an invalid
   *     {@code data/model.json}
   */
  static <T extends Params> T loadModel(String path, SparkSession spark, Class<T> type,
      ModelFactory<T> create) {
    Metadata metadata = loadMetadata(path, spark, type);
    T model = create.create(metadata.uid(), readJson(path, MODEL_JSON, spark),
        path + "/" + MODEL_JSON);
    applyParams(model, metadata);
    return model;
  }

  /**
   * Sets the saved params, then the saved defaults, on {@code instance}.
   *
   * @throws IllegalArgumentException naming the path and param if a param is unknown or its
   *     value is invalid
   */
  static void applyParams(Params instance, Metadata metadata) {
    apply(instance, metadata.params(), false, metadata.path());
    apply(instance, metadata.defaults(), true, metadata.path());
  }

  private static void apply(Params instance, JsonNode values, boolean defaults, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      try {
        Param<Object> param = instance.getParam(field.getKey());
        Object value = param.jsonDecode(field.getValue().toString());
        if (defaults) {
          instance.setDefault(param, value);
        } else {
          instance.set(param, value);
        }
      } catch (NoSuchElementException | IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": cannot set param '" + field.getKey()
            + "' to " + field.getValue() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Writes {@code text} (UTF-8) to the file {@code child} under {@code path}. */
  static void writeFile(String path, String child, String text, SparkSession spark) {
    Path file = new Path(path, child);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(file, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON in the file {@code child} under {@code path}. */
  static JsonNode readJson(String path, String child, SparkSession spark) {
    Path file = new Path(path, child);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = fs.open(file)) {
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Pretty JSON text of {@code node}. */
  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String text, String source) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
    }
  }
}
