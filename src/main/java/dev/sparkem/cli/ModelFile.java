package dev.sparkem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.mixture.gaussian.GaussianMixtureJson;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** A {@code model.json} read from any Hadoop file system: the parameters and the fit's record. */
final class ModelFile {
  static final String NAME = "model.json";

  private final JsonNode json;
  private final GaussianMixtureParameters parameters;

  private ModelFile(JsonNode json, GaussianMixtureParameters parameters) {
    this.json = json;
    this.parameters = parameters;
  }

  /**
   * Reads {@code location}: a JSON file, or a directory holding {@value #NAME}.
   *
   * @param option the option that named it, for messages
   * @throws IllegalArgumentException naming the option and file, if it cannot be read, is not
   *     JSON or does not hold valid parameters
   */
  static ModelFile read(SparkSession spark, String option, String location) {
    String file = location.endsWith(".json") ? location : location + "/" + NAME;
    String source = option + " " + file;
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(HadoopFiles.readText(spark, file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
    return new ModelFile(json, GaussianMixtureJson.fromJson(json, source));
  }

  GaussianMixtureParameters parameters() {
    return parameters;
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
