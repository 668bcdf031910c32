package dev.sparkem.training;

import dev.sparkem.engine.FitResult;
import dev.sparkem.mixture.MixtureModel;
import java.util.List;

/**
 * The restarts of one trained mixture, of any family, and the one kept: what reports need.
 *
 * @param <P> the parameters of the family
 */
public interface TrainedMixture<P extends MixtureModel> {
  /** Every restart's result, in restart order. */
  List<FitResult<P>> restarts();

  /**
   * The index of the kept restart: the highest final log-likelihood among those that did not
   * degenerate (among all when every one did).
   */
  int best();

  /** The seed restart r started from. */
  long restartSeed(int r);

  /** The kept restart. */
  default FitResult<P> bestFit() {
    return restarts().get(best());
  }

  /** The kept model. */
  default P model() {
    return bestFit().model();
  }
}
