package dev.sparkem.training;

import dev.sparkem.engine.FitResult;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import java.util.List;

/**
 * The restarts of one training and the one kept.
 *
 * @param options what was fitted
 * @param restarts every restart's result, in restart order
 * @param best the index of the kept restart: the highest final log-likelihood among those that
 *     did not degenerate (among all when every one did)
 */
public record TrainingResult(TrainingOptions options,
    List<FitResult<GaussianMixtureParameters>> restarts, int best) {
  public TrainingResult {
    restarts = List.copyOf(restarts);
  }

  /** The kept restart. */
  public FitResult<GaussianMixtureParameters> bestFit() {
    return restarts.get(best);
  }

  /** The kept model. */
  public GaussianMixtureParameters model() {
    return bestFit().model();
  }
}
