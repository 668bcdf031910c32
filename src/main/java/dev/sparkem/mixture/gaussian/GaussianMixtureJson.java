package dev.sparkem.mixture.gaussian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.mixture.MixtureJson;
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
  /** The value of {@code family}. */
  public static final String FAMILY = "gaussian-mixture";

  private GaussianMixtureJson() {}

  /** The parameters as a JSON object with the keys above. */
  public static ObjectNode toJson(GaussianMixtureParameters params) {
    ObjectNode root =
        MixtureJson.header(FAMILY, params.k(), params.dimension(), params.weights());
    root.put("covarianceType", params.covarianceType().toString());
    MixtureJson.addRows(root.putArray("means"), params.means());
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
      case SPHERICAL -> Arrays.stream(values).forEach(covariances::add);
    }
    return root;
  }

  private static void addMatrix(ArrayNode into, double[] values, int offset, int columns) {
    addMatrix(into, values, offset, columns, columns);
  }

  private static void addMatrix(ArrayNode into, double[] values, int offset, int columns,
      int rows) {
    double[][] matrix = new double[rows][];
    for (int r = 0; r < rows; r++) {
      matrix[r] = Arrays.copyOfRange(values, offset + r * columns, offset + (r + 1) * columns);
    }
    MixtureJson.addRows(into, matrix);
  }

  /**
   * Reads parameters from a model file's JSON.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key, if a key is missing, has the
   *     wrong shape or type, or the parameters are invalid
   */
  public static GaussianMixtureParameters fromJson(JsonNode root, String source) {
    MixtureJson.checkHeader(root, FAMILY, source);
    CovarianceType type = CovarianceType.FULL;
    JsonNode typeNode = root.get("covarianceType");
    if (typeNode != null && !typeNode.isNull()) {
      try {
        type = CovarianceType.parse(typeNode.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": covarianceType: " + e.getMessage(), e);
      }
    }
    double[] weights = MixtureJson.vector(
        MixtureJson.required(root, "weights", source), "weights", source);
    double[][] means =
        MixtureJson.matrix(MixtureJson.required(root, "means", source), "means", source);
    double[] covariances = flatten(MixtureJson.required(root, "covariances", source),
        "covariances", depth(type), source);
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
      return MixtureJson.vector(node, key, source);
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
}
