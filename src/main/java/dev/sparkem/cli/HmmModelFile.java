package dev.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import org.apache.spark.sql.SparkSession;

/**
 * A hidden Markov model's {@code model.json} read from any Hadoop file system: the parameters
 * and the JSON (for the layout recorded by {@code fit}).
 *
 * @param json the whole file
 * @param parameters the model
 */
record HmmModelFile(JsonNode json, HmmParameters parameters) {
  /**
   * Reads {@code location}: a JSON file, or a directory holding model.json.
   *
   * @param option the option that named it, for messages
   * @throws IllegalArgumentException naming the option and file, if it cannot be read, is not
   *     JSON, is not an HMM or does not hold valid parameters
   */
  static HmmModelFile read(SparkSession spark, String option, String location) {
    JsonNode json = ModelFile.json(spark, option, location);
    return new HmmModelFile(json, HmmJson.fromJson(json, option + " " + ModelFile.path(location)));
  }
}
