package dev.sparkem.training;

import dev.sparkem.engine.FitResult;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import java.util.List;

/**
 * The restarts of one Gaussian training and the one kept.
 *
 * @param options what was fitted
 * @param restarts every restart's result, in restart order
 * @param best the index of the kept restart: the highest final log-likelihood among those that
 *     did not degenerate (among all when every one did)
 */
public record TrainingResult(TrainingOptions options,
    List<FitResult<GaussianMixtureParameters>> restarts, int best)
    implements TrainedMixture<GaussianMixtureParameters> {
  public TrainingResult {
    restarts = List.copyOf(restarts);
  }

  @Override
  public long restartSeed(int r) {
    return options.restartSeed(r);
  }

  /** The kept restart. */
  @Override
  public FitResult<GaussianMixtureParameters> bestFit() {
    return restarts.get(best);
  }

  /** The kept model. */
  @Override
  public GaussianMixtureParameters model() {
    return bestFit().model();
  }
}
