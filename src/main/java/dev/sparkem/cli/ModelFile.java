package dev.sparkem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.mixture.MixtureModel;
import dev.sparkem.training.MixtureKind;
import dev.sparkem.training.MixtureKinds;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code model.json} of any family read from any Hadoop file system: the family (from the
 * {@code family} key; a file without it is Gaussian), the parameters and the fit's record.
 */
final class ModelFile {
  static final String NAME = "model.json";

  private final JsonNode json;
  private final String source;
  private final MixtureKind<?> kind;
  private final MixtureModel parameters;

  private ModelFile(JsonNode json, String source, MixtureKind<?> kind, MixtureModel parameters) {
    this.json = json;
    this.source = source;
    this.kind = kind;
    this.parameters = parameters;
  }

  /**
   * Reads {@code location}: a JSON file, or a directory holding {@value #NAME}.
   *
   * @param option the option that named it, for messages
   * @throws IllegalArgumentException naming the option and file, if it cannot be read, is not
   *     JSON, names an unknown family or does not hold valid parameters
   */
  static ModelFile read(SparkSession spark, String option, String location) {
    String file = path(location);
    String source = option + " " + file;
    JsonNode json = json(spark, option, location);
    JsonNode family = json.get("family");
    if (family != null && HmmJson.FAMILY.equals(family.asText())) {
      throw new IllegalArgumentException(source + " holds a hidden Markov model (family 'hmm'),"
          + " expected a mixture: decode sequences with the decode job (decode --model "
          + location + " --input ... --output ...)");
    }
    MixtureKind<?> kind;
    try {
      kind = MixtureKinds.ofFileFamily(family == null || family.isNull() ? null : family.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    return new ModelFile(json, source, kind, kind.read(json, source));
  }

  /** The file a location names: itself if it ends in .json, else {@value #NAME} inside it. */
  static String path(String location) {
    return location.endsWith(".json") ? location : location + "/" + NAME;
  }

  /**
   * The parsed JSON of the model file at {@code location} ({@link #path}).
   *
   * @param option the option that named it, for messages
   * @throws IllegalArgumentException naming the option and file, if it cannot be read or is not
   *     JSON
   */
  static JsonNode json(SparkSession spark, String option, String location) {
    String file = path(location);
    String source = option + " " + file;
    try {
      return new ObjectMapper().readTree(HadoopFiles.readText(spark, file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code json} is a hidden Markov model's file. */
  static boolean holdsHmm(JsonNode json) {
    return json.has("family") && HmmJson.FAMILY.equals(json.get("family").asText());
  }

  /** The file's family, with default settings. */
  MixtureKind<?> kind() {
    return kind;
  }

  MixtureModel parameters() {
    return parameters;
  }

  /**
   * The parameters as {@code expected}'s type.
   *
   * @throws IllegalArgumentException naming the file, if it holds another family
   */
  <P extends MixtureModel> P parameters(MixtureKind<P> expected) {
    if (!expected.fileFamily().equals(kind.fileFamily())) {
      throw new IllegalArgumentException(source + " holds a " + kind.name()
          + " mixture, expected " + expected.name());
    }
    return expected.read(json, source);
  }

  /** The feature column names the model was fitted on; empty when the file does not say. */
  List<String> features() {
    List<String> names = new ArrayList<>();
    if (json.has("features")) {
      json.get("features").forEach(n -> names.add(n.asText()));
    }
    return names;
  }
}
