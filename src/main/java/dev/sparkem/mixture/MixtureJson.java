package dev.sparkem.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writing and checking the keys every mixture model file shares: {@code format}
 * ({@value #FORMAT}), {@code formatVersion}, {@code family}, {@code k}, {@code dimension} and
 * {@code weights}; and reading numeric arrays with messages that name the source and the key.
 * Every method that reads throws {@link IllegalArgumentException} naming the source and key.
 */
public final class MixtureJson {
  /** The value of {@code format}. */
  public static final String FORMAT = "spark-em-model";
  /** The version written, and the newest one read. */
  public static final int FORMAT_VERSION = 1;

  private MixtureJson() {}

  /** A model object holding the shared keys; the family adds its own. */
  public static ObjectNode header(String family, int k, int dimension, double[] weights) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("family", family);
    root.put("k", k);
    root.put("dimension", dimension);
    addRow(root.putArray("weights"), weights);
    return root;
  }

  /** Adds the rows of {@code matrix} as arrays of numbers to {@code into}. */
  public static void addRows(ArrayNode into, double[][] matrix) {
    for (double[] row : matrix) {
      addRow(into.addArray(), row);
    }
  }

  private static void addRow(ArrayNode into, double[] values) {
    for (double v : values) {
      into.add(v);
    }
  }

  /**
   * Checks that {@code root} is an object of family {@code family} (when {@code family} is
   * present) and of a format version this code reads (when present).
   */
  public static void checkHeader(JsonNode root, String family, String source) {
    if (!root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object");
    }
    JsonNode value = root.get("family");
    if (value != null && !family.equals(value.asText())) {
      throw new IllegalArgumentException(
          source + ": family is '" + value.asText() + "', expected '" + family + "'");
    }
    JsonNode version = root.get("formatVersion");
    if (version != null && (!version.canConvertToInt() || version.asInt() > FORMAT_VERSION)) {
      throw new IllegalArgumentException(source + ": formatVersion is " + version
          + ", this version of spark-em reads up to " + FORMAT_VERSION);
    }
  }

  /** The value of {@code key}; missing or null is an error. */
  public static JsonNode required(JsonNode root, String key, String source) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(source + ": key '" + key + "' is missing");
    }
    return value;
  }

  /** An array of numbers. */
  public static double[] vector(JsonNode node, String key, String source) {
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

  /** An array of arrays of numbers (rows may differ in length; the caller checks shapes). */
  public static double[][] matrix(JsonNode node, String key, String source) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(source + ": " + key + " must be an array of arrays");
    }
    double[][] rows = new double[node.size()][];
    for (int j = 0; j < rows.length; j++) {
      rows[j] = vector(node.get(j), key + "[" + j + "]", source);
    }
    return rows;
  }
}
