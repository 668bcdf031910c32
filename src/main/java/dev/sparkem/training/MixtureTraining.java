package dev.sparkem.training;

import dev.sparkem.engine.FitResult;
import dev.sparkem.mixture.MixtureModel;
import java.util.List;

/**
 * The restarts of one {@link TrainingPlan} and the one kept.
 *
 * @param plan what was trained
 * @param restarts every restart's result, in restart order
 * @param best the index of the kept restart (see {@link TrainedMixture#best()})
 * @param <P> the parameters of the family
 */
public record MixtureTraining<P extends MixtureModel>(TrainingPlan<P> plan,
    List<FitResult<P>> restarts, int best) implements TrainedMixture<P> {
  public MixtureTraining {
    restarts = List.copyOf(restarts);
  }

  @Override
  public long restartSeed(int r) {
    return plan.restartSeed(r);
  }
}
