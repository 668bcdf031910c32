package dev.sparkem.training;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitSpec;
import dev.sparkem.engine.FitStatus;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.GaussianInitializer;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains Gaussian mixtures: makes the start points of every restart (and of every model of a
 * grid), fits them all together so that each EM iteration reads the data once for all of them,
 * and keeps the best restart of each model.
 */
public final class GaussianMixtureTrainer {
  private GaussianMixtureTrainer() {}

  /**
   * Trains one model with {@code options.nInit()} restarts.
   *
   * @param given a start point to use instead of {@code options.init()} (then nInit must be 1),
   *     or {@code null}
   * @throws IllegalArgumentException if {@code given} does not match the options or data
   */
  public static TrainingResult train(PackedData data, TrainingOptions options,
      GaussianMixtureParameters given, IterationListener listener) {
    if (given != null) {
      checkGiven(given, options, data);
    }
    return trainAll(data, List.of(options), given, listener).get(0);
  }

  /**
   * Trains several models (a grid of k and covariance types) in shared passes, each with its own
   * restarts.
   */
  public static List<TrainingResult> trainAll(PackedData data, List<TrainingOptions> grid,
      IterationListener listener) {
    return trainAll(data, grid, null, listener);
  }

  private static List<TrainingResult> trainAll(PackedData data, List<TrainingOptions> grid,
      GaussianMixtureParameters given, IterationListener listener) {
    if (grid.stream().map(TrainingOptions::settings).distinct().count() > 1) {
      throw new IllegalArgumentException("a grid is fitted under one set of EM settings");
    }
    List<FitSpec<RowBlock, ?, ?>> specs = new ArrayList<>();
    for (TrainingOptions options : grid) {
      GaussianMixtureFamily family = new GaussianMixtureFamily(options.type(), options.regCovar());
      for (int r = 0; r < options.nInit(); r++) {
        GaussianMixtureParameters start = given != null ? given
            : GaussianInitializer.start(options.init(), data, options.k(), options.type(),
                options.restartSeed(r), options.regCovar());
        specs.add(new FitSpec<>(family, start));
      }
    }
    List<FitResult<?>> fits = ExpectationMaximization.fitAll(
        data.blocks(), specs, grid.get(0).settings(), listener);
    List<TrainingResult> results = new ArrayList<>();
    int next = 0;
    for (TrainingOptions options : grid) {
      List<FitResult<GaussianMixtureParameters>> restarts = new ArrayList<>();
      for (int r = 0; r < options.nInit(); r++) {
        restarts.add(cast(fits.get(next++)));
      }
      results.add(new TrainingResult(options, restarts, best(restarts)));
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  private static FitResult<GaussianMixtureParameters> cast(FitResult<?> fit) {
    return (FitResult<GaussianMixtureParameters>) fit;
  }

  private static int best(List<FitResult<GaussianMixtureParameters>> restarts) {
    boolean anyValid = restarts.stream().anyMatch(f -> f.status() != FitStatus.DEGENERATE);
    int best = -1;
    for (int r = 0; r < restarts.size(); r++) {
      FitResult<GaussianMixtureParameters> fit = restarts.get(r);
      if (anyValid && fit.status() == FitStatus.DEGENERATE) {
        continue;
      }
      if (best < 0 || fit.logLikelihood() > restarts.get(best).logLikelihood()) {
        best = r;
      }
    }
    return best;
  }

  private static void checkGiven(GaussianMixtureParameters given, TrainingOptions options,
      PackedData data) {
    if (options.nInit() != 1) {
      throw new IllegalArgumentException(
          "nInit is " + options.nInit() + " but a start point was given, expected 1");
    }
    if (given.k() != options.k() || given.covarianceType() != options.type()) {
      throw new IllegalArgumentException("the start point has k=" + given.k() + " and "
          + given.covarianceType() + " covariances, expected k=" + options.k() + " and "
          + options.type());
    }
    if (given.dimension() != data.dimension()) {
      throw new IllegalArgumentException("the start point has dimension " + given.dimension()
          + ", the input has " + data.dimension() + " features " + data.features().names());
    }
    data.requireRowsFor(given.k());
  }
}
