package dev.sparkem.mixture.gaussian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters part of the JSON model file {@code model.json}:
 * <pre>
 * { "format": "spark-em-model", "formatVersion": 1, "family": "gaussian-mixture",
 *   "covarianceType": "full", "k": 2, "dimension": 2,
 *   "weights": [k numbers], "means": [k arrays of d], "covariances": [k arrays of d arrays of d] }
 * </pre>
 * Reading needs only {@code weights}, {@code means} and {@code covariances}; {@code family},
 * {@code covarianceType} and {@code formatVersion} are checked when present. Other keys (the fit's
 * record, written by the jobs) are ignored.
 */
public final class GaussianMixtureJson {
  /** The value of {@code format}. */
  public static final String FORMAT = "spark-em-model";
  /** The version written, and the newest one read. */
  public static final int FORMAT_VERSION = 1;
  /** The value of {@code family}. */
  public static final String FAMILY = "gaussian-mixture";
  /** The only covariance type of this family so far. */
  public static final String COVARIANCE_TYPE = "full";

  private GaussianMixtureJson() {}

  /** The parameters as a JSON object with the keys above. */
  public static ObjectNode toJson(GaussianMixtureParameters params) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("family", FAMILY);
    root.put("covarianceType", COVARIANCE_TYPE);
    root.put("k", params.k());
    root.put("dimension", params.dimension());
    ArrayNode weights = root.putArray("weights");
    for (double w : params.weights()) {
      weights.add(w);
    }
    ArrayNode means = root.putArray("means");
    ArrayNode covariances = root.putArray("covariances");
    for (int j = 0; j < params.k(); j++) {
      addRow(means.addArray(), params.mean(j));
      ArrayNode matrix = covariances.addArray();
      for (double[] row : params.covariance(j)) {
        addRow(matrix.addArray(), row);
      }
    }
    return root;
  }

  private static void addRow(ArrayNode into, double[] values) {
    for (double v : values) {
      into.add(v);
    }
  }

  /**
   * Reads parameters from a model file's JSON.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key, if a key is missing, has the
   *     wrong shape or type, or the parameters are invalid
   */
  public static GaussianMixtureParameters fromJson(JsonNode root, String source) {
    if (!root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object");
    }
    checkText(root, "family", FAMILY, source);
    checkText(root, "covarianceType", COVARIANCE_TYPE, source);
    JsonNode version = root.get("formatVersion");
    if (version != null && (!version.canConvertToInt() || version.asInt() > FORMAT_VERSION)) {
      throw new IllegalArgumentException(source + ": formatVersion is " + version
          + ", this version of spark-em reads up to " + FORMAT_VERSION);
    }
    double[] weights = vector(required(root, "weights", source), "weights", source);
    JsonNode meansNode = required(root, "means", source);
    JsonNode covariancesNode = required(root, "covariances", source);
    if (!meansNode.isArray() || !covariancesNode.isArray()) {
      throw new IllegalArgumentException(source + ": 'means' and 'covariances' must be arrays");
    }
    double[][] means = new double[meansNode.size()][];
    for (int j = 0; j < means.length; j++) {
      means[j] = vector(meansNode.get(j), "means[" + j + "]", source);
    }
    double[][][] covariances = new double[covariancesNode.size()][][];
    for (int j = 0; j < covariances.length; j++) {
      JsonNode matrix = covariancesNode.get(j);
      if (!matrix.isArray()) {
        throw new IllegalArgumentException(
            source + ": covariances[" + j + "] must be an array of rows");
      }
      covariances[j] = new double[matrix.size()][];
      for (int a = 0; a < matrix.size(); a++) {
        covariances[j][a] = vector(matrix.get(a), "covariances[" + j + "][" + a + "]", source);
      }
    }
    try {
      return GaussianMixtureParameters.of(weights, means, covariances);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static void checkText(JsonNode root, String key, String expected, String source) {
    JsonNode value = root.get(key);
    if (value != null && !expected.equals(value.asText())) {
      throw new IllegalArgumentException(
          source + ": " + key + " is '" + value.asText() + "', expected '" + expected + "'");
    }
  }

  private static JsonNode required(JsonNode root, String key, String source) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(source + ": key '" + key + "' is missing");
    }
    return value;
  }

  private static double[] vector(JsonNode node, String key, String source) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(source + ": " + key + " must be an array of numbers");
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber()) {
        throw new IllegalArgumentException(
            source + ": " + key + "[" + i + "] is " + v + ", expected a number");
      }
      values[i] = v.asDouble();
    }
    return values;
  }
}
