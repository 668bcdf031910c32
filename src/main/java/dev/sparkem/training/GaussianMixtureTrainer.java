package dev.sparkem.training;

import dev.sparkem.data.PackedData;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains Gaussian mixtures: the {@link MixtureTrainer} with a {@link GaussianKind} per
 * {@link TrainingOptions}. Makes the start points of every restart (and of every model of a
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
    return trainAll(data, List.of(options), given, listener).get(0);
  }

  /**
   * Trains several models (a grid of k and covariance types) in shared passes, each with its own
   * restarts.
   *
   * @throws IllegalArgumentException if the options differ in their EM settings
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
    List<TrainingPlan<GaussianMixtureParameters>> plans = new ArrayList<>();
    for (TrainingOptions options : grid) {
      plans.add(new TrainingPlan<>(new GaussianKind(options.type(), options.regCovar()),
          options.k(), options.init(), options.nInit(), options.seed(), given));
    }
    List<MixtureTraining<?>> trainings =
        MixtureTrainer.trainAll(data, plans, grid.get(0).settings(), listener);
    List<TrainingResult> results = new ArrayList<>();
    for (int i = 0; i < grid.size(); i++) {
      results.add(new TrainingResult(grid.get(i), gaussian(trainings.get(i)).restarts(),
          trainings.get(i).best()));
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  private static MixtureTraining<GaussianMixtureParameters> gaussian(MixtureTraining<?> t) {
    return (MixtureTraining<GaussianMixtureParameters>) t;
  }
}
