package dev.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.hmm.BaumWelchSettings;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.SequenceLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/**
 * The options of the hidden Markov model jobs ({@code fit --family hmm}, {@code decode}): where
 * the sequences are in the input (array or long layout), the emission, and the M-step's
 * pseudo-counts and fixed parts.
 */
final class HmmOptions {
  /** The array column read when neither --sequence-col nor --position-col is given. */
  static final String DEFAULT_SEQUENCE_COLUMN = "sequence";
  /** The id column used when present and --id-col is not given (array layout). */
  static final String DEFAULT_ID_COLUMN = "id";

  @Option(names = "--emission", paramLabel = "TYPE",
      description = "hmm only: categorical (symbols 0..M-1), gaussian (diagonal covariance), "
          + "full-gaussian or poisson (counts) (default: categorical).")
  String emission;

  @Option(names = "--sequence-col", paramLabel = "COLUMN",
      description = "hmm only, array layout: the array column holding one sequence per row "
          + "(array<int> for symbols and counts, array<double> or array<array<double>> for real "
          + "observations) (default: " + DEFAULT_SEQUENCE_COLUMN + ", unless --position-col "
          + "selects the long layout).")
  String sequenceColumn;

  @Option(names = "--id-col", paramLabel = "COLUMN",
      description = "hmm only: the integer sequence id column; required by the long layout; in "
          + "the array layout the default is the '" + DEFAULT_ID_COLUMN + "' column if there is "
          + "one, else the row number.")
  String idColumn;

  @Option(names = "--position-col", paramLabel = "COLUMN",
      description = "hmm only: selects the long layout (one observation per row): the numeric "
          + "column ordering the observations of a sequence; --features names the observation "
          + "columns (one integer column for categorical and poisson).")
  String positionColumn;

  @Option(names = "--presorted", arity = "0..1", paramLabel = "true|false",
      description = "hmm only, long layout: the input is already partitioned by sequence id and "
          + "ordered by position within each sequence; sequences are assembled where they are, "
          + "with no shuffle (default: one repartition by id and a sort, done once and cached).")
  boolean presorted;

  @Option(names = "--symbols", paramLabel = "M",
      description = "hmm, categorical only: the number of symbols M (default: the largest "
          + "symbol in the data plus 1).")
  Integer symbols;

  @Option(names = "--start-pseudo-count", paramLabel = "A",
      description = "hmm only: Dirichlet pseudo-count added to every expected initial-state "
          + "count (default: 0).")
  Double startPseudoCount;

  @Option(names = "--transition-pseudo-count", paramLabel = "A",
      description = "hmm only: Dirichlet pseudo-count added to every expected transition count, "
          + "so no transition probability collapses to 0 (default: 0).")
  Double transitionPseudoCount;

  @Option(names = "--emission-pseudo-count", paramLabel = "B",
      description = "hmm, categorical only: Dirichlet pseudo-count added to every expected "
          + "symbol count (default: 0).")
  Double emissionPseudoCount;

  @Option(names = "--fix-start", arity = "0..1", paramLabel = "true|false",
      description = "hmm only: keep the start distribution of the start point (usually an "
          + "--init model file) instead of learning it.")
  boolean fixStart;

  @Option(names = "--fix-transitions", arity = "0..1", paramLabel = "true|false",
      description = "hmm only: keep the transition matrix of the start point instead of "
          + "learning it.")
  boolean fixTransitions;

  /** The options given (not null / set), by name, for "does not apply" checks. */
  Map<String, Object> given() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("--emission", emission);
    given.put("--sequence-col", sequenceColumn);
    given.put("--id-col", idColumn);
    given.put("--position-col", positionColumn);
    given.put("--presorted", presorted ? true : null);
    given.put("--symbols", symbols);
    given.put("--start-pseudo-count", startPseudoCount);
    given.put("--transition-pseudo-count", transitionPseudoCount);
    given.put("--emission-pseudo-count", emissionPseudoCount);
    given.put("--fix-start", fixStart ? true : null);
    given.put("--fix-transitions", fixTransitions ? true : null);
    given.values().removeIf(v -> v == null);
    return given;
  }

  /**
   * Rejects every hmm option given to a job that fits a mixture.
   *
   * @throws IllegalArgumentException naming the first such option
   */
  void rejectFor(String family) {
    given().keySet().stream().findFirst().ifPresent(option -> {
      throw new IllegalArgumentException(option + " does not apply to the " + family
          + " family (it is an option of --family hmm)");
    });
  }

  /** The emission type of --emission (default categorical). */
  EmissionType emissionType() {
    try {
      return emission == null ? EmissionType.CATEGORICAL : EmissionType.parse(emission);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + e.getMessage(), e);
    }
  }

  /**
   * The M-step's settings.
   *
   * @param regCovar the command's --reg-covar, or null when not given (then 0)
   * @param rateFloor the command's --rate-floor, or null when not given (then 0)
   * @throws IllegalArgumentException naming an option out of range, or an emission option given
   *     for another emission: --emission-pseudo-count (categorical only), --reg-covar (gaussian
   *     and full-gaussian only), --rate-floor (poisson only)
   */
  BaumWelchSettings estimation(EmissionType type, Double regCovar, Double rateFloor) {
    requireEmission(emissionPseudoCount, "--emission-pseudo-count", type,
        EmissionType.CATEGORICAL);
    requireEmission(regCovar, "--reg-covar", type, EmissionType.GAUSSIAN,
        EmissionType.FULL_GAUSSIAN);
    requireEmission(rateFloor, "--rate-floor", type, EmissionType.POISSON);
    require(startPseudoCount, "--start-pseudo-count");
    require(transitionPseudoCount, "--transition-pseudo-count");
    require(emissionPseudoCount, "--emission-pseudo-count");
    require(regCovar, "--reg-covar");
    require(rateFloor, "--rate-floor");
    return new BaumWelchSettings(value(startPseudoCount), value(transitionPseudoCount),
        value(emissionPseudoCount), !fixStart, !fixTransitions, value(regCovar),
        value(rateFloor));
  }

  private static void requireEmission(Double value, String option, EmissionType type,
      EmissionType... applicable) {
    if (value != null && !java.util.List.of(applicable).contains(type)) {
      throw new IllegalArgumentException(option + " does not apply to " + type
          + " emissions, only to " + java.util.Arrays.stream(applicable)
              .map(EmissionType::toString).collect(java.util.stream.Collectors.joining(" and "))
          + " ones");
    }
  }

  private static double value(Double option) {
    return option == null ? 0.0 : option;
  }

  private static void require(Double value, String option) {
    if (value != null && !(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(option + " is " + value + ", expected a finite number"
          + " >= 0");
    }
  }

  /**
   * Where the sequences are: the long layout when --position-col is given (or recorded in
   * {@code recorded}, a model file's layout), else the array layout.
   *
   * @param features --features: the observation columns of the long layout
   * @param weightColumn --weight-col (array layout only), or null
   * @param recorded the layout keys of a model file (decode), or null
   * @throws IllegalArgumentException naming the option, if the options do not make a layout
   */
  SequenceLayout layout(Dataset<Row> frame, List<String> features, String weightColumn,
      JsonNode recorded) {
    String position = positionColumn != null || sequenceColumn != null ? positionColumn
        : text(recorded, "positionCol");
    String id = idColumn != null ? idColumn : text(recorded, "idCol");
    if (position != null) {
      if (sequenceColumn != null) {
        throw new IllegalArgumentException("--sequence-col and --position-col are two layouts,"
            + " expected one of them");
      }
      if (id == null) {
        throw new IllegalArgumentException("the long layout (--position-col " + position
            + ") needs --id-col");
      }
      if (weightColumn != null) {
        throw new IllegalArgumentException("--weight-col does not apply to the long layout "
            + "(--position-col), only to one sequence per row (--sequence-col)");
      }
      List<String> observations = new ArrayList<>(features);
      if (observations.isEmpty() && recorded != null && recorded.has("observationCols")) {
        recorded.get("observationCols").forEach(n -> observations.add(n.asText()));
      }
      if (observations.isEmpty()) {
        throw new IllegalArgumentException("the long layout (--position-col " + position
            + ") needs --features naming the observation columns");
      }
      return SequenceLayout.longFormat(id, position, observations, presorted);
    }
    if (presorted) {
      throw new IllegalArgumentException("--presorted applies to the long layout "
          + "(--position-col) only: the array layout is never shuffled");
    }
    if (!features.isEmpty()) {
      throw new IllegalArgumentException("--features names observation columns of the long "
          + "layout (--position-col); the array layout reads --sequence-col");
    }
    String sequence = sequenceColumn != null ? sequenceColumn
        : text(recorded, "sequenceCol") != null ? text(recorded, "sequenceCol")
        : DEFAULT_SEQUENCE_COLUMN;
    if (id == null && Arrays.asList(frame.columns()).contains(DEFAULT_ID_COLUMN)) {
      id = DEFAULT_ID_COLUMN;
    }
    return SequenceLayout.array(sequence, id, weightColumn);
  }

  private static String text(JsonNode node, String key) {
    return node == null || !node.hasNonNull(key) ? null : node.get(key).asText();
  }

  /** Writes the layout's columns to a model file, for decode's defaults. */
  static void record(ObjectNode node, SequenceLayout layout) {
    node.put("sequenceCol", layout.sequenceColumn());
    node.put("idCol", layout.idColumn());
    node.put("positionCol", layout.positionColumn());
    layout.observationColumns().forEach(node.putArray("observationCols")::add);
  }
}
