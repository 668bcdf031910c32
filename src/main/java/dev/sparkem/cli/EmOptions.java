package dev.sparkem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.training.GaussianKind;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** The options shared by the jobs that fit: weights, EM settings, restarts, ridge, blocks. */
final class EmOptions {
  @Option(names = "--weight-col", paramLabel = "COLUMN",
      description = "Column of row weights (finite, >= 0); a row of weight w counts as w rows.")
  String weightColumn;

  @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
      description = "Maximum number of EM iterations (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-3",
      description = "Stop when the mean log-likelihood per unit weight changes by less than TOL "
          + "(as scikit-learn's tol; default: ${DEFAULT-VALUE}). 0 runs exactly --max-iter "
          + "iterations.")
  double tolerance;

  @Option(names = "--rel-tol", paramLabel = "TOL", defaultValue = "0",
      description = "Also stop when that change is below TOL x |mean log-likelihood| "
          + "(default: ${DEFAULT-VALUE}, off).")
  double relativeTolerance;

  @Option(names = "--n-init", paramLabel = "N", defaultValue = "1",
      description = "Restarts from independent start points; the best final log-likelihood wins "
          + "and all restarts share each pass over the data (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the initialisation; restart r uses a seed derived from it "
          + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--reg-covar", paramLabel = "R",
      description = "Gaussian mixtures and hmm gaussian/full-gaussian emissions only: added to "
          + "every covariance's diagonal after each M-step, >= 0 (default: 1e-6 for mixtures, "
          + "0 for hmm).")
  Double regCovar;

  @Option(names = "--block-size-mb", paramLabel = "MB", defaultValue = "4",
      description = "Byte budget of one cached block of rows (default: ${DEFAULT-VALUE}).")
  double blockSizeMb;

  /**
   * The --reg-covar given, or the default 1e-6.
   *
   * @throws IllegalArgumentException naming --reg-covar if it is negative or not finite
   */
  double regCovar() {
    double value = regCovar == null ? GaussianKind.DEFAULT_REG_COVAR : regCovar;
    require(value >= 0 && Double.isFinite(value), "--reg-covar", value, ">= 0");
    return value;
  }

  /**
   * The EM settings of --max-iter, --tol and --rel-tol (and a check of --n-init).
   *
   * @throws IllegalArgumentException naming the option that is out of range
   */
  EmSettings settings() {
    require(maxIterations >= 0, "--max-iter", maxIterations, ">= 0");
    require(tolerance >= 0 && Double.isFinite(tolerance), "--tol", tolerance, ">= 0");
    require(relativeTolerance >= 0 && Double.isFinite(relativeTolerance), "--rel-tol",
        relativeTolerance, ">= 0");
    require(nInit >= 1, "--n-init", nInit, ">= 1");
    return new EmSettings(maxIterations, tolerance, relativeTolerance);
  }

  /** An option's check, with the message users see: "--tol is -1.0, expected >= 0". */
  private static void require(boolean holds, String option, Object value, String expected) {
    if (!holds) {
      throw new IllegalArgumentException(option + " is " + value + ", expected " + expected);
    }
  }

  /** Packs and caches the feature columns of {@code frame} (the weight column is not one). */
  PackedData pack(Dataset<Row> frame, List<String> featureNames) {
    return pack(frame, featureNames, Packing.DEFAULT);
  }

  /** As {@link #pack(Dataset, List)} with a family's value domain and layout. */
  PackedData pack(Dataset<Row> frame, List<String> featureNames, Packing packing) {
    if (!(blockSizeMb > 0)) {
      throw new IllegalArgumentException("--block-size-mb is " + blockSizeMb + ", expected > 0");
    }
    FeatureColumns features = FeatureColumns.resolve(frame, featureNames,
        weightColumn == null ? List.of() : List.of(weightColumn));
    return PackedData.pack(frame, features, weightColumn,
        packing.withBlockBytes((long) (blockSizeMb * (1 << 20))));
  }

  /** Records these options (not the family's settings) in a model file's provenance. */
  void record(ObjectNode node) {
    node.put("weightCol", weightColumn);
    node.put("seed", seed);
    node.put("nInit", nInit);
    node.put("maxIter", maxIterations);
    node.put("tol", tolerance);
    node.put("relTol", relativeTolerance);
  }
}
