package dev.sparkem.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The parameter tables of a model file. A mixture's: the components (weight and expected size),
 * the component centres ({@code means}, {@code theta}, {@code mu} or {@code rates}), the Gaussian
 * covariances in the shape of their {@code covarianceType}, and any other numeric array of one
 * or two dimensions with index labels. A hidden Markov model's ({@code family} "hmm"): the start
 * probabilities, the transition matrix and the emission's parameters per state (the symbol
 * probabilities; the means and the variances or covariances; or the rates). Wide tables are cut to their first {@value #MAX_COLUMNS}
 * columns and {@value #MAX_ROWS} rows, full covariances to the first {@value #MAX_MATRICES}
 * components, each with a note; model.json holds every number.
 */
final class ModelTables {
  static final int MAX_COLUMNS = 12;
  static final int MAX_ROWS = 50;
  static final int MAX_MATRICES = 10;
  private static final Map<String, String> CENTRES = Map.of(
      "means", "Means", "theta", "Word probabilities (theta)",
      "mu", "Probability of a 1 (mu)", "rates", "Poisson rates");
  /** Keys shown elsewhere in the report, or not parameters. */
  private static final Set<String> NOT_PARAMETERS = Set.of("weights", "covariances", "features",
      "logLikelihoodTrace", "restarts");

  private final JsonNode model;
  private final int k;
  private final int d;
  private final List<String> features;

  private ModelTables(JsonNode model) {
    this.model = model;
    this.k = model.path(isHmm(model) ? "states" : "k").asInt();
    this.d = model.path("dimension").asInt();
    List<String> names = new ArrayList<>();
    model.path("features").forEach(n -> names.add(n.asText()));
    this.features = names.size() == d ? names
        : IntStream.range(0, d).mapToObj(i -> "x" + i).toList();
  }

  /** The tables of {@code model}, a model file's JSON (see the README's model.json). */
  static List<Table> of(JsonNode model) {
    return new ModelTables(model).tables();
  }

  private static boolean isHmm(JsonNode model) {
    return model.path("family").asText("").equals("hmm");
  }

  private List<Table> tables() {
    if (isHmm(model)) {
      return hmmTables();
    }
    List<Table> tables = new ArrayList<>();
    String type = model.path("covarianceType").asText("");
    JsonNode covariances = model.get("covariances");
    tables.add(components(type.equals("spherical") ? covariances : null));
    model.fieldNames().forEachRemaining(key -> {
      JsonNode value = model.get(key);
      if (CENTRES.containsKey(key) && value.isArray()) {
        tables.add(matrix(key, CENTRES.get(key), "component", componentLabels(),
            features, rows(value)));
      } else if (!NOT_PARAMETERS.contains(key) && isNumbers(value, 1)) {
        tables.add(matrix(key, key, "", List.of(key), indexLabels(value.size()),
            new double[][] {vector(value)}));
      } else if (!NOT_PARAMETERS.contains(key) && isNumbers(value, 2)) {
        tables.add(matrix(key, key, "", indexLabels(value.size()),
            indexLabels(value.get(0).size()), rows(value)));
      }
    });
    if (covariances != null) {
      switch (type) {
        case "full" -> fullCovariances(tables, "component", covariances);
        case "tied" -> tables.add(matrix("covariance", "Covariance shared by every component",
            "", features, features, rows(covariances)));
        case "diag" -> tables.add(matrix("variances", "Variances (diagonal covariances)",
            "component", componentLabels(), features, rows(covariances)));
        default -> { }
      }
    }
    return tables;
  }

  /**
   * The tables of a hidden Markov model (see the README's HMM model.json): start probabilities,
   * transitions from row state to column state, and the emission per state.
   */
  private List<Table> hmmTables() {
    List<Table> tables = new ArrayList<>();
    List<String> states = componentLabels();
    tables.add(matrix("start", "Start probabilities", "state", states,
        List.of("start probability"), column(vector(model.path("start")))));
    tables.add(matrix("transitions", "Transition probabilities (row: from state, column: to "
        + "state)", "from \\ to", states, states, rows(model.path("transitions"))));
    switch (model.path("emission").asText("")) {
      case "categorical" -> tables.add(matrix("emission-probabilities", "Emission probabilities "
          + "(row: state, column: symbol)", "state", states,
          indexLabels(model.path("symbols").asInt()), rows(model.path("emissionProbabilities"))));
      case "poisson" -> tables.add(matrix("rates", "Poisson rates", "state", states,
          List.of("rate"), column(vector(model.path("rates")))));
      default -> {
        tables.add(matrix("means", "Means", "state", states, features,
            rows(model.path("means"))));
        if (model.has("variances")) {
          tables.add(matrix("variances", "Variances (diagonal covariances)", "state", states,
              features, rows(model.path("variances"))));
        } else {
          fullCovariances(tables, "state", model.path("covariances"));
        }
      }
    }
    return tables;
  }

  /**
   * Adds the full covariance of each of the first {@value #MAX_MATRICES} components or states
   * ({@code unit}), with a note when some are left out.
   */
  private void fullCovariances(List<Table> tables, String unit, JsonNode covariances) {
    for (int j = 0; j < Math.min(k, MAX_MATRICES); j++) {
      tables.add(matrix("covariance-" + j, "Covariance of " + unit + " " + j, "", features,
          features, rows(covariances.get(j))));
    }
    if (k > MAX_MATRICES) {
      tables.get(tables.size() - 1).note("The covariances of " + unit + "s " + MAX_MATRICES
          + " to " + (k - 1) + " are in model.json.");
    }
  }

  /** {@code values} as a one-column matrix. */
  private static double[][] column(double[] values) {
    double[][] column = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      column[i] = new double[] {values[i]};
    }
    return column;
  }

  /** Weight and expected size of each component (and its variance, when spherical). */
  private Table components(JsonNode sphericalVariances) {
    double totalWeight = model.path("totalWeight").asDouble(Double.NaN);
    List<String> header = new ArrayList<>(List.of("component", "weight",
        "expected size (weight x total weight)"));
    if (sphericalVariances != null) {
      header.add("variance (spherical)");
    }
    Table table = new Table("components", "Components", header);
    double[] weights = vector(model.path("weights"));
    for (int j = 0; j < weights.length; j++) {
      Object size = Double.isNaN(totalWeight) ? null : weights[j] * totalWeight;
      if (sphericalVariances != null) {
        table.row(j, weights[j], size, sphericalVariances.get(j).asDouble());
      } else {
        table.row(j, weights[j], size);
      }
    }
    return table.note("The expected size of a component is the sum of its responsibilities "
        + "(posterior probabilities) over the rows, weighted.");
  }

  /**
   * A table of {@code values} with a label column; cut to {@value #MAX_ROWS} rows and
   * {@value #MAX_COLUMNS} columns with a note.
   */
  private static Table matrix(String id, String caption, String corner, List<String> rowLabels,
      List<String> columnLabels, double[][] values) {
    int rows = Math.min(values.length, MAX_ROWS);
    int columns = Math.min(columnLabels.size(), MAX_COLUMNS);
    List<String> header = new ArrayList<>();
    header.add(corner);
    header.addAll(columnLabels.subList(0, columns));
    Table table = new Table(id, caption, header);
    for (int r = 0; r < rows; r++) {
      Object[] cells = new Object[columns + 1];
      cells[0] = rowLabels.get(r);
      for (int c = 0; c < columns; c++) {
        cells[c + 1] = values[r][c];
      }
      table.row(cells);
    }
    if (rows < values.length || columns < columnLabels.size()) {
      table.note("Showing " + rows + " of " + values.length + " rows and " + columns + " of "
          + columnLabels.size() + " columns; model.json holds every number.");
    }
    return table;
  }

  private List<String> componentLabels() {
    return IntStream.range(0, k).mapToObj(Integer::toString).toList();
  }

  private static List<String> indexLabels(int n) {
    return IntStream.range(0, n).mapToObj(Integer::toString).toList();
  }

  /** Whether {@code node} is an array of numbers ({@code depth} 1) or of such arrays (2). */
  private static boolean isNumbers(JsonNode node, int depth) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      return false;
    }
    for (JsonNode element : node) {
      if (depth == 1 ? !element.isNumber() : !isNumbers(element, depth - 1)) {
        return false;
      }
    }
    return true;
  }

  static double[] vector(JsonNode node) {
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = node.get(i).asDouble();
    }
    return values;
  }

  private static double[][] rows(JsonNode node) {
    double[][] rows = new double[node.size()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = vector(node.get(r));
    }
    return rows;
  }
}
