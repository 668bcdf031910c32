package dev.sparkem.mixture.gaussian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters part of the JSON model file {@code model.json}:
 * <pre>
 * { "format": "spark-em-model", "formatVersion": 1, "family": "gaussian-mixture",
 *   "covarianceType": "full", "k": 2, "dimension": 2,
 *   "weights": [k numbers], "means": [k arrays of d], "covariances": [...] }
 * </pre>
 * {@code covariances} has scikit-learn's shape of {@code covariances_} for the type: k×d×d
 * (full), d×d (tied), k×d (diag) or k (spherical). Reading needs only {@code weights},
 * {@code means} and {@code covariances}; {@code covarianceType} defaults to {@code full};
 * {@code family} and {@code formatVersion} are checked when present. Other keys (the fit's
 * record, written by the jobs) are ignored.
 */
public final class GaussianMixtureJson {
  /** The value of {@code format}. */
  public static final String FORMAT = "spark-em-model";
  /** The version written, and the newest one read. */
  public static final int FORMAT_VERSION = 1;
  /** The value of {@code family}. */
  public static final String FAMILY = "gaussian-mixture";
  private GaussianMixtureJson() {}

  /** The parameters as a JSON object with the keys above. */
  public static ObjectNode toJson(GaussianMixtureParameters params) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("family", FAMILY);
    root.put("covarianceType", params.covarianceType().toString());
    root.put("k", params.k());
    root.put("dimension", params.dimension());
    ArrayNode weights = root.putArray("weights");
    for (double w : params.weights()) {
      weights.add(w);
    }
    ArrayNode means = root.putArray("means");
    for (int j = 0; j < params.k(); j++) {
      addRow(means.addArray(), params.mean(j));
    }
    ArrayNode covariances = root.putArray("covariances");
    int d = params.dimension();
    double[] values = params.covarianceValues();
    switch (params.covarianceType()) {
      case FULL -> {
        for (int j = 0; j < params.k(); j++) {
          addMatrix(covariances.addArray(), values, j * d * d, d);
        }
      }
      case TIED -> addMatrix(covariances, values, 0, d);
      case DIAG -> addMatrix(covariances, values, 0, d, params.k());
      case SPHERICAL -> addRow(covariances, values);
    }
    return root;
  }

  private static void addMatrix(ArrayNode into, double[] values, int offset, int columns) {
    addMatrix(into, values, offset, columns, columns);
  }

  private static void addMatrix(ArrayNode into, double[] values, int offset, int columns,
      int rows) {
    for (int r = 0; r < rows; r++) {
      addRow(into.addArray(),
          Arrays.copyOfRange(values, offset + r * columns, offset + (r + 1) * columns));
    }
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
    CovarianceType type = CovarianceType.FULL;
    JsonNode typeNode = root.get("covarianceType");
    if (typeNode != null && !typeNode.isNull()) {
      try {
        type = CovarianceType.parse(typeNode.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": covarianceType: " + e.getMessage(), e);
      }
    }
    JsonNode version = root.get("formatVersion");
    if (version != null && (!version.canConvertToInt() || version.asInt() > FORMAT_VERSION)) {
      throw new IllegalArgumentException(source + ": formatVersion is " + version
          + ", this version of spark-em reads up to " + FORMAT_VERSION);
    }
    double[] weights = vector(required(root, "weights", source), "weights", source);
    JsonNode meansNode = required(root, "means", source);
    if (!meansNode.isArray()) {
      throw new IllegalArgumentException(source + ": 'means' must be an array of arrays");
    }
    double[][] means = new double[meansNode.size()][];
    for (int j = 0; j < means.length; j++) {
      means[j] = vector(meansNode.get(j), "means[" + j + "]", source);
    }
    double[] covariances = flatten(required(root, "covariances", source), "covariances",
        depth(type), source);
    try {
      return GaussianMixtureParameters.of(type, weights, means, covariances);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** How deep scikit-learn's covariance array is for the type: 3, 2, 2 or 1. */
  private static int depth(CovarianceType type) {
    return switch (type) {
      case FULL -> 3;
      case TIED, DIAG -> 2;
      case SPHERICAL -> 1;
    };
  }

  /** The numbers of a nested array of the given depth, row after row. */
  private static double[] flatten(JsonNode node, String key, int depth, String source) {
    if (depth == 1) {
      return vector(node, key, source);
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(source + ": " + key + " must be an array of arrays");
    }
    List<double[]> parts = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      parts.add(flatten(node.get(i), key + "[" + i + "]", depth - 1, source));
    }
    return parts.stream().flatMapToDouble(Arrays::stream).toArray();
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
