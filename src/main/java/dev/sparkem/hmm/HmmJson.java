package dev.sparkem.hmm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.mixture.MixtureJson;

/**
 * The parameters part of an HMM's JSON model file:
 * <pre>
 * { "format": "spark-em-model", "formatVersion": 1, "family": "hmm",
 *   "emission": "categorical" | "gaussian" | "full-gaussian" | "poisson",
 *   "states": n, "dimension": d,
 *   "start": [n probabilities], "transitions": [n rows of n probabilities],
 *   categorical:   "symbols": M, "emissionProbabilities": [n rows of M]
 *   gaussian:      "means": [n rows of d], "variances": [n rows of d]  (diagonal covariance)
 *   full-gaussian: "means": [n rows of d], "covariances": [n matrices d×d]
 *   poisson:       "rates": [n] }
 * </pre>
 * {@code dimension} is 1 for categorical and Poisson emissions. Numbers are written as Java's
 * shortest round-trip decimal, so writing and reading gives back the same doubles bit for bit.
 * Reading requires {@code family} to be {@code hmm} (a model file without it is a Gaussian
 * mixture) and refuses a {@code formatVersion} newer than {@link MixtureJson#FORMAT_VERSION};
 * other keys (the fit's record written by the jobs) are ignored. Every read error is an
 * {@link IllegalArgumentException} naming the source and the key.
 */
public final class HmmJson {
  /** The value of {@code family}. */
  public static final String FAMILY = "hmm";

  private HmmJson() {}

  /** The parameters as a JSON object with the keys above. */
  public static ObjectNode toJson(HmmParameters params) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", MixtureJson.FORMAT);
    root.put("formatVersion", MixtureJson.FORMAT_VERSION);
    root.put("family", FAMILY);
    Emission emission = params.emission();
    EmissionType type = EmissionType.of(emission);
    root.put("emission", type.toString());
    root.put("states", params.states());
    root.put("dimension", dimension(emission));
    ArrayNode start = root.putArray("start");
    for (double p : params.startArray()) {
      start.add(p);
    }
    MixtureJson.addRows(root.putArray("transitions"), params.transitions());
    switch (type) {
      case CATEGORICAL -> {
        CategoricalEmission e = (CategoricalEmission) emission;
        root.put("symbols", e.symbols());
        MixtureJson.addRows(root.putArray("emissionProbabilities"), e.probabilities());
      }
      case GAUSSIAN -> {
        GaussianEmission e = (GaussianEmission) emission;
        MixtureJson.addRows(root.putArray("means"), e.means());
        MixtureJson.addRows(root.putArray("variances"), e.variances());
      }
      case FULL_GAUSSIAN -> {
        FullGaussianEmission e = (FullGaussianEmission) emission;
        MixtureJson.addRows(root.putArray("means"), e.means());
        ArrayNode covariances = root.putArray("covariances");
        for (double[][] matrix : e.covariances()) {
          MixtureJson.addRows(covariances.addArray(), matrix);
        }
      }
      case POISSON -> {
        ArrayNode rates = root.putArray("rates");
        for (double rate : ((PoissonEmission) emission).rates()) {
          rates.add(rate);
        }
      }
    }
    return root;
  }

  /** The dimension d of one observation: 1 for symbols and counts. */
  public static int dimension(Emission emission) {
    if (emission instanceof GaussianEmission e) {
      return e.dimension();
    }
    if (emission instanceof FullGaussianEmission e) {
      return e.dimension();
    }
    return 1;
  }

  /**
   * Parses the text of a model file.
   *
   * @param source where the text came from, for messages
   * @throws IllegalArgumentException naming the source: not JSON (a truncated or corrupt file,
   *     with the line and column where parsing stopped), or as {@link #fromJson}
   */
  public static HmmParameters parse(String text, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON (truncated or corrupt?): "
          + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + " column "
          + e.getLocation().getColumnNr(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException(source + " is empty, expected a JSON model file");
    }
    return fromJson(root, source);
  }

  /**
   * Reads parameters from a model file's JSON.
   *
   * @param source where the JSON came from, for messages
   * @throws IllegalArgumentException naming the source and key, if the family is not hmm, the
   *     format version is newer than this code reads, a key is missing or has the wrong shape or
   *     type, or the parameters are invalid
   */
  public static HmmParameters fromJson(JsonNode root, String source) {
    MixtureJson.checkHeader(root, FAMILY, source);
    MixtureJson.required(root, "family", source);
    EmissionType type;
    try {
      type = EmissionType.parse(MixtureJson.required(root, "emission", source).asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    double[] start = MixtureJson.vector(MixtureJson.required(root, "start", source), "start",
        source);
    double[][] transitions = MixtureJson.matrix(
        MixtureJson.required(root, "transitions", source), "transitions", source);
    JsonNode states = root.get("states");
    if (states != null && states.asInt() != start.length) {
      throw new IllegalArgumentException(source + ": states is " + states + " but start has "
          + start.length + " entries");
    }
    try {
      return HmmParameters.stored(start, transitions, emission(root, type, source));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static Emission emission(JsonNode root, EmissionType type, String source) {
    return switch (type) {
      case CATEGORICAL -> CategoricalEmission.stored(matrix(root, "emissionProbabilities",
          source));
      case GAUSSIAN -> GaussianEmission.diagonal(matrix(root, "means", source),
          matrix(root, "variances", source));
      case FULL_GAUSSIAN -> {
        JsonNode node = MixtureJson.required(root, "covariances", source);
        if (!node.isArray()) {
          throw new IllegalArgumentException(source + ": covariances must be an array of "
              + "matrices");
        }
        double[][][] covariances = new double[node.size()][][];
        for (int k = 0; k < covariances.length; k++) {
          covariances[k] = MixtureJson.matrix(node.get(k), "covariances[" + k + "]", source);
        }
        yield FullGaussianEmission.of(matrix(root, "means", source), covariances);
      }
      case POISSON -> PoissonEmission.of(MixtureJson.vector(
          MixtureJson.required(root, "rates", source), "rates", source));
    };
  }

  private static double[][] matrix(JsonNode root, String key, String source) {
    return MixtureJson.matrix(MixtureJson.required(root, key, source), key, source);
  }
}
